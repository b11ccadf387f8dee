import request from 'supertest';
import { createOpenChoreoApiRouter } from '../router';
import type { ResourceStore } from '../store';
import { ManualClock } from './clock';
import type { WorkflowRunStatus } from './conditions';
import { seededStore, workflowRun } from './testFixtures';
import {
  CONTROLLER_CONDITION_ANNOTATION,
  NOT_STARTED_RETRY_MS,
  WorkflowRunSimulator,
} from './WorkflowRunSimulator';
import { WORKFLOW_NOT_FOUND_MESSAGE } from './validateRun';
import {
  WORKFLOW_PLANE_NOT_FOUND_MESSAGE,
  workflowPlane,
} from './workflowPlanes';

/*
 * The conditions OpenChoreo's WorkflowRun controller sets when it cannot start a run or its
 * Workflow is gone, produced by the same causes (and on demand by annotation).
 */
describe('controller conditions of the simulation', () => {
  let clock: ManualClock;
  let store: ResourceStore;
  let simulator: WorkflowRunSimulator;

  beforeEach(() => {
    clock = new ManualClock('2026-03-01T10:00:00Z');
    store = seededStore(clock);
    simulator = new WorkflowRunSimulator({ store, clock });
    simulator.start();
  });
  afterEach(() => simulator.stop());

  const conditionsOf = (name: string) =>
    (
      (store.get('WorkflowRun', 'default', name)?.status ??
        {}) as WorkflowRunStatus
    ).conditions ?? [];
  const summary = (name: string) =>
    conditionsOf(name).map(c => `${c.type}=${c.status}:${c.reason}`);
  /** Pickup (500 ms) and validation (1 s) of a new run. */
  const pickUpAndValidate = () => clock.advance(1500);

  it('does not start a run whose workflow plane is missing, and starts it once the plane exists', async () => {
    store.delete('ClusterWorkflowPlane', undefined, 'default');
    store.create(workflowRun('cart-run-1'));
    await pickUpAndValidate();
    expect(summary('cart-run-1')).toEqual([
      'WorkflowCompleted=False:WorkflowPlaneNotFound',
    ]);
    expect(conditionsOf('cart-run-1')[0].message).toBe(
      WORKFLOW_PLANE_NOT_FOUND_MESSAGE,
    );
    // The controller tries again: still nothing while the plane is missing.
    await clock.advance(NOT_STARTED_RETRY_MS);
    expect(summary('cart-run-1')).toEqual([
      'WorkflowCompleted=False:WorkflowPlaneNotFound',
    ]);
    store.create(workflowPlane('ClusterWorkflowPlane', 'default'));
    await clock.advance(NOT_STARTED_RETRY_MS);
    expect(summary('cart-run-1')).toContain(
      'WorkflowRunning=True:WorkflowRunning',
    );
  });

  it("resolves the workflow's workflowPlaneRef: a missing WorkflowPlane, an unsupported kind", async () => {
    const setPlaneRef = (ref: Record<string, string>) => {
      const workflow = store.get(
        'ClusterWorkflow',
        undefined,
        'dockerfile-builder',
      )!;
      workflow.spec = { ...workflow.spec, workflowPlaneRef: ref };
      store.replace(workflow);
    };
    setPlaneRef({ kind: 'WorkflowPlane', name: 'edge' });
    store.create(workflowRun('cart-run-1'));
    await pickUpAndValidate();
    expect(summary('cart-run-1')).toEqual([
      'WorkflowCompleted=False:WorkflowPlaneNotFound',
    ]);

    store.create(workflowPlane('WorkflowPlane', 'edge', 'default'));
    setPlaneRef({ kind: 'DataPlane', name: 'edge' });
    store.create(workflowRun('cart-run-2'));
    await pickUpAndValidate();
    expect(summary('cart-run-2')).toEqual([
      'WorkflowCompleted=False:WorkflowPlaneResolutionFailed',
    ]);
    expect(conditionsOf('cart-run-2')[0].message).toMatch(
      /^Failed to resolve workflow plane: /,
    );

    setPlaneRef({ kind: 'WorkflowPlane', name: 'edge' });
    store.create(workflowRun('cart-run-3'));
    await pickUpAndValidate();
    expect(summary('cart-run-3')).toContain(
      'WorkflowRunning=True:WorkflowRunning',
    );
  });

  it('fails a run of a deleted Workflow as the controller does, before and while it runs', async () => {
    store.create(workflowRun('cart-run-1'));
    await pickUpAndValidate();
    expect(summary('cart-run-1')).toContain(
      'WorkflowRunning=True:WorkflowRunning',
    );
    store.delete('ClusterWorkflow', undefined, 'dockerfile-builder');
    store.create(workflowRun('cart-run-2'));
    await clock.advance(5000);
    for (const run of ['cart-run-1', 'cart-run-2']) {
      expect(summary(run).sort()).toEqual([
        'WorkflowCompleted=True:WorkflowFailed',
        'WorkflowFailed=True:WorkflowFailed',
        'WorkflowRunning=False:WorkflowFailed',
      ]);
      expect(conditionsOf(run).map(c => c.message)).toEqual([
        WORKFLOW_NOT_FOUND_MESSAGE,
        WORKFLOW_NOT_FOUND_MESSAGE,
        WORKFLOW_NOT_FOUND_MESSAGE,
      ]);
    }
  });

  it.each([
    ['WorkflowPlaneNotFound', WORKFLOW_PLANE_NOT_FOUND_MESSAGE],
    [
      'WorkflowPlaneResolutionFailed',
      /^Failed to resolve workflow plane: injected/,
    ],
    ['WorkflowResolutionFailed', /^Failed to resolve workflow: injected/],
  ])('produces %s on demand (run annotation)', async (reason, message) => {
    store.create(
      workflowRun('cart-run-1', {
        annotations: { [CONTROLLER_CONDITION_ANNOTATION]: reason },
      }),
    );
    await pickUpAndValidate();
    expect(summary('cart-run-1')).toEqual([
      `WorkflowCompleted=False:${reason}`,
    ]);
    expect(conditionsOf('cart-run-1')[0].message).toMatch(message);
  });

  it('produces a deleted-workflow failure and stale conditions on demand', async () => {
    store.create(
      workflowRun('cart-run-1', {
        annotations: { [CONTROLLER_CONDITION_ANNOTATION]: 'WorkflowNotFound' },
      }),
    );
    store.create(
      workflowRun('cart-run-2', {
        annotations: { [CONTROLLER_CONDITION_ANNOTATION]: 'Stale' },
      }),
    );
    await pickUpAndValidate();
    expect(
      conditionsOf('cart-run-1').find(c => c.type === 'WorkflowFailed'),
    ).toMatchObject({ status: 'True', message: WORKFLOW_NOT_FOUND_MESSAGE });

    await clock.advance(60_000);
    const stale = store.get('WorkflowRun', 'default', 'cart-run-2')!;
    expect(stale.metadata.generation).toBe(2);
    expect(conditionsOf('cart-run-2')).toEqual([
      expect.objectContaining({
        type: 'WorkflowCompleted',
        reason: 'WorkflowPending',
        observedGeneration: 1,
      }),
    ]);
  });
});

