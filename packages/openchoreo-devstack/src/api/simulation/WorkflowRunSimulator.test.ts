import type { ResourceStore } from '../store';
import { ManualClock } from './clock';
import type { WorkflowRunStatus } from './conditions';
import { COMMIT, component, seededStore, workflowRun } from './testFixtures';
import {
  FAIL_AT_TASK_ANNOTATION,
  HOLD_AT_TASK_ANNOTATION,
  HOLD_MS,
  WORKLOAD_ANNOTATION,
  WorkflowRunSimulator,
} from './WorkflowRunSimulator';

const IMAGE = `registry.openchoreo.localhost:10082/cart:${COMMIT.slice(0, 7)}`;

describe('WorkflowRunSimulator', () => {
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

  const getRun = (name: string) => store.get('WorkflowRun', 'default', name);
  const statusOf = (name: string) =>
    (getRun(name)?.status ?? {}) as WorkflowRunStatus;
  const phases = (name: string) =>
    (statusOf(name).tasks ?? []).map(t => `${t.name}:${t.phase}`);
  const condition = (name: string, type: string) =>
    statusOf(name).conditions?.find(c => c.type === type);

  it('runs a build from creation to Succeeded, publishing the Workload', async () => {
    store.create(workflowRun('cart-run-1'));
    expect(getRun('cart-run-1')?.status).toBeUndefined();

    await clock.advance(500);
    expect(statusOf('cart-run-1').startedAt).toBe('2026-03-01T10:00:00.500Z');
    expect(condition('cart-run-1', 'WorkflowCompleted')).toMatchObject({
      status: 'False',
      reason: 'WorkflowPending',
    });
    expect(simulator.logs('default', 'cart-run-1', {})).toBeUndefined();
    expect(simulator.events('default', 'cart-run-1', {})).toBeUndefined();

    await clock.advance(1000);
    expect(condition('cart-run-1', 'WorkflowRunning')?.status).toBe('True');
    expect(phases('cart-run-1')).toEqual([
      'checkout-source:Running',
      'build-image:Pending',
      'publish-image:Pending',
      'generate-workload:Pending',
    ]);
    expect(getRun('cart-run-1')?.spec?.ttlAfterCompletion).toBe('1h30m');

    await clock.advance(3000);
    expect(phases('cart-run-1')).toEqual([
      'checkout-source:Succeeded',
      'build-image:Running',
      'publish-image:Pending',
      'generate-workload:Pending',
    ]);

    // Half-way through build-image only the lines written so far are served.
    await clock.advance(4000);
    const partialBuild = simulator.logs('default', 'cart-run-1', {
      task: 'build-image',
    })!;
    expect(partialBuild[0].log).toBe(
      `+ docker build -t ${IMAGE} -f ./service/Dockerfile ./service`,
    );
    expect(partialBuild.map(l => l.log).join('\n')).not.toContain('naming to');

    await clock.advance(4000);
    expect(phases('cart-run-1')).toEqual([
      'checkout-source:Succeeded',
      'build-image:Succeeded',
      'publish-image:Running',
      'generate-workload:Pending',
    ]);
    await clock.advance(4000);
    expect(phases('cart-run-1')).toEqual([
      'checkout-source:Succeeded',
      'build-image:Succeeded',
      'publish-image:Succeeded',
      'generate-workload:Running',
    ]);
    expect(store.get('Workload', 'default', 'cart-workload')).toBeUndefined();

    await clock.advance(2000);
    const status = statusOf('cart-run-1');
    expect(phases('cart-run-1')).toEqual([
      'checkout-source:Succeeded',
      'build-image:Succeeded',
      'publish-image:Succeeded',
      'generate-workload:Succeeded',
    ]);
    expect(status.completedAt).toBe('2026-03-01T10:00:18.500Z');
    expect(status.tasks!.map(t => [t.startedAt, t.completedAt])).toEqual([
      ['2026-03-01T10:00:01.500Z', '2026-03-01T10:00:04.500Z'],
      ['2026-03-01T10:00:04.500Z', '2026-03-01T10:00:12.500Z'],
      ['2026-03-01T10:00:12.500Z', '2026-03-01T10:00:16.500Z'],
      ['2026-03-01T10:00:16.500Z', '2026-03-01T10:00:18.500Z'],
    ]);
    expect(condition('cart-run-1', 'WorkflowSucceeded')).toMatchObject({
      status: 'True',
      reason: 'WorkflowSucceeded',
      lastTransitionTime: '2026-03-01T10:00:18.500Z',
    });
    expect(condition('cart-run-1', 'WorkflowCompleted')).toMatchObject({
      status: 'True',
      reason: 'WorkflowSucceeded',
    });
    expect(condition('cart-run-1', 'WorkflowRunning')?.status).toBe('False');
    expect(condition('cart-run-1', 'WorkflowFailed')).toBeUndefined();

    const workload = store.get('Workload', 'default', 'cart-workload');
    expect(workload?.spec).toEqual({
      owner: { projectName: 'shop', componentName: 'cart' },
      container: { image: IMAGE },
    });
    const annotation =
      getRun('cart-run-1')!.metadata.annotations![WORKLOAD_ANNOTATION];
    expect(JSON.parse(annotation)).toMatchObject({
      kind: 'Workload',
      metadata: { name: 'cart-workload', namespace: 'default' },
      spec: { container: { image: IMAGE } },
    });
  });

  it('serves logs per task, in time order, and filtered by sinceSeconds', async () => {
    store.create(workflowRun('cart-run-1'));
    await clock.advance(18_500);
    const logsOf = (task: string) =>
      simulator.logs('default', 'cart-run-1', { task })!.map(l => l.log);

    expect(logsOf('checkout-source')).toEqual(
      expect.arrayContaining([
        '+ git clone --single-branch --branch main --depth 1 https://github.com/acme/cart.git /mnt/vol/source',
        `HEAD is now at ${COMMIT.slice(0, 7)}`,
      ]),
    );
    expect(logsOf('build-image')).toContain(`#9 naming to ${IMAGE} done`);
    expect(logsOf('publish-image')[0]).toBe(`+ docker push ${IMAGE}`);
    expect(logsOf('generate-workload')).toEqual(
      expect.arrayContaining([
        'Created Workload cart-workload in namespace default',
        `Annotating WorkflowRun cart-run-1 with ${WORKLOAD_ANNOTATION}`,
      ]),
    );
    expect(logsOf('no-such-task')).toEqual([]);

    const all = simulator.logs('default', 'cart-run-1', {})!;
    const timestamps = all.map(l => l.timestamp!);
    expect(timestamps).toEqual([...timestamps].sort());
    expect(all).toHaveLength(
      ['checkout-source', 'build-image', 'publish-image', 'generate-workload']
        .map(task => logsOf(task).length)
        .reduce((a, b) => a + b),
    );

    const recent = simulator.logs('default', 'cart-run-1', {
      sinceSeconds: 2,
    })!;
    const since = Date.parse('2026-03-01T10:00:16.500Z');
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(all.length);
    expect(recent.every(l => Date.parse(l.timestamp!) >= since)).toBe(true);
    expect(recent.map(l => l.log)).toContain(
      'Created Workload cart-workload in namespace default',
    );
  });

  it('records Kubernetes-style events per task', async () => {
    store.create(workflowRun('cart-run-1'));
    await clock.advance(18_500);

    const build = simulator.events('default', 'cart-run-1', {
      task: 'build-image',
    })!;
    expect(build.map(e => e.reason)).toEqual([
      'Scheduled',
      'Pulled',
      'Created',
      'Started',
      'WorkflowNodeSucceeded',
    ]);
    expect(build[0].message).toMatch(
      /^Successfully assigned workflows-default\/cart-run-1-build-image-[0-9a-f]{10} to /,
    );
    expect(build[4]).toEqual({
      timestamp: '2026-03-01T10:00:12.500Z',
      type: 'Normal',
      reason: 'WorkflowNodeSucceeded',
      message: 'Succeeded node cart-run-1[1].build-image',
    });

    const all = simulator.events('default', 'cart-run-1', {})!;
    expect(all[0]).toMatchObject({ reason: 'WorkflowRunning', type: 'Normal' });
    expect(all[all.length - 1]).toMatchObject({ reason: 'WorkflowSucceeded' });
    expect(all).toHaveLength(2 + 4 * 5);
  });

  it('replaces the Workload on a second run, keeping what the first did not set', async () => {
    store.create(workflowRun('cart-run-1'));
    await clock.advance(18_500);
    const first = store.get('Workload', 'default', 'cart-workload')!;
    store.replace({
      ...first,
      spec: {
        ...first.spec,
        endpoints: { http: { type: 'HTTP', port: 8080 } },
      },
    });

    const commit = 'ffeeddccbbaa99887766554433221100ffeeddcc';
    store.create(workflowRun('cart-run-2', { commit }));
    await clock.advance(18_500);

    expect(condition('cart-run-2', 'WorkflowSucceeded')?.status).toBe('True');
    const second = store.get('Workload', 'default', 'cart-workload')!;
    expect(second.metadata.uid).toBe(first.metadata.uid);
    expect(second.spec).toEqual({
      owner: { projectName: 'shop', componentName: 'cart' },
      container: { image: 'registry.openchoreo.localhost:10082/cart:ffeeddc' },
      endpoints: { http: { type: 'HTTP', port: 8080 } },
    });
    const annotation = JSON.parse(
      getRun('cart-run-2')!.metadata.annotations![WORKLOAD_ANNOTATION],
    );
    expect(annotation.spec.container.image).toBe(
      'registry.openchoreo.localhost:10082/cart:ffeeddc',
    );
    expect(
      simulator
        .logs('default', 'cart-run-2', { task: 'generate-workload' })!
        .map(l => l.log),
    ).toContain(
      'Workload cart-workload already exists: updated its image in namespace default',
    );
  });

  describe('validation', () => {
    async function rejectionOf(name: string) {
      await clock.advance(1500);
      const status = statusOf(name);
      expect(condition(name, 'WorkflowFailed')).toMatchObject({
        status: 'True',
        reason: 'ComponentValidationFailed',
      });
      expect(condition(name, 'WorkflowCompleted')).toMatchObject({
        status: 'True',
        reason: 'ComponentValidationFailed',
      });
      expect(condition(name, 'WorkflowRunning')?.status).toBe('False');
      expect(condition(name, 'WorkflowSucceeded')).toBeUndefined();
      expect(status.tasks).toBeUndefined();
      expect(status.completedAt).toBe('2026-03-01T10:00:01.500Z');
      expect(simulator.logs('default', name, {})).toBeUndefined();
      expect(store.list('Workload', 'default')).toEqual([]);
      // Nothing else happens later.
      await clock.advance(60_000);
      expect(getRun(name)?.status).toEqual(status);
      return condition(name, 'WorkflowFailed')?.message;
    }

    it('rejects a workflow that is not the component’s', async () => {
      store.create(workflowRun('cart-run-1', { workflow: 'other-builder' }));
      expect(await rejectionOf('cart-run-1')).toBe(
        'the run references workflow ClusterWorkflow/other-builder but component "cart" is configured with workflow ClusterWorkflow/dockerfile-builder',
      );
    });

    it('rejects a workflow the component type does not allow', async () => {
      store.create(component('jobs', 'worker'));
      store.create(workflowRun('jobs-run-1', { component: 'jobs' }));
      expect(await rejectionOf('jobs-run-1')).toBe(
        'workflow ClusterWorkflow/dockerfile-builder is not allowed for component type "worker"; allowed: [ClusterWorkflow/other-builder]',
      );
    });

    it('rejects any workflow when allowedWorkflows is empty', async () => {
      store.create(component('vault', 'locked'));
      store.create(workflowRun('vault-run-1', { component: 'vault' }));
      expect(await rejectionOf('vault-run-1')).toBe(
        'no workflows are allowed by component type "locked", but the run references workflow ClusterWorkflow/dockerfile-builder',
      );
    });

    it('rejects a run whose component does not exist', async () => {
      store.create(workflowRun('ghost-run-1', { component: 'ghost' }));
      expect(await rejectionOf('ghost-run-1')).toBe(
        'component "ghost" not found in namespace "default"',
      );
    });
  });

  describe('failures', () => {
    it('fails at the task named by the fail-at-task annotation', async () => {
      store.create(
        workflowRun('cart-run-1', {
          annotations: { [FAIL_AT_TASK_ANNOTATION]: 'build-image' },
        }),
      );
      await clock.advance(1500 + 3000 + 4000);

      const status = statusOf('cart-run-1');
      expect(phases('cart-run-1')).toEqual([
        'checkout-source:Succeeded',
        'build-image:Failed',
        'publish-image:Skipped',
        'generate-workload:Skipped',
      ]);
      const build = status.tasks![1];
      expect(build.completedAt).toBe('2026-03-01T10:00:08.500Z');
      expect(build.message).toBe(
        'Error (exit code 1): failure injected by the devstack at task build-image',
      );
      expect(condition('cart-run-1', 'WorkflowFailed')).toMatchObject({
        status: 'True',
        reason: 'WorkflowFailed',
        message: `Workflow execution failed at task build-image: ${build.message}`,
      });
      expect(condition('cart-run-1', 'WorkflowCompleted')?.reason).toBe(
        'WorkflowFailed',
      );
      expect(condition('cart-run-1', 'WorkflowSucceeded')).toBeUndefined();
      expect(status.completedAt).toBe('2026-03-01T10:00:08.500Z');

      const buildLogs = simulator.logs('default', 'cart-run-1', {
        task: 'build-image',
      })!;
      expect(buildLogs[buildLogs.length - 1].log).toMatch(
        /^ERROR: failed to solve/,
      );
      expect(buildLogs.map(l => l.log).join('\n')).not.toContain('naming to');
      expect(
        simulator.logs('default', 'cart-run-1', { task: 'publish-image' }),
      ).toEqual([]);
      expect(
        simulator
          .events('default', 'cart-run-1', { task: 'build-image' })!
          .pop(),
      ).toMatchObject({ type: 'Warning', reason: 'WorkflowNodeFailed' });

      await clock.advance(60_000);
      expect(store.get('Workload', 'default', 'cart-workload')).toBeUndefined();
      expect(
        getRun('cart-run-1')!.metadata.annotations?.[WORKLOAD_ANNOTATION],
      ).toBeUndefined();
    });

    it('fails the next run of a component only, with failNextRunAt', async () => {
      expect(() => simulator.failNextRunAt('cart', 'deploy')).toThrow(
        'unknown task "deploy"; expected one of checkout-source, build-image, publish-image, generate-workload',
      );
      simulator.failNextRunAt('cart', 'generate-workload');

      store.create(workflowRun('cart-run-1'));
      await clock.advance(18_500);
      expect(phases('cart-run-1')).toEqual([
        'checkout-source:Succeeded',
        'build-image:Succeeded',
        'publish-image:Succeeded',
        'generate-workload:Failed',
      ]);
      expect(
        getRun('cart-run-1')!.metadata.annotations![FAIL_AT_TASK_ANNOTATION],
      ).toBe('generate-workload');
      expect(store.get('Workload', 'default', 'cart-workload')).toBeUndefined();

      store.create(workflowRun('cart-run-2'));
      await clock.advance(18_500);
      expect(condition('cart-run-2', 'WorkflowSucceeded')?.status).toBe('True');
      expect(store.get('Workload', 'default', 'cart-workload')).toBeDefined();
    });
  });

  describe('ttlAfterCompletion', () => {
    it('deletes a run once the workflow’s TTL has passed after completion', async () => {
      store.create(workflowRun('cart-run-1'));
      await clock.advance(18_500);
      await clock.advance(90 * 60_000 - 1);
      expect(getRun('cart-run-1')).toBeDefined();
      await clock.advance(1);
      expect(getRun('cart-run-1')).toBeUndefined();
      expect(simulator.logs('default', 'cart-run-1', {})).toBeUndefined();
      expect(clock.pendingTimers).toBe(0);
    });

    it('prefers the run’s own ttlAfterCompletion, and applies to failed runs too', async () => {
      const run = workflowRun('cart-run-1', {
        annotations: { [FAIL_AT_TASK_ANNOTATION]: 'checkout-source' },
      });
      run.spec!.ttlAfterCompletion = '10m';
      store.create(run);
      await clock.advance(1500 + 1500);
      expect(condition('cart-run-1', 'WorkflowFailed')?.status).toBe('True');
      await clock.advance(10 * 60_000 - 1);
      expect(getRun('cart-run-1')).toBeDefined();
      await clock.advance(1);
      expect(getRun('cart-run-1')).toBeUndefined();
    });

    it('stop() clears every timer', async () => {
      store.create(workflowRun('cart-run-1'));
      await clock.advance(18_500);
      expect(clock.pendingTimers).toBe(1);
      simulator.stop();
      expect(clock.pendingTimers).toBe(0);
      await clock.advance(24 * 3_600_000);
      expect(getRun('cart-run-1')).toBeDefined();
    });
  });

  describe('cancel and pod collection', () => {
    it('stops a running build when its run is deleted: no later step, no Workload', async () => {
      store.create(workflowRun('cart-run-1'));
      await clock.advance(1500 + 3000);
      expect(phases('cart-run-1')[1]).toBe('build-image:Running');
      store.delete('WorkflowRun', 'default', 'cart-run-1');
      expect(clock.pendingTimers).toBe(0);
      await clock.advance(60_000);
      expect(getRun('cart-run-1')).toBeUndefined();
      expect(store.get('Workload', 'default', 'cart-workload')).toBeUndefined();
      expect(simulator.logs('default', 'cart-run-1', {})).toBeUndefined();
    });

    it('holds a run in the task named by hold-at-task until it is deleted (or an hour passes)', async () => {
      store.create(
        workflowRun('cart-run-1', {
          annotations: { [HOLD_AT_TASK_ANNOTATION]: 'build-image' },
        }),
      );
      store.create(
        workflowRun('cart-run-2', {
          annotations: { [HOLD_AT_TASK_ANNOTATION]: 'build-image' },
        }),
      );
      await clock.advance(1500 + 3000 + 60_000);
      for (const name of ['cart-run-1', 'cart-run-2']) {
        expect(phases(name)).toEqual([
          'checkout-source:Succeeded',
          'build-image:Running',
          'publish-image:Pending',
          'generate-workload:Pending',
        ]);
      }
      store.delete('WorkflowRun', 'default', 'cart-run-1');
      await clock.advance(HOLD_MS);
      expect(getRun('cart-run-1')).toBeUndefined();
      expect(phases('cart-run-2')[1]).toBe('build-image:Succeeded');
      await clock.advance(10_000);
      expect(condition('cart-run-2', 'WorkflowSucceeded')?.status).toBe('True');
    });

    it('collects a finished run’s pods after the retention time: its logs and events are gone', async () => {
      simulator.stop();
      simulator = new WorkflowRunSimulator({
        store,
        clock,
        podRetentionMs: 60_000,
      });
      simulator.start();
      store.create(workflowRun('cart-run-1'));
      await clock.advance(18_500);
      expect(statusOf('cart-run-1').completedAt).toBeDefined();
      expect(simulator.isCollected('default', 'cart-run-1')).toBe(false);
      expect(
        simulator.logs('default', 'cart-run-1', {})?.length,
      ).toBeGreaterThan(0);
      await clock.advance(60_000);
      expect(simulator.isCollected('default', 'cart-run-1')).toBe(true);
      expect(simulator.logs('default', 'cart-run-1', {})).toBeUndefined();
      expect(simulator.events('default', 'cart-run-1', {})).toBeUndefined();
      expect(getRun('cart-run-1')).toBeDefined();
    });

    it('expireLogs collects a completed run at once, and refuses a running one', async () => {
      store.create(workflowRun('cart-run-1'));
      await clock.advance(1500);
      expect(simulator.expireLogs('default', 'cart-run-1')).toBe(false);
      await clock.advance(17_000);
      expect(simulator.expireLogs('default', 'cart-run-1')).toBe(true);
      expect(simulator.isCollected('default', 'cart-run-1')).toBe(true);
      expect(simulator.logs('default', 'cart-run-1', {})).toBeUndefined();
    });
  });

  describe('runs that exist when the simulator starts', () => {
    beforeEach(() => simulator.stop());

    it('resumes an unfinished run from its current task and rebuilds its logs', async () => {
      const run = workflowRun('cart-run-1');
      run.spec!.ttlAfterCompletion = '1h30m';
      run.status = {
        startedAt: '2026-03-01T09:59:50.000Z',
        conditions: [
          {
            type: 'WorkflowCompleted',
            status: 'False',
            reason: 'WorkflowPending',
            lastTransitionTime: '2026-03-01T09:59:50.000Z',
          },
          {
            type: 'WorkflowRunning',
            status: 'True',
            reason: 'WorkflowRunning',
            lastTransitionTime: '2026-03-01T09:59:51.000Z',
          },
        ],
        tasks: [
          {
            name: 'checkout-source',
            phase: 'Succeeded',
            startedAt: '2026-03-01T09:59:51.000Z',
            completedAt: '2026-03-01T09:59:54.000Z',
          },
          {
            name: 'build-image',
            phase: 'Running',
            startedAt: '2026-03-01T09:59:54.000Z',
          },
          { name: 'publish-image', phase: 'Pending' },
          { name: 'generate-workload', phase: 'Pending' },
        ],
      };
      store.create(run);

      simulator = new WorkflowRunSimulator({ store, clock });
      simulator.start();
      expect(
        simulator
          .logs('default', 'cart-run-1', { task: 'checkout-source' })!
          .map(l => l.log),
      ).toContain(`HEAD is now at ${COMMIT.slice(0, 7)}`);

      // build-image started 6 s ago and takes 8 s.
      await clock.advance(1999);
      expect(phases('cart-run-1')[1]).toBe('build-image:Running');
      await clock.advance(1);
      expect(statusOf('cart-run-1').tasks![1].completedAt).toBe(
        '2026-03-01T10:00:02.000Z',
      );
      await clock.advance(6000);
      expect(condition('cart-run-1', 'WorkflowSucceeded')?.status).toBe('True');
      expect(store.get('Workload', 'default', 'cart-workload')).toBeDefined();
    });

    it('validates a run that was never picked up', async () => {
      store.create(workflowRun('cart-run-1'));
      simulator = new WorkflowRunSimulator({ store, clock });
      simulator.start();
      await clock.advance(1000);
      expect(condition('cart-run-1', 'WorkflowRunning')?.status).toBe('True');
    });

    it('leaves a finished run alone but still applies its TTL', async () => {
      const run = workflowRun('cart-run-1');
      run.spec!.ttlAfterCompletion = '1d';
      run.status = {
        completedAt: '2026-02-28T11:00:00.000Z',
        conditions: [
          {
            type: 'WorkflowCompleted',
            status: 'True',
            reason: 'WorkflowSucceeded',
            lastTransitionTime: '2026-02-28T11:00:00.000Z',
          },
        ],
      };
      store.create(run);
      const before = getRun('cart-run-1');

      simulator = new WorkflowRunSimulator({ store, clock });
      simulator.start();
      await clock.advance(0);
      expect(getRun('cart-run-1')).toEqual(before);
      await clock.advance(3_600_000 - 1);
      expect(getRun('cart-run-1')).toBeDefined();
      await clock.advance(1);
      expect(getRun('cart-run-1')).toBeUndefined();
    });
  });
});
