import {
  RecordedRequest,
  startTestServer,
  TestServer,
} from './__testUtils__/testServer';
import { createOpenChoreoClient, OpenChoreoClient } from './client';
import type { Component, ReleaseBinding, WorkflowRun, Workload } from './types';

const NS = '/api/v1/namespaces/default';

describe('createOpenChoreoClient', () => {
  let server: TestServer;
  let client: OpenChoreoClient;
  let reply: (request: RecordedRequest) => { status?: number; json?: unknown };

  beforeEach(async () => {
    reply = () => ({ json: { items: [], pagination: {} } });
    server = await startTestServer(request => reply(request));
    client = createOpenChoreoClient({
      baseUrl: server.url,
      getToken: async () => 'token',
    });
  });

  afterEach(() => server.close());

  const lastRequest = () => server.requests[server.requests.length - 1];

  it('encodes query parameters such as labelSelector', async () => {
    const labelSelector =
      'openchoreo.dev/component=api,openchoreo.dev/project in (shop,web)';

    await client.workflowRuns.list('default', {
      workflow: 'docker build&push',
      labelSelector,
    });

    const request = lastRequest();
    expect(request.path).toBe(`${NS}/workflowruns`);
    expect(request.query.get('labelSelector')).toBe(labelSelector);
    expect(request.query.get('workflow')).toBe('docker build&push');
    expect([...request.query.keys()].sort()).toEqual([
      'labelSelector',
      'workflow',
    ]);
    expect(request.rawUrl).not.toContain(' ');
  });

  it('encodes path parameters', async () => {
    reply = () => ({ json: { metadata: { name: 'a b' } } });

    await client.components.get('team/x', 'a b');

    expect(lastRequest().rawUrl).toBe(
      '/api/v1/namespaces/team%2Fx/components/a%20b',
    );
  });

  it('creates, replaces and deletes a component with the right verbs and bodies', async () => {
    const component: Component = {
      metadata: {
        name: 'api',
        annotations: { 'jenkins.io/job-full-name': 'shop/api' },
      },
      spec: {
        owner: { projectName: 'shop' },
        componentType: {
          kind: 'ClusterComponentType',
          name: 'deployment/service',
        },
        autoDeploy: true,
      },
    };
    reply = request =>
      request.method === 'DELETE'
        ? { status: 204 }
        : {
            status: request.method === 'POST' ? 201 : 200,
            json: JSON.parse(request.body),
          };

    await expect(
      client.components.create('default', component),
    ).resolves.toEqual(component);
    await expect(
      client.components.replace('default', 'api', component),
    ).resolves.toEqual(component);
    await expect(
      client.components.delete('default', 'api'),
    ).resolves.toBeUndefined();

    expect(
      server.requests.map(r => [r.method, r.path, r.headers['content-type']]),
    ).toEqual([
      ['POST', `${NS}/components`, 'application/json'],
      ['PUT', `${NS}/components/api`, 'application/json'],
      ['DELETE', `${NS}/components/api`, undefined],
    ]);
    expect(JSON.parse(server.requests[0].body)).toEqual(component);
    expect(JSON.parse(server.requests[1].body)).toEqual(component);
  });

  it('lists workloads of a component and round-trips a workload', async () => {
    const workload: Workload = {
      metadata: { name: 'api-workload' },
      spec: {
        owner: { projectName: 'shop', componentName: 'api' },
        container: { image: 'registry.example.com/api:1.2.3' },
      },
    };
    reply = request =>
      request.method === 'GET' && request.path.endsWith('/workloads')
        ? { json: { items: [workload], pagination: {} } }
        : { json: workload };

    const page = await client.workloads.list('default', { component: 'api' });
    await client.workloads.get('default', 'api-workload');
    await client.workloads.create('default', workload);
    await client.workloads.replace('default', 'api-workload', workload);

    expect(page.items).toEqual([workload]);
    expect(server.requests.map(r => [r.method, r.rawUrl])).toEqual([
      ['GET', `${NS}/workloads?component=api`],
      ['GET', `${NS}/workloads/api-workload`],
      ['POST', `${NS}/workloads`],
      ['PUT', `${NS}/workloads/api-workload`],
    ]);
  });

  it('reads the deploy side: environments, pipelines, releases and bindings of a component', async () => {
    const binding: ReleaseBinding = {
      metadata: { name: 'api-development' },
      spec: {
        owner: { projectName: 'shop', componentName: 'api' },
        environment: 'development',
        releaseName: 'api-1a2b3c',
        state: 'Active',
      },
      status: {
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'Ready',
            lastTransitionTime: '2026-05-04T10:00:05Z',
          },
        ],
      },
    };
    reply = request => {
      if (request.path.endsWith('/releasebindings')) {
        return {
          json: request.query.get('cursor')
            ? { items: [binding], pagination: {} }
            : { items: [], pagination: { nextCursor: 'page 2' } },
        };
      }
      return /\/(componentreleases|environments|deploymentpipelines)$/.test(
        request.path,
      )
        ? { json: { items: [], pagination: {} } }
        : { json: { metadata: { name: request.path.split('/').pop() } } };
    };

    const bindings = await client.releaseBindings.listAll('default', {
      component: 'api',
    });
    await client.releaseBindings.get('default', 'api-development');
    await client.componentReleases.list('default', { component: 'api' });
    await client.componentReleases.get('default', 'api-1a2b3c');
    await client.environments.listAll('default');
    await client.environments.get('default', 'development');
    await client.deploymentPipelines.list('default');
    const pipeline = await client.deploymentPipelines.get('default', 'default');

    expect(bindings).toEqual([binding]);
    expect(pipeline.metadata.name).toBe('default');
    expect(server.requests.map(r => [r.method, r.rawUrl])).toEqual([
      ['GET', `${NS}/releasebindings?limit=100&component=api`],
      ['GET', `${NS}/releasebindings?limit=100&component=api&cursor=page%202`],
      ['GET', `${NS}/releasebindings/api-development`],
      ['GET', `${NS}/componentreleases?component=api`],
      ['GET', `${NS}/componentreleases/api-1a2b3c`],
      ['GET', `${NS}/environments?limit=100`],
      ['GET', `${NS}/environments/development`],
      ['GET', `${NS}/deploymentpipelines`],
      ['GET', `${NS}/deploymentpipelines/default`],
    ]);
  });

  it('reads component types and workflows, namespaced and cluster-scoped', async () => {
    reply = () => ({ json: { metadata: { name: 'x' } } });

    await client.componentTypes.get('default', 'service');
    await client.componentTypes.getSchema('default', 'service');
    await client.clusterComponentTypes.get('service');
    await client.clusterComponentTypes.getSchema('service');
    await client.workflows.get('default', 'docker');
    await client.workflows.getSchema('default', 'docker');
    await client.clusterWorkflows.get('docker');
    await client.clusterWorkflows.getSchema('docker');
    reply = () => ({ json: { items: [], pagination: {} } });
    await client.componentTypes.list('default');
    await client.clusterComponentTypes.list();
    await client.workflows.list('default');
    await client.clusterWorkflows.list({
      labelSelector: 'openchoreo.dev/workflow-type=component',
    });
    await client.projects.list('default');

    expect(server.requests.map(r => r.path)).toEqual([
      `${NS}/componenttypes/service`,
      `${NS}/componenttypes/service/schema`,
      '/api/v1/clustercomponenttypes/service',
      '/api/v1/clustercomponenttypes/service/schema',
      `${NS}/workflows/docker`,
      `${NS}/workflows/docker/schema`,
      '/api/v1/clusterworkflows/docker',
      '/api/v1/clusterworkflows/docker/schema',
      `${NS}/componenttypes`,
      '/api/v1/clustercomponenttypes',
      `${NS}/workflows`,
      '/api/v1/clusterworkflows',
      `${NS}/projects`,
    ]);
    expect(server.requests[11].query.get('labelSelector')).toBe(
      'openchoreo.dev/workflow-type=component',
    );
  });

  it('starts a workflow run and reads its status, logs and events', async () => {
    const run: WorkflowRun = {
      metadata: {
        name: 'api-run-0a1b2c3d',
        labels: {
          'openchoreo.dev/project': 'shop',
          'openchoreo.dev/component': 'api',
        },
      },
      spec: { workflow: { kind: 'ClusterWorkflow', name: 'docker' } },
    };
    const status = {
      status: 'Running',
      steps: [{ name: 'build', phase: 'Running' }],
      hasLiveObservability: true,
    };
    const logs = [{ timestamp: '2025-01-06T10:00:00Z', log: 'Cloning...' }];
    const events = [
      {
        timestamp: '2025-01-06T10:00:00Z',
        type: 'Normal',
        reason: 'Started',
        message: 'ok',
      },
    ];
    reply = request => {
      if (request.path.endsWith('/status')) return { json: status };
      if (request.path.endsWith('/logs')) return { json: logs };
      if (request.path.endsWith('/events')) return { json: events };
      if (request.method === 'DELETE') return { status: 204 };
      return { status: 201, json: run };
    };

    await expect(client.workflowRuns.create('default', run)).resolves.toEqual(
      run,
    );
    await expect(
      client.workflowRuns.getStatus('default', run.metadata.name),
    ).resolves.toEqual(status);
    await expect(
      client.workflowRuns.getLogs('default', run.metadata.name, {
        task: 'build',
        sinceSeconds: 30,
      }),
    ).resolves.toEqual(logs);
    await expect(
      client.workflowRuns.getEvents('default', run.metadata.name, {
        task: 'build',
      }),
    ).resolves.toEqual(events);
    await client.workflowRuns.get('default', run.metadata.name);
    await client.workflowRuns.delete('default', run.metadata.name);

    const runPath = `${NS}/workflowruns/api-run-0a1b2c3d`;
    expect(server.requests.map(r => [r.method, r.path])).toEqual([
      ['POST', `${NS}/workflowruns`],
      ['GET', `${runPath}/status`],
      ['GET', `${runPath}/logs`],
      ['GET', `${runPath}/events`],
      ['GET', runPath],
      ['DELETE', runPath],
    ]);
    expect(JSON.parse(server.requests[0].body)).toEqual(run);
    expect(Object.fromEntries(server.requests[2].query)).toEqual({
      task: 'build',
      sinceSeconds: '30',
    });
    expect(Object.fromEntries(server.requests[3].query)).toEqual({
      task: 'build',
    });
  });

  it('asks the authorization endpoint in one batch and returns the decisions in order', async () => {
    reply = () => ({
      json: [
        { decision: true, context: { reason: 'role developer' } },
        { decision: false, context: { reason: 'no role grants it' } },
      ],
    });
    const hierarchy = {
      namespace: 'default',
      project: 'shop',
      component: 'api',
    };

    const decisions = await client.authz.evaluate([
      {
        action: 'workflowrun:create',
        resource: { type: 'workflowrun', hierarchy },
      },
      {
        action: 'component:update',
        resource: { type: 'component', hierarchy },
      },
    ]);

    expect(decisions.map(d => d.decision)).toEqual([true, false]);
    const request = lastRequest();
    expect(`${request.method} ${request.path}`).toBe(
      'POST /api/v1/authz/evaluates',
    );
    expect(request.headers.authorization).toBe('Bearer token');
    expect(JSON.parse(request.body)).toEqual([
      {
        action: 'workflowrun:create',
        resource: { type: 'workflowrun', hierarchy },
      },
      {
        action: 'component:update',
        resource: { type: 'component', hierarchy },
      },
    ]);
  });

  it('rejects a successful answer without a body where one is expected', async () => {
    reply = () => ({ status: 200 });

    await expect(client.components.get('default', 'api')).rejects.toThrow(
      'OpenChoreo API returned an empty body for component "default/api"',
    );
  });
});
