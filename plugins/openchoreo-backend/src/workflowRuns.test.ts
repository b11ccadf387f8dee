import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  startBuildsTestStack,
  type BuildsTestStack,
} from './__testUtils__/buildsTestStack';
import { startTestDevstack, type TestDevstack } from './__testUtils__/devstack';
import {
  cloneGreetingService,
  cloneWorkflow,
  finishedRun,
  heldRun,
} from './__testUtils__/runFixtures';
import {
  startOpenChoreoTestBackend,
  type OpenChoreoTestBackend,
} from './__testUtils__/testBackend';

const USER = mockCredentials.user.header();
const API = '/api/openchoreo';
const RUNS = '/api/v1/namespaces/default/workflowruns';
const SHA = '0123456789abcdef0123456789abcdef01234567';

jest.setTimeout(60_000);

describe('builds: paging, details, re-run, cancel, build with options', () => {
  let env: BuildsTestStack;
  let stack: BuildsTestStack['stack'];
  let proxy: BuildsTestStack['proxy'];
  let backend: BuildsTestStack['backend'];
  let store: BuildsTestStack['store'];
  let fresh = 0;

  beforeAll(async () => {
    env = await startBuildsTestStack({ statusTtlMs: 0 });
    ({ stack, proxy, backend, store } = env);
  });
  afterAll(() => env?.stop());
  beforeEach(() => {
    proxy.reset();
    backend.authorizeRequests.length = 0;
  });

  const get = (path: string) =>
    request(backend.server).get(`${API}${path}`).set('Authorization', USER);
  const post = (path: string, body?: object) =>
    request(backend.server)
      .post(`${API}${path}`)
      .set('Authorization', USER)
      .send(body ?? {});
  const upstreamRuns = (component: string) =>
    store
      .list('WorkflowRun', 'default')
      .filter(
        r => r.metadata.labels?.['openchoreo.dev/component'] === component,
      );
  /** A component of its own per test, copied from greeting-service. */
  const newComponent = () => {
    fresh += 1;
    const name = `builds-test-${fresh}`;
    cloneGreetingService(store, name);
    return name;
  };
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

  async function waitForStatus(name: string, wanted: string[]) {
    for (let i = 0; i < 200; i++) {
      const res = await get(`/workflow-runs/default/${name}`);
      if (wanted.includes(res.body.status)) return res.body;
      await new Promise(r => setTimeout(r, 50));
    }
    throw new Error(`build ${name} never reached ${wanted.join('/')}`);
  }

  describe('paging', () => {
    it('shows the newest of 25 builds first on page 1 and the other 5 in order on page 2', async () => {
      const component = newComponent();
      // Random names, like OpenChoreo's: upstream's list order is not the creation order.
      const created = Array.from({ length: 25 }, (_, i) =>
        finishedRun(store, component, {
          createdAt: minutesAgo(100 - i),
          commit: SHA,
        }),
      );
      const newestFirst = [...created].reverse();

      const page1 = await get(
        `/components/default/${component}/workflow-runs?limit=20`,
      );
      expect(page1.status).toBe(200);
      expect(page1.body.items.map((r: { name: string }) => r.name)).toEqual(
        newestFirst.slice(0, 20),
      );
      const page2 = await get(
        `/components/default/${component}/workflow-runs?limit=20&cursor=${encodeURIComponent(
          page1.body.nextCursor,
        )}`,
      );
      expect(page2.body.items.map((r: { name: string }) => r.name)).toEqual(
        newestFirst.slice(20),
      );
      expect(page2.body.nextCursor).toBeUndefined();
    });

    it('keeps page 2 stable when a build starts while someone pages', async () => {
      const component = newComponent();
      const created = Array.from({ length: 4 }, (_, i) =>
        finishedRun(store, component, { createdAt: minutesAgo(50 - i) }),
      );
      const page1 = await get(
        `/components/default/${component}/workflow-runs?limit=2`,
      );
      finishedRun(store, component, { createdAt: new Date() });
      const page2 = await get(
        `/components/default/${component}/workflow-runs?limit=2&cursor=${encodeURIComponent(
          page1.body.nextCursor,
        )}`,
      );
      expect(page2.body.items.map((r: { name: string }) => r.name)).toEqual([
        created[1],
        created[0],
      ]);
    });

    it('gives the summary card the 5 newest builds', async () => {
      const component = newComponent();
      const created = Array.from({ length: 8 }, (_, i) =>
        finishedRun(store, component, { createdAt: minutesAgo(30 - i) }),
      );
      const res = await get(`/components/default/${component}/summary`);
      expect(res.status).toBe(200);
      expect(res.body.latestRuns.map((r: { name: string }) => r.name)).toEqual(
        [...created].reverse().slice(0, 5),
      );
    });

    it('rejects a cursor it did not make', async () => {
      const res = await get(
        '/components/default/greeting-service/workflow-runs?cursor=bm9wZQ',
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('Invalid cursor');
    });
  });

  describe('seeing a run', () => {
    it('lists commit (linked), branch, trigger and retention', async () => {
      const component = newComponent();
      finishedRun(store, component, { createdAt: minutesAgo(5), commit: SHA });
      const res = await get(`/components/default/${component}/workflow-runs`);
      expect(res.body.items[0]).toMatchObject({
        commit: SHA,
        commitPinned: true,
        commitUrl: `https://github.com/openchoreo/sample-workloads/commit/${SHA}`,
        branch: 'main',
        trigger: { kind: 'external' },
        ttlAfterCompletion: '1d',
        status: 'Succeeded',
      });
    });

    it('reads the built commit from the image when the run did not pin one', async () => {
      const component = newComponent();
      const name = finishedRun(store, component, {
        createdAt: minutesAgo(5),
        image: 'registry.local/app:abcdef1',
      });
      const res = await get(`/workflow-runs/default/${name}`);
      expect(res.body).toMatchObject({
        commit: 'abcdef1',
        commitPinned: false,
      });
    });

    it('answers run details with one upstream read: the run, which carries its steps', async () => {
      const component = newComponent();
      const name = finishedRun(store, component, { createdAt: minutesAgo(5) });
      const res = await get(`/workflow-runs/default/${name}`);
      expect(res.status).toBe(200);
      expect(res.body.steps.map((s: { name: string }) => s.name)).toEqual([
        'checkout-source',
        'build-image',
      ]);
      expect(proxy.count('GET', `${RUNS}/${name}`)).toBe(1);
      expect(proxy.count('GET', `${RUNS}/${name}/status`)).toBe(0);
      expect(backend.authorizeRequests.at(-1)).toMatchObject({
        permission: { name: 'openchoreo.workflowrun.read' },
        resourceRef: `component:default/${component}`,
      });
    });

    it('explains a build that failed validation before it started', async () => {
      const component = newComponent();
      const name = finishedRun(store, component, {
        createdAt: minutesAgo(5),
        outcome: 'WorkflowFailed',
        reason: 'ComponentValidationFailed',
        message:
          'workflow ClusterWorkflow/dockerfile-builder is not allowed for component type "service"; allowed: []',
        stepsRan: false,
      });
      const res = await get(`/workflow-runs/default/${name}`);
      expect(res.body).toMatchObject({
        status: 'Failed',
        reason: 'ComponentValidationFailed',
        failure: {
          beforeStart: true,
          title: expect.stringContaining('does not allow this workflow'),
          action: expect.stringContaining('allowed workflows'),
        },
        logs: 'not-started',
      });
    });

    it('shows a real validation failure of the controller with its reason', async () => {
      const component = newComponent();
      // A run of a workflow the component does not use: the controller refuses it.
      store.create({
        apiVersion: 'openchoreo.dev/v1alpha1',
        kind: 'WorkflowRun',
        metadata: {
          name: `${component}-run-0badc0de`,
          namespace: 'default',
          labels: {
            'openchoreo.dev/project': 'demo-project',
            'openchoreo.dev/component': component,
          },
        },
        spec: {
          workflow: {
            kind: 'ClusterWorkflow',
            name: 'paketo-buildpacks-builder',
          },
        },
      });
      const details = await waitForStatus(`${component}-run-0badc0de`, [
        'Failed',
      ]);
      expect(details.reason).toBe('ComponentValidationFailed');
      expect(details.failure).toMatchObject({ beforeStart: true });
      expect(details.message).toBeTruthy();
    });

    it('lists and shows a run of a deleted workflow, saying its logs are gone', async () => {
      const component = newComponent();
      cloneWorkflow(store, 'retired-builder');
      const name = finishedRun(store, component, {
        createdAt: minutesAgo(5),
        workflow: 'retired-builder',
        commit: SHA,
      });
      store.delete('ClusterWorkflow', undefined, 'retired-builder');

      const list = await get(`/components/default/${component}/workflow-runs`);
      expect(list.body.items.map((r: { name: string }) => r.name)).toEqual([
        name,
      ]);
      const details = await get(`/workflow-runs/default/${name}`);
      expect(details.body).toMatchObject({
        workflow: { name: 'retired-builder' },
        commit: SHA,
      });
      const logs = await get(`/workflow-runs/default/${name}/logs`);
      expect(logs.status).toBe(200);
      expect(logs.body).toMatchObject({
        items: [],
        availability: 'expired',
        message: expect.stringContaining('expired'),
      });
    });

    it('says plainly when logs have expired', async () => {
      const component = newComponent();
      const name = finishedRun(store, component, { createdAt: minutesAgo(5) });
      stack.devstack.simulator.expireLogs('default', name);
      const logs = await get(
        `/workflow-runs/default/${name}/logs?task=build-image`,
      );
      expect(logs.body.availability).toBe('expired');
      expect(logs.body.message).toContain('have expired');
      const events = await get(`/workflow-runs/default/${name}/events`);
      expect(events.body.availability).toBe('expired');
    });
  });

  describe('re-run', () => {
    it('starts a new build with exactly the parameters and commit of the old one', async () => {
      const original = await stack.client.workflowRuns.get(
        'default',
        'greeting-service-run-5e6f7a8b',
      );
      const res = await post(
        '/workflow-runs/default/greeting-service-run-5e6f7a8b/rerun',
      );
      expect(res.status).toBe(201);
      expect(res.body.run.trigger).toEqual({
        kind: 'rerun',
        user: 'user:default/mock',
        rerunOf: 'greeting-service-run-5e6f7a8b',
      });
      const rerun = await stack.client.workflowRuns.get(
        'default',
        res.body.run.name,
      );
      expect(rerun.spec?.workflow).toEqual(original.spec?.workflow);
      expect(rerun.metadata.annotations).toMatchObject({
        'openchoreo-ci.dev/trigger': 'rerun',
        'openchoreo-ci.dev/rerun-of': 'greeting-service-run-5e6f7a8b',
        'openchoreo-ci.dev/triggered-by': 'user:default/mock',
      });
      const done = await waitForStatus(res.body.run.name, [
        'Succeeded',
        'Failed',
      ]);
      expect(done).toMatchObject({ status: 'Succeeded', commit: '4f1c2a9' });
      expect(backend.authorizeRequests[0]).toMatchObject({
        permission: { name: 'openchoreo.workflowrun.create' },
        resourceRef: 'component:default/greeting-service',
      });
    });

    it('pins the commit a run built when it had asked for the branch’s latest', async () => {
      const component = newComponent();
      const name = finishedRun(store, component, {
        createdAt: minutesAgo(5),
        image: 'registry.local/app:abcdef1',
      });
      const res = await post(`/workflow-runs/default/${name}/rerun`);
      expect(res.status).toBe(201);
      const rerun = await stack.client.workflowRuns.get(
        'default',
        res.body.run.name,
      );
      expect(rerun.spec?.workflow?.parameters).toMatchObject({
        repository: { revision: { branch: 'main', commit: 'abcdef1' } },
      });
      expect(res.body.notice).toBeUndefined();
    });

    it('refuses to re-run a build whose workflow no longer exists, creating nothing', async () => {
      const component = newComponent();
      cloneWorkflow(store, 'gone-builder');
      const name = finishedRun(store, component, {
        createdAt: minutesAgo(5),
        workflow: 'gone-builder',
      });
      store.delete('ClusterWorkflow', undefined, 'gone-builder');
      const res = await post(`/workflow-runs/default/${name}/rerun`);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toContain(
        'workflow ClusterWorkflow:gone-builder no longer exists. Nothing was started.',
      );
      expect(upstreamRuns(component)).toHaveLength(1);
      expect(proxy.count('POST', RUNS)).toBe(0);
    });
  });

  describe('cancel', () => {
    it('deletes a running build, which then no longer exists upstream or in the list', async () => {
      const component = newComponent();
      // Held in its build step, so the build is still running when the cancel arrives.
      const name = heldRun(store, component);
      await waitForStatus(name, ['Running']);

      const res = await request(backend.server)
        .delete(`${API}/workflow-runs/default/${name}`)
        .set('Authorization', USER);
      expect(res.status).toBe(200);
      expect(res.body.message).toContain('cancelled');
      expect(res.body.run).toMatchObject({ name, status: 'Running' });
      expect(proxy.count('DELETE', `${RUNS}/${name}`)).toBe(1);
      expect(store.get('WorkflowRun', 'default', name)).toBeUndefined();
      expect(backend.authorizeRequests.at(-1)).toMatchObject({
        permission: { name: 'openchoreo.workflowrun.cancel' },
      });
      const list = await get(`/components/default/${component}/workflow-runs`);
      expect(list.body.items).toEqual([]);
      const gone = await get(`/workflow-runs/default/${name}`);
      expect(gone.status).toBe(404);
    });

    it('refuses to cancel a finished build and deletes nothing', async () => {
      const res = await request(backend.server)
        .delete(`${API}/workflow-runs/default/greeting-service-run-1a2b3c4d`)
        .set('Authorization', USER);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(
        'Build greeting-service-run-1a2b3c4d has already finished (Failed); only a pending or running build can be cancelled. Nothing was deleted.',
      );
      expect(
        proxy.count('DELETE', `${RUNS}/greeting-service-run-1a2b3c4d`),
      ).toBe(0);
      expect(
        store.get('WorkflowRun', 'default', 'greeting-service-run-1a2b3c4d'),
      ).toBeDefined();
    });
  });

  describe('build with options', () => {
    it('builds a chosen branch and commit with an overridden parameter', async () => {
      const component = newComponent();
      const options = await get(
        `/components/default/${component}/build-options`,
      );
      expect(options.status).toBe(200);
      expect(options.body).toMatchObject({
        workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
        repositoryPaths: {
          branch: ['repository', 'revision', 'branch'],
          commit: ['repository', 'revision', 'commit'],
        },
        parameters: { repository: { appPath: '/service-go-greeter' } },
      });
      expect(options.body.schema.properties).toHaveProperty('repository');

      const parameters = structuredClone(options.body.parameters);
      parameters.repository.appPath = '/service-go-greeter-v2';
      const res = await post(`/components/default/${component}/workflow-runs`, {
        branch: 'release-1.2',
        commit: SHA,
        parameters,
      });
      expect(res.status).toBe(201);
      expect(res.body.run).toMatchObject({
        commit: SHA,
        branch: 'release-1.2',
        trigger: { kind: 'options', user: 'user:default/mock' },
      });
      const run = await stack.client.workflowRuns.get(
        'default',
        res.body.run.name,
      );
      expect(run.spec?.workflow?.parameters).toMatchObject({
        repository: {
          appPath: '/service-go-greeter-v2',
          revision: { branch: 'release-1.2', commit: SHA },
        },
      });
      expect(backend.authorizeRequests.map(r => r.permission.name)).toEqual(
        expect.arrayContaining([
          'openchoreo.workflowrun.create',
          'openchoreo.workflowrun.createWithOptions',
        ]),
      );
      const done = await waitForStatus(res.body.run.name, [
        'Succeeded',
        'Failed',
      ]);
      expect(done.status).toBe('Succeeded');
      expect(done.image).toContain(`:${SHA.slice(0, 7)}`);
    });

    it('refuses a commit that is not a SHA, creating nothing', async () => {
      const component = newComponent();
      const res = await post(`/components/default/${component}/workflow-runs`, {
        commit: 'main; rm -rf /',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid commit "main; rm -rf /": must be a commit SHA of 7 to 40 hex digits. Nothing was started.',
      );
      expect(upstreamRuns(component)).toHaveLength(0);
      expect(proxy.count('POST', RUNS)).toBe(0);
    });

    it('refuses parameters that fail the workflow schema, creating nothing', async () => {
      const component = newComponent();
      const res = await post(`/components/default/${component}/workflow-runs`, {
        parameters: { repository: { url: 42 } },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'The parameters do not fit workflow ClusterWorkflow:dockerfile-builder: repository.url must be string',
      );
      expect(res.body.error.message).toContain('Nothing was started.');
      expect(upstreamRuns(component)).toHaveLength(0);
    });

    it('refuses unknown fields in the body', async () => {
      const res = await post(
        '/components/default/greeting-service/workflow-runs',
        {
          comit: SHA,
        },
      );
      expect(res.status).toBe(400);
      expect(proxy.count('POST', RUNS)).toBe(0);
    });
  });
});

describe('builds: options need their own permission', () => {
  let stack: TestDevstack;
  let backend: OpenChoreoTestBackend;

  beforeAll(async () => {
    stack = await startTestDevstack();
    backend = await startOpenChoreoTestBackend({
      baseUrl: `${stack.devstack.api.url}/api/v1`,
      tokenUrl: stack.devstack.idp.tokenUrl,
      ...stack.devstack.idp.clients.portal,
      statusTtlMs: 0,
      deny: [
        'openchoreo.workflowrun.createWithOptions',
        'openchoreo.workflowrun.cancel',
      ],
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await stack?.devstack.close();
  });

  it('refuses Build with options and cancel without their permissions, and still allows Build now', async () => {
    const runsBefore = stack.devstack.api.store.list('WorkflowRun', 'default');
    // Valid parameters (the component's own, one changed): without the permission check they
    // would start a build.
    const parameters = structuredClone(
      (
        stack.devstack.api.store.get(
          'Component',
          'default',
          'greeting-service',
        ) as unknown as {
          spec: {
            workflow: { parameters: { repository: { appPath: string } } };
          };
        }
      ).spec.workflow.parameters,
    );
    parameters.repository.appPath = '/service-go-greeter-v2';
    // Each option alone needs the permission: a commit, a branch, parameters.
    for (const options of [
      { commit: SHA },
      { branch: 'main' },
      { parameters },
    ]) {
      const withOptions = await request(backend.server)
        .post(`${API}/components/default/greeting-service/workflow-runs`)
        .set('Authorization', USER)
        .send(options);
      expect({ options, status: withOptions.status }).toEqual({
        options,
        status: 403,
      });
      expect(withOptions.body.error.message).toContain(
        'openchoreo.workflowrun.createWithOptions',
      );
    }
    expect(stack.devstack.api.store.list('WorkflowRun', 'default')).toEqual(
      runsBefore,
    );
    const buildNow = await request(backend.server)
      .post(`${API}/components/default/greeting-service/workflow-runs`)
      .set('Authorization', USER);
    expect(buildNow.status).toBe(201);
    const cancel = await request(backend.server)
      .delete(`${API}/workflow-runs/default/${buildNow.body.run.name}`)
      .set('Authorization', USER);
    expect(cancel.status).toBe(403);
    expect(
      stack.devstack.api.store.get(
        'WorkflowRun',
        'default',
        buildNow.body.run.name,
      ),
    ).toBeDefined();
  });
});