describe('API test control /_devstack', () => {
  const app = (store?: ResourceStore) =>
    createOpenChoreoApiRouter({
      auth: {
        issuer: 'http://idp.invalid',
        jwksUri: 'http://idp.invalid/jwks',
      },
      ...(store ? { store } : {}),
    });

  it('removes and restores the default workflow plane, and removes workflows', async () => {
    const store = seededStore();
    const server = app(store);
    const removed = await request(server)
      .post('/_devstack/workflow-planes/remove')
      .send({});
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({
      removed: { kind: 'ClusterWorkflowPlane', name: 'default' },
    });
    expect(
      store.get('ClusterWorkflowPlane', undefined, 'default'),
    ).toBeUndefined();
    expect(
      (await request(server).post('/_devstack/workflow-planes/remove').send({}))
        .status,
    ).toBe(404);
    const restored = await request(server)
      .post('/_devstack/workflow-planes/restore')
      .send({});
    expect(restored.status).toBe(201);
    expect(
      store.get('ClusterWorkflowPlane', undefined, 'default'),
    ).toBeDefined();

    expect(
      (
        await request(server)
          .post('/_devstack/workflow-planes/remove')
          .send({ kind: 'DataPlane' })
      ).status,
    ).toBe(422);
    const workflow = await request(server)
      .post('/_devstack/workflows/remove')
      .send({ name: 'dockerfile-builder' });
    expect(workflow.status).toBe(200);
    expect(
      store.get('ClusterWorkflow', undefined, 'dockerfile-builder'),
    ).toBeUndefined();
  });

  it('gives every store the default workflow plane of an installation', () => {
    const server = app();
    expect(server).toBeDefined();
    const store = seededStore();
    store.delete('ClusterWorkflowPlane', undefined, 'default');
    app(store);
    expect(
      store.get('ClusterWorkflowPlane', undefined, 'default'),
    ).toBeDefined();
  });
});
