import type { Express } from 'express';
import request from 'supertest';
import { createOpenChoreoApiRouter } from '../router';
import { ResourceStore } from '../store';
import { startTestIdp, type TestIdp } from '../__testUtils__/testIdp';
import { servedRoutes } from '../__testUtils__/contractClient';
import { addNamespacedTemplates } from '../__testUtils__/namespacedTemplates';

/** An existing object for each `:name` of the served paths, by the segment before it. */
const NAMES: Record<string, string> = {
  projects: 'demo-project',
  components: 'greeting-service',
  workloads: 'greeting-service-workload',
  workflowruns: 'greeting-service-run-5e6f7a8b',
  componenttypes: 'go-service',
  clustercomponenttypes: 'service',
  workflows: 'database-migration',
  clusterworkflows: 'dockerfile-builder',
  environments: 'development',
  deploymentpipelines: 'default',
  componentreleases: 'greeting-service-0a1b2c3d4e',
  releasebindings: 'greeting-service-development',
  workflowplanes: 'team-ci',
  clusterworkflowplanes: 'default',
  observabilityplanes: 'team-obs',
  clusterobservabilityplanes: 'default',
};

function concretePath(path: string): string {
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      switch (segment) {
        case ':namespaceName':
          return 'default';
        case ':projectName':
          return 'demo-project';
        case ':componentName':
          return 'greeting-service';
        case ':name': {
          const name = NAMES[segments[i - 1]];
          if (!name) throw new Error(`no sample object for ${path}`);
          return name;
        }
        default:
          if (segment.startsWith(':')) {
            throw new Error(`no sample value for ${segment} in ${path}`);
          }
          return segment;
      }
    })
    .join('/');
}

describe('every route of the API', () => {
  let idp: TestIdp;
  let app: Express;
  let store: ResourceStore;

  beforeAll(async () => {
    idp = await startTestIdp();
    store = new ResourceStore();
    app = createOpenChoreoApiRouter({
      auth: { issuer: idp.issuer, jwksUri: idp.jwksUri },
      store,
      observability: { logs: () => [], events: () => [] },
    });
    addNamespacedTemplates(store);
    // The deployment side has no seed objects (the simulation makes them): add one of each.
    const owner = {
      projectName: 'demo-project',
      componentName: 'greeting-service',
    };
    store.create({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'ComponentRelease',
      metadata: { name: NAMES.componentreleases, namespace: 'default' },
      spec: { owner, componentType: {}, workload: {} },
    });
    store.create({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'ReleaseBinding',
      metadata: { name: NAMES.releasebindings, namespace: 'default' },
      spec: { owner, environment: 'development' },
    });
    for (const kind of ['WorkflowPlane', 'ObservabilityPlane'] as const) {
      store.create({
        apiVersion: 'openchoreo.dev/v1alpha1',
        kind,
        metadata: {
          name:
            kind === 'WorkflowPlane'
              ? NAMES.workflowplanes
              : NAMES.observabilityplanes,
          namespace: 'default',
        },
        spec: {},
      });
    }
  });

  afterAll(() => idp.close());

  it('refuses a user without a role binding (403, or an empty list) and changes nothing', async () => {
    const token = await idp.token({
      claims: { sub: 'outsider', groups: ['outsiders'] },
    });
    const snapshot = () =>
      JSON.stringify(
        (['Project', 'Component', 'Workload', 'WorkflowRun'] as const).flatMap(
          kind => store.list(kind, 'default'),
        ),
      );
    const before = snapshot();
    // The guard of the legacy route is an `all` route in front of the handlers listed here.
    const routes = servedRoutes(app).filter(
      r => r.path.startsWith('/api/') && r.method !== '_ALL',
    );
    expect(routes.length).toBeGreaterThanOrEqual(53);

    const unexpected: string[] = [];
    for (const route of routes) {
      const url = concretePath(route.path);
      let call = request(app)
        [route.method.toLowerCase() as 'get'](url)
        .set('Authorization', `Bearer ${token}`);
      if (route.method === 'POST' || route.method === 'PUT') {
        const body = url.endsWith('/authz/evaluates')
          ? []
          : { metadata: { name: url.split('/').pop() }, spec: {} };
        call = call.send(body);
      }
      const res = await call;
      const refused = res.status === 403 && res.body.code === 'FORBIDDEN';
      const emptyList =
        route.method === 'GET' &&
        res.status === 200 &&
        Array.isArray(res.body.items) &&
        res.body.items.length === 0;
      const evaluation = url.endsWith('/authz/evaluates') && res.status === 200;
      if (!refused && !emptyList && !evaluation) {
        unexpected.push(`${route.method} ${route.path} -> ${res.status}`);
      }
    }
    expect(unexpected).toEqual([]);
    expect(snapshot()).toBe(before);
  });
});
