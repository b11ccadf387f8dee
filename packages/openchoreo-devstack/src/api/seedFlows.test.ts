import { startOpenChoreoApi, type RunningOpenChoreoApi } from './server';
import { startTestIdp, type TestIdp } from './__testUtils__/testIdp';

let idp: TestIdp;
let api: RunningOpenChoreoApi;
let token: string;
const lines: string[] = [];

beforeAll(async () => {
  idp = await startTestIdp();
  token = await idp.token();
  api = await startOpenChoreoApi({
    auth: { issuer: idp.issuer, jwksUri: idp.jwksUri },
    logger: line => lines.push(line),
  });
});
afterAll(async () => {
  await api.close();
  await idp.close();
});

/** Plain HTTP, like the curl calls of the seed documents. */
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

describe('seed 001: the built-in build step publishes a Workload (POST, on 409 PUT)', () => {
  const workload = (image: string) => ({
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind: 'Workload',
    metadata: { name: 'legacy-monolith-workload', namespace: 'default' },
    spec: {
      owner: {
        projectName: 'legacy-systems',
        componentName: 'legacy-monolith',
      },
      container: { image },
    },
  });

  it('creates, conflicts, then replaces', async () => {
    const first = await http(
      'POST',
      '/api/v1/namespaces/default/workloads',
      workload('reg/app:1'),
    );
    expect(first.status).toBe(201);
    const again = await http(
      'POST',
      '/api/v1/namespaces/default/workloads',
      workload('reg/app:2'),
    );
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      error: 'Workload already exists',
      code: 'CONFLICT',
    });
    const replaced = await http(
      'PUT',
      '/api/v1/namespaces/default/workloads/legacy-monolith-workload',
      workload('reg/app:2'),
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body.spec.container.image).toBe('reg/app:2');
    expect(replaced.body.metadata.uid).toBe(first.body.metadata.uid);
  });

  it('does not upsert on PUT', async () => {
    const res = await http(
      'PUT',
      '/api/v1/namespaces/default/workloads/nobody-workload',
      {
        metadata: { name: 'nobody-workload' },
        spec: {
          owner: {
            projectName: 'demo-project',
            componentName: 'inventory-api',
          },
          container: { image: 'x' },
        },
      },
    );
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: 'Workload not found',
      code: 'NOT_FOUND',
    });
  });

  it('logs every request in one line', () => {
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^POST \/api\/v1\/namespaces\/default\/workloads 409 \d+\.\dms$/,
      ),
    );
  });
});

describe("seed 000: the Jenkinsfile's legacy project-scoped workload route", () => {
  const legacy =
    '/api/v1/namespaces/default/projects/demo-project/components/inventory-api/workloads';

  it("replaces the image of the component's workload and answers 201", async () => {
    const before = await http(
      'GET',
      '/api/v1/namespaces/default/workloads/inventory-api-workload',
    );
    expect(before.body.spec.container.image).toBe(
      'registry.example.com/inventory-api:41',
    );
    const res = await http('POST', legacy, {
      containers: { main: { image: 'registry.example.com/inventory-api:42' } },
    });
    expect(res.status).toBe(201);
    const after = await http(
      'GET',
      '/api/v1/namespaces/default/workloads/inventory-api-workload',
    );
    expect(after.body.spec.container).toEqual({
      image: 'registry.example.com/inventory-api:42',
    });
    expect(after.body.spec.endpoints).toEqual(before.body.spec.endpoints);
    const all = await http(
      'GET',
      '/api/v1/namespaces/default/workloads?component=inventory-api',
    );
    expect(all.body.items).toHaveLength(1);
  });

  it('creates <component>-workload when the component has none, from the first container', async () => {
    const res = await http(
      'POST',
      '/api/v1/namespaces/default/projects/demo-project/components/storefront-web/workloads',
      {
        containers: {
          web: { image: 'ghcr.io/acme/storefront:7', args: ['--port', '3000'] },
        },
      },
    );
    expect(res.status).toBe(201);
    expect(res.body.metadata.name).toBe('storefront-web-workload');
    expect(res.body.spec).toEqual({
      owner: { projectName: 'demo-project', componentName: 'storefront-web' },
      container: {
        image: 'ghcr.io/acme/storefront:7',
        args: ['--port', '3000'],
      },
    });
  });

  it('answers 404 for a component outside the project and 400 without an image', async () => {
    const wrongProject = await http(
      'POST',
      '/api/v1/namespaces/default/projects/legacy-systems/components/inventory-api/workloads',
      { containers: { main: { image: 'x:1' } } },
    );
    expect(wrongProject.status).toBe(404);
    expect(wrongProject.body).toEqual({
      error: 'Component not found',
      code: 'NOT_FOUND',
    });
    const noImage = await http('POST', legacy, { containers: { main: {} } });
    expect(noImage.status).toBe(400);
    expect(noImage.body.code).toBe('BAD_REQUEST');
  });
});
