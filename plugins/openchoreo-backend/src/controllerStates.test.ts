import { mockCredentials } from '@backstage/backend-test-utils';
import {
  CONTROLLER_CONDITION_ANNOTATION,
  workflowPlane,
} from '@openchoreo-ci/openchoreo-devstack';
import request from 'supertest';
import {
  startBuildsTestStack,
  type BuildsTestStack,
} from './__testUtils__/buildsTestStack';
import {
  cloneGreetingService,
  cloneWorkflow,
  finishedRun,
} from './__testUtils__/runFixtures';

const USER = mockCredentials.user.header();
const API = '/api/openchoreo';

jest.setTimeout(60_000);

/*
 * Every state OpenChoreo's WorkflowRun controller can produce, as the build routes answer it:
 * runs that cannot start ("Not started" with the controller's message and what to do), stale
 * conditions, and runs of a deleted workflow (listed, marked, not re-runnable).
 */
describe('builds: the controller states', () => {
  let env: BuildsTestStack;
  let store: BuildsTestStack['store'];
  let fresh = 0;

  beforeAll(async () => {
    env = await startBuildsTestStack({ statusTtlMs: 0 });
    ({ store } = env);
  });
  afterAll(() => env?.stop());

  const get = (path: string) =>
    request(env.backend.server).get(`${API}${path}`).set('Authorization', USER);
  const newComponent = () => {
    fresh += 1;
    const name = `states-test-${fresh}`;
    cloneGreetingService(store, name);
    return name;
  };
  /** A new run of `component` as Build now makes it; the simulated controller takes it from there. */
  const startRun = (
    component: string,
    annotations: Record<string, string> = {},
    workflow = 'dockerfile-builder',
  ) => {
    const name = `${component}-run-${String(fresh).padStart(8, '0')}`;
    store.create({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'WorkflowRun',
      metadata: {
        name,
        namespace: 'default',
        labels: {
          'openchoreo.dev/project': 'demo-project',
          'openchoreo.dev/component': component,
        },
        annotations,
      },
      spec: {
        workflow: {
          kind: 'ClusterWorkflow',
          name: workflow,
          parameters: { repository: { url: 'https://github.com/a/b' } },
        },
      },
    });
    return name;
  };
  async function waitFor(
    name: string,
    done: (body: Record<string, unknown>) => boolean,
  ) {
    let last: Record<string, unknown> = {};
    for (let i = 0; i < 200; i++) {
      last = (await get(`/workflow-runs/default/${name}`)).body;
      if (done(last)) return last;
      await new Promise(r => setTimeout(r, 50));
    }
    throw new Error(`build ${name} never got there: ${JSON.stringify(last)}`);
  }

  it('shows a run on a missing workflow plane as "Not started" with the controller message, then it starts', async () => {
    const component = newComponent();
    store.delete('ClusterWorkflowPlane', undefined, 'default');
    try {
      const name = startRun(component);
      const details = await waitFor(name, b => b.displayState === 'NotStarted');
      expect(details).toMatchObject({
        status: 'Pending',
        displayState: 'NotStarted',
        reason: 'WorkflowPlaneNotFound',
        message:
          'Not started: No workflow plane found for the workflow associated with this workflow run',
        action: { who: 'platform-engineer' },
      });
      const list = await get(`/components/default/${component}/workflow-runs`);
      expect(list.body.items[0]).toMatchObject({
        name,
        displayState: 'NotStarted',
        reason: 'WorkflowPlaneNotFound',
      });
      store.create(workflowPlane('ClusterWorkflowPlane', 'default'));
      await waitFor(name, b =>
        ['Running', 'Succeeded'].includes(b.displayState as string),
      );
    } finally {
      if (!store.get('ClusterWorkflowPlane', undefined, 'default')) {
        store.create(workflowPlane('ClusterWorkflowPlane', 'default'));
      }
    }
  });

  it.each([
    ['WorkflowPlaneResolutionFailed', 'NotStarted'],
    ['WorkflowResolutionFailed', 'NotStarted'],
    ['Stale', 'Waiting'],
  ])('answers the %s condition as %s', async (condition, displayState) => {
    const component = newComponent();
    const name = startRun(component, {
      [CONTROLLER_CONDITION_ANNOTATION]: condition,
    });
    const details = await waitFor(name, b => b.displayState === displayState);
    expect(details.status).toBe('Pending');
    expect(details.message).toMatch(
      displayState === 'Waiting'
        ? /^Waiting for the controller/
        : /^Not started: Failed to resolve/,
    );
  });

  it('marks a run of a deleted workflow, and refuses Build with options when the component workflow is gone', async () => {
    // The cause itself (a deleted Workflow) is the devstack's own test; here on demand.
    const component = newComponent();
    const failed = startRun(component, {
      [CONTROLLER_CONDITION_ANNOTATION]: 'WorkflowNotFound',
    });
    const details = await waitFor(failed, b => b.status === 'Failed');
    expect(details).toMatchObject({
      displayState: 'Failed',
      message: 'Workflow is not found in the cluster',
      workflowDeleted: true,
      action: { who: 'platform-engineer' },
    });

    // An older, successful run of a workflow deleted since: still listed, marked once known.
    const other = newComponent();
    cloneWorkflow(store, 'retired-builder-2');
    const old = finishedRun(store, other, {
      createdAt: new Date(Date.now() - 60_000),
      workflow: 'retired-builder-2',
    });
    const componentObject = store.get('Component', 'default', other)!;
    componentObject.spec = {
      ...componentObject.spec,
      workflow: {
        ...(componentObject.spec?.workflow as object),
        name: 'retired-builder-2',
      },
    };
    store.replace(componentObject);
    store.delete('ClusterWorkflow', undefined, 'retired-builder-2');

    const actions = await get(`/components/default/${other}/actions`);
    expect(actions.body.build.allowed).toBe(true);
    expect(actions.body.buildWithOptions).toMatchObject({
      allowed: false,
      reason: expect.stringContaining(
        'ClusterWorkflow:retired-builder-2 of this component no longer exists',
      ),
    });
    const list = await get(`/components/default/${other}/workflow-runs`);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        name: old,
        status: 'Succeeded',
        workflowDeleted: true,
      }),
    ]);
    const seeded = await get(`/components/default/greeting-service/actions`);
    expect(seeded.body.buildWithOptions).toEqual(seeded.body.build);
  });
});
