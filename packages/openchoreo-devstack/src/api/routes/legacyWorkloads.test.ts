import { startOpenChoreoApi, type RunningOpenChoreoApi } from '../server';
import { startTestIdp, type TestIdp } from '../__testUtils__/testIdp';

// Seed 000's debug tip, exactly as printed: curl -H "Authorization: Bearer $TOKEN" \
//   "$OPENCHOREO_API_URL/api/v1/namespaces/$NAMESPACE/projects/$PROJECT/components/$COMPONENT/workloads"

let idp: TestIdp;
let api: RunningOpenChoreoApi;
let token: string;

beforeAll(async () => {
  idp = await startTestIdp();
  token = await idp.token();
  api = await startOpenChoreoApi({
    auth: { issuer: idp.issuer, jwksUri: idp.jwksUri },
  });
});
afterAll(async () => {
  await api.close();
  await idp.close();
});

const legacyPath = (project: string, component: string) =>
  `/api/v1/namespaces/default/projects/${project}/components/${component}/workloads`;

async function http(method: string, path: string, body?: unknown) {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

describe("GET on seed 000's legacy workload path", () => {
  it("answers the component's workload in the v1 list shape", async () => {
    const res = await http('GET', legacyPath('demo-project', 'inventory-api'));
    expect(res.status).toBe(200);
    expect(res.body.pagination).toEqual({});
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'Workload',
      metadata: { name: 'inventory-api-workload', namespace: 'default' },
      spec: {
        owner: { projectName: 'demo-project', componentName: 'inventory-api' },
        container: { image: 'registry.example.com/inventory-api:41' },
      },
    });
  });

  it('shows what the POST of the same path just published', async () => {
    const path = legacyPath('legacy-systems', 'legacy-monolith');
    expect((await http('GET', path)).body.items).toEqual([]);
    const posted = await http('POST', path, {
      containers: { main: { image: 'registry.example.com/monolith:7' } },
    });
    expect(posted.status).toBe(201);
    const res = await http('GET', path);
    expect(
      res.body.items.map(
        (w: { spec: { container: { image: string } } }) =>
          w.spec.container.image,
      ),
    ).toEqual(['registry.example.com/monolith:7']);
  });

  it('pages with limit and cursor when a component has several workloads', async () => {
    const created = await http('POST', '/api/v1/namespaces/default/workloads', {
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'Workload',
      metadata: { name: 'inventory-api-canary', namespace: 'default' },
      spec: {
        owner: { projectName: 'demo-project', componentName: 'inventory-api' },
        container: { image: 'registry.example.com/inventory-api:43' },
      },
    });
    expect(created.status).toBe(201);
    const path = legacyPath('demo-project', 'inventory-api');
    const first = await http('GET', `${path}?limit=1`);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.pagination.nextCursor).toEqual(expect.any(String));
    const second = await http(
      'GET',
      `${path}?limit=1&cursor=${first.body.pagination.nextCursor}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.pagination).toEqual({});
    expect(
      [first, second].map(page => page.body.items[0].metadata.name).sort(),
    ).toEqual(['inventory-api-canary', 'inventory-api-workload']);
  });

  it('answers 404 for an unknown project, or a component of another project', async () => {
    const noProject = await http('GET', legacyPath('nope', 'inventory-api'));
    expect(noProject.status).toBe(404);
    expect(noProject.body).toEqual({
      error: 'Project not found',
      code: 'NOT_FOUND',
    });
    const elsewhere = await http(
      'GET',
      legacyPath('legacy-systems', 'inventory-api'),
    );
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body).toEqual({
      error: 'Component not found',
      code: 'NOT_FOUND',
    });
  });

  it('requires the bearer token like every other route', async () => {
    const res = await fetch(
      `${api.url}${legacyPath('demo-project', 'inventory-api')}`,
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'MISSING_TOKEN' });
  });
});
