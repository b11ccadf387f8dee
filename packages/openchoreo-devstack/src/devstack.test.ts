import { startDevstack, type Devstack } from './devstack';
import { describeDevstack } from './describeDevstack';
import { CHECKOUT_PROJECT } from './gitlab';

/** A client-credentials token, requested exactly like seed 000's Jenkinsfile does. */
async function tokenFor(devstack: Devstack) {
  const { clientId, clientSecret } = devstack.idp.clients.workloadPublisher;
  const res = await fetch(devstack.idp.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('startDevstack', () => {
  let devstack: Devstack;
  let api: (path: string, init?: RequestInit) => Promise<Response>;

  beforeAll(async () => {
    devstack = await startDevstack({
      apiPort: 0,
      idpPort: 0,
      jenkinsPort: 0,
      timeScale: 0.002,
    });
    const token = await tokenFor(devstack);
    api = (path, init) =>
      fetch(`${devstack.api.url}${path}`, {
        ...init,
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          ...init?.headers,
        },
      });
  });

  afterAll(() => devstack?.close());

  it('serves the seeded components to a token from its own identity provider', async () => {
    const res = await api(
      '/api/v1/namespaces/default/components?project=demo-project',
    );
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as {
      items: Array<{ metadata: { name: string } }>;
    };
    expect(items.map(c => c.metadata.name)).toEqual(
      expect.arrayContaining(['greeting-service', 'inventory-api']),
    );
  });

  it('rejects a request without a token with the real 401 body', async () => {
    const res = await fetch(`${devstack.api.url}/api/v1/namespaces`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'MISSING_TOKEN' });
  });

  it('builds a component and publishes its Workload through the API', async () => {
    const component = await (
      await api('/api/v1/namespaces/default/components/greeting-service')
    ).json();
    const runName = 'greeting-service-run-0a1b2c3d';
    const created = await api('/api/v1/namespaces/default/workflowruns', {
      method: 'POST',
      body: JSON.stringify({
        metadata: {
          name: runName,
          labels: {
            'openchoreo.dev/project': 'demo-project',
            'openchoreo.dev/component': 'greeting-service',
          },
        },
        spec: { workflow: component.spec.workflow },
      }),
    });
    expect(created.status).toBe(201);

    let status = 'Pending';
    for (let i = 0; i < 100 && !['Succeeded', 'Failed'].includes(status); i++) {
      await new Promise(r => setTimeout(r, 50));
      const res = await api(
        `/api/v1/namespaces/default/workflowruns/${runName}/status`,
      );
      status = ((await res.json()) as { status: string }).status;
    }
    expect(status).toBe('Succeeded');

    const run = await (
      await api(`/api/v1/namespaces/default/workflowruns/${runName}`)
    ).json();
    const published = JSON.parse(
      run.metadata.annotations['openchoreo.dev/workload'],
    );
    const workload = await (
      await api(
        '/api/v1/namespaces/default/workloads/greeting-service-workload',
      )
    ).json();
    expect(workload.spec.container.image).toBe(published.spec.container.image);
    expect(workload.spec.container.image).toMatch(/greeting-service:/);
  });

  it("accepts seed 000's Jenkinsfile request on the legacy route", async () => {
    const image = 'registry.example.com/inventory-api:42';
    const res = await api(
      '/api/v1/namespaces/default/projects/demo-project/components/inventory-api/workloads',
      {
        method: 'POST',
        body: JSON.stringify({ containers: { main: { image } } }),
      },
    );
    expect(res.status).toBe(201);
    const workload = await (
      await api('/api/v1/namespaces/default/workloads/inventory-api-workload')
    ).json();
    expect(workload.spec.container.image).toBe(image);
  });

  it('serves the Jenkins jobs the External CI components point at', async () => {
    const { url, username, apiToken } = devstack.jenkins;
    const res = await fetch(
      `${url}/job/demo-project/job/inventory-api/api/json?tree=name,builds[number]`,
      {
        headers: {
          Authorization: `Basic ${Buffer.from(
            `${username}:${apiToken}`,
          ).toString('base64')}`,
        },
      },
    );
    expect(res.status).toBe(200);
    expect((await res.json()).builds.length).toBeGreaterThan(0);
  });

  it('serves the GitHub Actions runs of the component with a GitHub slug', async () => {
    const { github } = devstack;
    expect(github.url).not.toMatch(/:8083$/);
    const component = await (
      await api('/api/v1/namespaces/default/components/storefront-web')
    ).json();
    const slug = component.metadata.annotations['github.com/project-slug'];
    const res = await fetch(`${github.url}/repos/${slug}/actions/runs`, {
      headers: { Authorization: `Bearer ${github.tokens.write}` },
    });
    expect(res.status).toBe(200);
    const { workflow_runs: runs } = (await res.json()) as {
      workflow_runs: Array<{ conclusion: string | null }>;
    };
    expect(runs.map(run => run.conclusion)).toEqual(
      expect.arrayContaining(['success', 'failure', null]),
    );
    expect(describeDevstack(devstack)).toContain(
      `GitHub emulator     ${github.url}  (GHE: ${github.enterpriseApiUrl}; tokens ${github.tokens.write}`,
    );
  });

  it('serves the GitLab pipelines of the seeded GitLab project', async () => {
    const { gitlab } = devstack;
    expect(gitlab.url).not.toMatch(/:8084$/);
    const res = await fetch(
      `${gitlab.apiUrl}/projects/${encodeURIComponent(
        CHECKOUT_PROJECT,
      )}/pipelines`,
      { headers: { 'PRIVATE-TOKEN': gitlab.tokens.write } },
    );
    expect(res.status).toBe(200);
    const pipelines = (await res.json()) as Array<{ status: string }>;
    expect(pipelines.map(p => p.status)).toEqual(
      expect.arrayContaining(['success', 'failed', 'running']),
    );
    expect(describeDevstack(devstack)).toContain(
      `GitLab emulator     ${gitlab.url}  (API ${gitlab.apiUrl}`,
    );
  });
});
