import { mockCredentials } from '@backstage/backend-test-utils';
import { BUILT_IN_CI_DISABLED_MESSAGE } from '@openchoreo-ci/plugin-openchoreo-common';
import request from 'supertest';
import { startTestDevstack, type TestDevstack } from './__testUtils__/devstack';
import { cloneGreetingService, finishedRun } from './__testUtils__/runFixtures';
import {
  startOpenChoreoTestBackend,
  type OpenChoreoTestBackend,
} from './__testUtils__/testBackend';

const USER = mockCredentials.user.header();
const API = '/api/openchoreo';

jest.setTimeout(60_000);

describe('openchoreo.features.workflows.enabled: false (built-in CI turned off)', () => {
  let stack: TestDevstack;
  let backend: OpenChoreoTestBackend;
  let store: TestDevstack['devstack']['api']['store'];
  const component = 'ci-off-service';
  let pastRun: string;

  beforeAll(async () => {
    stack = await startTestDevstack();
    store = stack.devstack.api.store;
    cloneGreetingService(store, component);
    pastRun = finishedRun(store, component, {
      createdAt: new Date(Date.now() - 60_000),
    });
    backend = await startOpenChoreoTestBackend({
      baseUrl: `${stack.devstack.api.url}/api/v1`,
      tokenUrl: stack.devstack.idp.tokenUrl,
      ...stack.devstack.idp.clients.portal,
      statusTtlMs: 0,
      openchoreo: { features: { workflows: { enabled: false } } },
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await stack?.devstack.close();
  });

  const send = (method: 'get' | 'post' | 'delete', path: string) =>
    request(backend.server)[method](`${API}${path}`).set('Authorization', USER);
  const runsOf = () =>
    store
      .list('WorkflowRun', 'default')
      .filter(
        r => r.metadata.labels?.['openchoreo.dev/component'] === component,
      )
      .map(r => r.metadata.name);

  it.each([
    ['post', `/components/default/${component}/workflow-runs`],
    ['get', `/components/default/${component}/build-options`],
    ['post', `/workflow-runs/default/PAST/rerun`],
    ['delete', `/workflow-runs/default/PAST`],
  ] as const)(
    'refuses %s %s with 403 and the reason, and starts or deletes nothing',
    async (method, path) => {
      const before = runsOf();
      const res = await send(method, path.replace('PAST', pastRun));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(BUILT_IN_CI_DISABLED_MESSAGE);
      expect(runsOf()).toEqual(before);
    },
  );

  it('keeps the build history readable', async () => {
    const list = await send(
      'get',
      `/components/default/${component}/workflow-runs`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { name: string }) => r.name)).toContain(
      pastRun,
    );
    const details = await send('get', `/workflow-runs/default/${pastRun}`);
    expect(details.status).toBe(200);
  });

  it('tells the frontend up front that Build now is off, and why', async () => {
    const res = await send('get', `/components/default/${component}/actions`);
    expect(res.status).toBe(200);
    expect(res.body.build).toEqual({
      allowed: false,
      decidedBy: 'portal',
      reason: expect.stringContaining(BUILT_IN_CI_DISABLED_MESSAGE),
    });
    expect(res.body.editAnnotations.allowed).toBe(true);
    // External CI re-runs do not depend on built-in CI.
    expect(res.body.externalCiBuild.allowed).toBe(true);
  });

  it('offers the wizard no built-in workflow, with the reason', async () => {
    const res = await send(
      'get',
      '/component-types/ClusterComponentType/service/workflows',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [],
      disabledReason: BUILT_IN_CI_DISABLED_MESSAGE,
    });
  });
});
