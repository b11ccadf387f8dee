import { startDevstack, type Devstack } from '../../devstack';
import { clientCredentialsToken, signInUser } from '../../idp/signInUser';

type Caller =
  | 'developer'
  | 'platform-engineer'
  | 'viewer'
  | 'outsider'
  | 'service';
type Call = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: any }>;

const NS = '/api/v1/namespaces/default';
const RUN = 'greeting-service-run-5e6f7a8b';

const names = (body: any): string[] =>
  body.items.map((i: any) => i.metadata.name);

const componentBody = (name: string, namespace = 'default') => ({
  metadata: { name, namespace },
  spec: {
    owner: {
      projectName: namespace === 'default' ? 'demo-project' : 'payments',
    },
    componentType: { kind: 'ClusterComponentType', name: 'deployment/service' },
  },
});

const runBody = (name: string) => ({
  metadata: {
    name,
    labels: {
      'openchoreo.dev/project': 'demo-project',
      'openchoreo.dev/component': 'greeting-service',
    },
  },
  spec: { workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' } },
});

describe('the role table over real HTTP with tokens of the devstack IdP', () => {
  let devstack: Devstack;
  const as = {} as Record<Caller, Call>;
  const tokens = {} as Record<Caller, string>;

  beforeAll(async () => {
    devstack = await startDevstack({
      apiPort: 0,
      idpPort: 0,
      jenkinsPort: 0,
      timeScale: 0.002,
    });
    for (const user of [
      'developer',
      'platform-engineer',
      'viewer',
      'outsider',
    ] as const) {
      tokens[user] = (await signInUser(devstack.idp, user, user)).access_token;
    }
    tokens.service = await clientCredentialsToken(
      devstack.idp.tokenUrl,
      devstack.idp.clients.portal,
    );
    const apiUrl = devstack.api.url;
    const callAs =
      (token: string): Call =>
      async (method, path, body) => {
        const res = await fetch(`${apiUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        return { status: res.status, body: text ? JSON.parse(text) : {} };
      };
    for (const caller of Object.keys(tokens) as Caller[]) {
      as[caller] = callAs(tokens[caller]);
    }

    // A second namespace, outside every role but the platform engineers'.
    const { store } = devstack.api;
    store.create({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'Namespace',
      metadata: { name: 'team-b' },
    });
    store.create({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'Project',
      metadata: { name: 'payments', namespace: 'team-b' },
      spec: {},
    });
  });

  afterAll(() => devstack?.close());

  it('lets every user with a role list the namespaces they may see, and the outsider none', async () => {
    const expected: Record<Caller, string[]> = {
      developer: ['default'],
      viewer: ['default'],
      'platform-engineer': ['default', 'team-b'],
      service: ['default', 'team-b'],
      outsider: [],
    };
    for (const caller of Object.keys(expected) as Caller[]) {
      const res = await as[caller]('GET', '/api/v1/namespaces');
      expect({ caller, status: res.status, names: names(res.body) }).toEqual({
        caller,
        status: 200,
        names: expected[caller],
      });
    }
  });

  it('shows cluster component types and workflows to anyone with a role, not to the outsider', async () => {
    for (const caller of [
      'developer',
      'viewer',
      'platform-engineer',
    ] as const) {
      const types = await as[caller]('GET', '/api/v1/clustercomponenttypes');
      expect(names(types.body)).toContain('service');
      const flows = await as[caller]('GET', '/api/v1/clusterworkflows');
      expect(names(flows.body)).toContain('dockerfile-builder');
    }
    expect(
      (await as.outsider('GET', '/api/v1/clustercomponenttypes')).body.items,
    ).toEqual([]);
    const single = await as.outsider(
      'GET',
      '/api/v1/clusterworkflows/dockerfile-builder',
    );
    expect(single.status).toBe(403);
  });

  it('lets the viewer read builds and components but refuses every change with the 403 body', async () => {
    expect(names((await as.viewer('GET', `${NS}/components`)).body)).toContain(
      'greeting-service',
    );
    expect(
      (await as.viewer('GET', `${NS}/workflowruns/${RUN}/status`)).status,
    ).toBe(200);
    expect(
      (
        await as.viewer(
          'GET',
          `${NS}/workflowruns?labelSelector=openchoreo.dev/component%3Dgreeting-service`,
        )
      ).body.items.length,
    ).toBeGreaterThan(0);

    const build = await as.viewer(
      'POST',
      `${NS}/workflowruns`,
      runBody('greeting-service-run-0000a1a1'),
    );
    expect(build).toEqual({
      status: 403,
      body: {
        code: 'FORBIDDEN',
        error:
          'Forbidden: workflowrun:create on workflowrun "greeting-service-run-0000a1a1" of component "greeting-service" in project "demo-project" in namespace "default": no role bound to groups viewers grants workflowrun:create. Ask a platform engineer for a role binding that grants it.',
      },
    });
    const current = (
      await as.viewer('GET', `${NS}/components/greeting-service`)
    ).body;
    const edited = structuredClone(current);
    edited.metadata.annotations = { 'jenkins.io/job-full-name': 'x/y' };
    delete edited.status;
    const edit = await as.viewer(
      'PUT',
      `${NS}/components/greeting-service`,
      edited,
    );
    expect(edit.status).toBe(403);
    expect(edit.body.error).toContain('component:update');
    expect(
      (await as.service('GET', `${NS}/components/greeting-service`)).body
        .metadata,
    ).toEqual(current.metadata);
    expect(
      (
        await as.service(
          'GET',
          `${NS}/workflowruns/greeting-service-run-0000a1a1`,
        )
      ).status,
    ).toBe(404);
    expect(
      (await as.viewer('DELETE', `${NS}/workflowruns/${RUN}`)).status,
    ).toBe(403);
    const legacy = await as.viewer(
      'POST',
      `${NS}/projects/demo-project/components/inventory-api/workloads`,
      { containers: { main: { image: 'registry.example.com/x:1' } } },
    );
    expect(legacy.status).toBe(403);
    expect(legacy.body.error).toContain('workload:');
  });

  it('lets the developer edit components and workloads in default, but not delete components', async () => {
    const created = await as.developer(
      'POST',
      `${NS}/components`,
      componentBody('dev-made'),
    );
    expect(created.status).toBe(201);
    const edited = structuredClone(created.body);
    edited.metadata.annotations = {
      'jenkins.io/job-full-name': 'demo/dev-made',
    };
    expect(
      (await as.developer('PUT', `${NS}/components/dev-made`, edited)).status,
    ).toBe(200);
    const legacy = await as.developer(
      'POST',
      `${NS}/projects/demo-project/components/dev-made/workloads`,
      { containers: { main: { image: 'registry.example.com/dev-made:1' } } },
    );
    expect(legacy.status).toBe(201);
    const refused = await as.developer('DELETE', `${NS}/components/dev-made`);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toContain('component:delete');
    expect(
      (await as['platform-engineer']('DELETE', `${NS}/components/dev-made`))
        .status,
    ).toBe(204);
  });

  it('keeps the developer out of other namespaces: empty lists, 403 on reads and writes', async () => {
    const teamB = '/api/v1/namespaces/team-b';
    expect(
      (
        await as['platform-engineer'](
          'POST',
          `${teamB}/components`,
          componentBody('billing', 'team-b'),
        )
      ).status,
    ).toBe(201);
    expect(
      (await as.developer('GET', `${teamB}/components`)).body.items,
    ).toEqual([]);
    expect((await as.developer('GET', `${teamB}/projects`)).body.items).toEqual(
      [],
    );
    expect(
      (await as.developer('GET', `${teamB}/components/billing`)).status,
    ).toBe(403);
    expect(
      (
        await as.developer(
          'POST',
          `${teamB}/components`,
          componentBody('mine', 'team-b'),
        )
      ).body.error,
    ).toContain('in namespace "team-b"');
    expect(
      names((await as['platform-engineer']('GET', `${teamB}/components`)).body),
    ).toEqual(['billing']);
  });

  it('lets the developer start a build the simulator publishes with its service account, and cancel one', async () => {
    const runName = 'greeting-service-run-0000d0d0';
    expect(
      (await as.developer('POST', `${NS}/workflowruns`, runBody(runName)))
        .status,
    ).toBe(201);
    let status = 'Pending';
    for (let i = 0; i < 100 && !['Succeeded', 'Failed'].includes(status); i++) {
      await new Promise(r => setTimeout(r, 50));
      status = (
        await as.developer('GET', `${NS}/workflowruns/${runName}/status`)
      ).body.status;
    }
    expect(status).toBe('Succeeded');
    const run = (await as.viewer('GET', `${NS}/workflowruns/${runName}`)).body;
    const published = JSON.parse(
      run.metadata.annotations['openchoreo.dev/workload'],
    );
    const workload = (
      await as.viewer('GET', `${NS}/workloads/greeting-service-workload`)
    ).body;
    expect(workload.spec.container.image).toBe(published.spec.container.image);

    expect(
      (await as.developer('DELETE', `${NS}/workflowruns/${runName}`)).status,
    ).toBe(204);
  });

  it('gives the outsider nothing: empty lists, 403 on single reads and on writes', async () => {
    for (const path of [
      `${NS}/projects`,
      `${NS}/components`,
      `${NS}/workloads`,
      `${NS}/workflowruns`,
    ]) {
      const res = await as.outsider('GET', path);
      expect({ path, status: res.status, items: res.body.items }).toEqual({
        path,
        status: 200,
        items: [],
      });
    }
    const read = await as.outsider('GET', `${NS}/components/greeting-service`);
    expect(read.status).toBe(403);
    expect(read.body.error).toContain('component:view');
    expect(
      (await as.outsider('POST', `${NS}/components`, componentBody('nope')))
        .status,
    ).toBe(403);
  });

  it('keeps full access for service-account tokens', async () => {
    expect(
      (await as.service('POST', `${NS}/components`, componentBody('sa-made')))
        .status,
    ).toBe(201);
    expect(
      (await as.service('DELETE', `${NS}/components/sa-made`)).status,
    ).toBe(204);
    expect(
      (await as.service('GET', '/api/v1/namespaces/team-b/projects')).body
        .items,
    ).toHaveLength(1);
  });
});
