import type { ResourceObject, ResourceStore, StoreEvent } from '../store';
import { Clock, ClockTimer, createScaledClock } from './clock';
import {
  failedConditions,
  FailureReason,
  isCompleted,
  isRunning,
  notStartedConditions,
  NotStartedReason,
  pendingConditions,
  runningConditions,
  succeededConditions,
  WorkflowRunStatus,
} from './conditions';
import { parseDuration } from './duration';
import {
  buildWorkload,
  publishWorkload,
  WorkloadPublisherTarget,
} from './publishWorkload';
import { RunJournal } from './runJournal';
import { BuildContext, resolveBuildContext } from './runContext';
import {
  BUILD_TASKS,
  BuildTaskName,
  injectedFailureMessage,
  isBuildTask,
  taskDurationMs,
  taskEndEvent,
  taskLogLines,
  taskStartEvents,
} from './tasks';
import type { RunEvent, RunLogLine, RunObservability } from './types';
import {
  COMPONENT_LABEL,
  validateRun,
  WORKFLOW_NOT_FOUND_MESSAGE,
} from './validateRun';
import {
  resolveWorkflowPlane,
  WORKFLOW_PLANE_NOT_FOUND_MESSAGE,
} from './workflowPlanes';

/** Run annotation that makes the simulated build fail at the named task. */
export const FAIL_AT_TASK_ANNOTATION = 'devstack.openchoreo.dev/fail-at-task';
/**
 * Run annotation that keeps the simulated build in the named task for {@link HOLD_MS} of
 * simulated time (then it goes on), so tests can cancel a build that is surely still running.
 */
export const HOLD_AT_TASK_ANNOTATION = 'devstack.openchoreo.dev/hold-at-task';
/** Simulated time a task named by {@link HOLD_AT_TASK_ANNOTATION} runs: one hour. */
export const HOLD_MS = 3_600_000;
/**
 * Run annotation that makes the controller produce one of its conditions on demand:
 * `WorkflowPlaneNotFound`, `WorkflowPlaneResolutionFailed`, `WorkflowResolutionFailed` (the run
 * never starts), `WorkflowNotFound` (fails as a run of a deleted Workflow) or `Stale` (the run's
 * generation moves past its conditions' observedGeneration and the controller never catches up).
 */
export const CONTROLLER_CONDITION_ANNOTATION =
  'devstack.openchoreo.dev/controller-condition';
/** The values {@link CONTROLLER_CONDITION_ANNOTATION} accepts. */
export const CONTROLLER_CONDITIONS = [
  'WorkflowPlaneNotFound',
  'WorkflowPlaneResolutionFailed',
  'WorkflowResolutionFailed',
  'WorkflowNotFound',
  'Stale',
] as const;
/** Simulated time between two attempts of the controller to start a run it could not start. */
export const NOT_STARTED_RETRY_MS = 10_000;
/** Run annotation holding the published Workload as JSON, written by generate-workload. */
export const WORKLOAD_ANNOTATION = 'openchoreo.dev/workload';
/** Run annotation telling whether the Workload came from a descriptor in the source. */
export const WORKLOAD_FROM_SOURCE_ANNOTATION =
  'openchoreo.dev/workload-from-source';

/** Simulated time between a run's creation and the controller marking it Pending. */
export const PICKUP_DELAY_MS = 500;
/** Simulated time between Pending and validation (then Running or failed). */
export const VALIDATION_DELAY_MS = 1_000;
/** Default simulated time after completion until the workflow plane collects a run's pods (and logs). */
export const POD_RETENTION_MS = 24 * 3_600_000;

/** The logging the simulator needs (Backstage's LoggerService fits). */
export interface SimulationLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Options of {@link WorkflowRunSimulator}. */
export interface WorkflowRunSimulatorOptions {
  store: ResourceStore;
  /** Speed of simulated time when no clock is given: 0.01 runs a 5 s task in 50 ms. */
  timeScale?: number;
  clock?: Clock;
  /** Publish Workloads over HTTP like the real step; without it they go straight to the store. */
  publisher?: WorkloadPublisherTarget;
  /** Registry of the built images (default `registry.openchoreo.localhost:10082`). */
  registry?: string;
  /** Time after completion until a run's pods (its live logs and events) are collected; default 24 h. */
  podRetentionMs?: number;
  logger?: SimulationLogger;
}

const silent: SimulationLogger = { info() {}, warn() {}, error() {} };

/**
 * Plays the OpenChoreo controller and the Argo workflow plane for WorkflowRuns in the store:
 * validation, tasks on a (possibly sped-up) clock, logs and events, Workload publishing and TTL.
 */
export class WorkflowRunSimulator implements RunObservability {
  private readonly store: ResourceStore;
  private readonly clock: Clock;
  private readonly logger: SimulationLogger;
  private readonly journal = new RunJournal();
  private readonly steps = new Map<string, ClockTimer>();
  private readonly ttls = new Map<string, ClockTimer>();
  private readonly failNext = new Map<string, BuildTaskName>();
  private readonly collected = new Set<string>();
  private unsubscribe?: () => void;

  constructor(private readonly options: WorkflowRunSimulatorOptions) {
    this.store = options.store;
    this.clock = options.clock ?? createScaledClock(options.timeScale ?? 1);
    this.logger = options.logger ?? silent;
  }

  /** Starts watching the store; picks up runs that already exist (resumes unfinished ones). */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.store.subscribe(event => this.onStoreEvent(event));
    const namespaces = new Set(['default']);
    for (const ns of this.store.list('Namespace'))
      namespaces.add(ns.metadata.name);
    for (const namespace of namespaces) {
      for (const run of this.store.list('WorkflowRun', namespace)) {
        this.schedule(run, 0);
      }
    }
  }

  /** Stops watching and clears every timer; state stays in the store. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const timer of [...this.steps.values(), ...this.ttls.values()])
      timer.cancel();
    this.steps.clear();
    this.ttls.clear();
    this.journal.clear();
    this.collected.clear();
  }

  /**
   * Collects a completed run's pods now (test control): its live logs and events are gone, as
   * when the workflow plane cleaned up after the retention time. False if it has not completed.
   */
  expireLogs(namespace: string, runName: string): boolean {
    const run = this.store.get('WorkflowRun', namespace, runName);
    if (!run || !statusOf(run).completedAt) return false;
    this.collected.add(keyOf(run));
    this.journal.drop(keyOf(run));
    return true;
  }

  /** True once a completed run's pods were collected (retention elapsed or {@link expireLogs}). */
  isCollected(namespace: string, runName: string): boolean {
    const run = this.store.get('WorkflowRun', namespace, runName);
    const completedAt = run && statusOf(run).completedAt;
    if (!run || !completedAt) return false;
    if (this.collected.has(keyOf(run))) return true;
    const retention = this.options.podRetentionMs ?? POD_RETENTION_MS;
    return Date.parse(completedAt) + retention <= this.clock.now().getTime();
  }

  /**
   * Appends `count` lines to the log of step `task` of a run that has started (test control, for
   * big logs), timestamped one millisecond apart up to now. False when the run does not exist
   * or has not started a step.
   */
  appendLogs(
    namespace: string,
    runName: string,
    task: string,
    count: number,
  ): boolean {
    const run = this.store.get('WorkflowRun', namespace, runName);
    if (!run || this.isCollected(namespace, runName)) return false;
    this.ensureJournal(run);
    const key = keyOf(run);
    if (!this.journal.has(key)) return false;
    const now = this.clock.now().getTime();
    this.journal.addLines(
      key,
      task,
      Array.from({ length: count }, (_, i) => ({
        timestamp: new Date(now - (count - i)).toISOString(),
        log: `[${task}] seeded line ${
          i + 1
        } of ${count}: the quick brown fox jumps over the lazy dog`,
      })),
    );
    return true;
  }

  /** Makes the next run of `component` (any namespace) fail at `task`. */
  failNextRunAt(component: string, task: string): void {
    if (!isBuildTask(task)) {
      throw new Error(
        `unknown task "${task}"; expected one of ${BUILD_TASKS.join(', ')}`,
      );
    }
    this.failNext.set(component, task);
  }

  logs(
    namespace: string,
    runName: string,
    options: { task?: string; sinceSeconds?: number },
  ): RunLogLine[] | undefined {
    const run = this.store.get('WorkflowRun', namespace, runName);
    if (!run || this.isCollected(namespace, runName)) return undefined;
    this.ensureJournal(run);
    return this.journal.logs(keyOf(run), this.clock.now(), options);
  }

  events(
    namespace: string,
    runName: string,
    options: { task?: string },
  ): RunEvent[] | undefined {
    const run = this.store.get('WorkflowRun', namespace, runName);
    if (!run || this.isCollected(namespace, runName)) return undefined;
    this.ensureJournal(run);
    return this.journal.events(keyOf(run), this.clock.now(), options);
  }

  private onStoreEvent(event: StoreEvent) {
    const run = event.object;
    if (run.kind !== 'WorkflowRun') return;
    if (event.type === 'created') {
      this.schedule(run, PICKUP_DELAY_MS);
    } else if (event.type === 'deleted') {
      const key = keyOf(run);
      this.steps.get(key)?.cancel();
      this.steps.delete(key);
      this.ttls.get(key)?.cancel();
      this.ttls.delete(key);
      this.journal.drop(key);
      this.collected.delete(key);
    }
  }

  private schedule(run: ResourceObject, delayMs: number) {
    if (!this.unsubscribe) return;
    const key = keyOf(run);
    const uid = run.metadata.uid;
    this.steps.get(key)?.cancel();
    this.steps.set(
      key,
      this.clock.setTimer(delayMs, () => {
        this.steps.delete(key);
        this.step(run.metadata.namespace, run.metadata.name, uid).catch(error =>
          this.logger.error(`WorkflowRun ${key}: ${errorMessage(error)}`),
        );
      }),
    );
  }

  /** One reconcile: look at the run's status and take the next step. */
  private async step(
    namespace: string | undefined,
    name: string,
    uid?: string,
  ) {
    const run = this.store.get('WorkflowRun', namespace, name);
    if (!run || run.metadata.uid !== uid) return;
    const status = statusOf(run);
    const now = this.clock.now();

    if (isCompleted(status)) {
      this.armTtl(run);
    } else if (!status.conditions?.some(c => c.type === 'WorkflowCompleted')) {
      status.startedAt ??= now.toISOString();
      status.conditions = pendingConditions(status.conditions ?? [], now);
      if (this.injectedCondition(run) === 'Stale') {
        // The spec moved on (generation 2) and the controller never observes it.
        run.metadata.generation = 2;
        status.conditions = status.conditions.map(c => ({
          ...c,
          observedGeneration: 1,
        }));
        this.save(run, status);
        return;
      }
      this.schedule(this.save(run, status), VALIDATION_DELAY_MS);
    } else if (this.injectedCondition(run) === 'Stale') {
      return;
    } else if (!isRunning(status)) {
      this.accept(run, status, now);
    } else {
      await this.advance(run, status, now);
    }
  }

  private accept(run: ResourceObject, status: WorkflowRunStatus, now: Date) {
    const condition = this.injectedCondition(run);
    if (condition === 'WorkflowNotFound') {
      this.finish(
        run,
        status,
        now,
        'WorkflowFailed',
        WORKFLOW_NOT_FOUND_MESSAGE,
      );
      return;
    }
    if (condition && condition !== 'Stale') {
      this.notStarted(
        run,
        status,
        now,
        condition,
        injectedNotStartedMessage(condition),
      );
      return;
    }
    const verdict = validateRun(this.store, run);
    if (!verdict.ok) {
      this.logger.info(
        `WorkflowRun ${keyOf(run)} rejected: ${verdict.message}`,
      );
      this.finish(run, status, now, verdict.reason, verdict.message);
      return;
    }
    const plane = resolveWorkflowPlane(
      this.store,
      verdict.workflow,
      run.metadata.namespace,
    );
    if (plane) {
      this.notStarted(run, status, now, plane.reason, plane.message);
      return;
    }
    const spec = run.spec ?? {};
    const ttl = verdict.workflow.spec?.ttlAfterCompletion;
    if (!spec.ttlAfterCompletion && typeof ttl === 'string')
      spec.ttlAfterCompletion = ttl;
    run.spec = spec;

    const component = run.metadata.labels?.[COMPONENT_LABEL];
    const injected = component ? this.failNext.get(component) : undefined;
    if (component && injected) {
      this.failNext.delete(component);
      run.metadata.annotations = {
        [FAIL_AT_TASK_ANNOTATION]: injected,
        ...run.metadata.annotations,
      };
    }

    status.runReference = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      name: run.metadata.name,
      namespace: `workflows-${run.metadata.namespace}`,
    };
    status.conditions = runningConditions(status.conditions ?? [], now);
    status.tasks = BUILD_TASKS.map(name => ({ name, phase: 'Pending' }));
    const ctx = this.contextOf(run);
    this.journal.addEvents(keyOf(run), undefined, [
      {
        timestamp: now.toISOString(),
        type: 'Normal',
        reason: 'WorkflowRunning',
        message: 'Workflow Running',
      },
    ]);
    this.startNext(run, status, 0, ctx, now);
  }

  /**
   * The controller cannot start the run: only `WorkflowCompleted=False` with the reason, and it
   * tries again later (the run starts once the cause is gone).
   */
  private notStarted(
    run: ResourceObject,
    status: WorkflowRunStatus,
    now: Date,
    reason: NotStartedReason,
    message: string,
  ) {
    const before = JSON.stringify(status.conditions);
    status.conditions = notStartedConditions(
      status.conditions ?? [],
      reason,
      message,
      now,
    );
    const saved =
      before === JSON.stringify(status.conditions)
        ? run
        : this.save(run, status);
    this.schedule(saved, NOT_STARTED_RETRY_MS);
  }

  private injectedCondition(
    run: ResourceObject,
  ): (typeof CONTROLLER_CONDITIONS)[number] | undefined {
    const value = run.metadata.annotations?.[CONTROLLER_CONDITION_ANNOTATION];
    return CONTROLLER_CONDITIONS.find(known => known === value);
  }

  private async advance(
    run: ResourceObject,
    status: WorkflowRunStatus,
    now: Date,
  ) {
    if (!this.contextWorkflowExists(run)) {
      // The Workflow was deleted while the run was going: the controller fails it.
      this.finish(
        run,
        status,
        now,
        'WorkflowFailed',
        WORKFLOW_NOT_FOUND_MESSAGE,
      );
      return;
    }
    this.ensureJournal(run);
    const tasks = status.tasks ?? [];
    const index = tasks.findIndex(
      t => t.phase === 'Running' || t.phase === 'Pending',
    );
    const task = tasks[index];
    const ctx = this.contextOf(run);
    if (!task || !isBuildTask(task.name)) {
      this.finish(run, status, now);
      return;
    }
    if (task.phase === 'Pending') {
      this.startNext(run, status, index, ctx, now);
      return;
    }

    const endsAt =
      Date.parse(task.startedAt ?? now.toISOString()) +
      this.durationOf(run, task.name);
    if (endsAt > now.getTime()) {
      // Resumed after a restart: the task is still within its run time.
      this.schedule(run, endsAt - now.getTime());
      return;
    }

    if (this.failingTask(run) === task.name) {
      this.failTask(
        run,
        status,
        index,
        ctx,
        now,
        injectedFailureMessage(task.name),
      );
    } else if (task.name === 'generate-workload') {
      await this.generateWorkload(run, ctx);
    } else {
      this.completeTask(run, status, index, ctx, now);
      this.startNext(run, status, index + 1, ctx, now);
    }
  }

  private startNext(
    run: ResourceObject,
    status: WorkflowRunStatus,
    index: number,
    ctx: BuildContext,
    now: Date,
  ) {
    const next = status.tasks![index];
    if (next.name === 'generate-workload' && !ctx.component) {
      next.phase = 'Skipped';
      next.message =
        'Skipped: a standalone run has no component to publish a Workload for';
      this.finish(run, status, now);
      return;
    }
    this.startTask(run, status, index, ctx, now);
    this.schedule(this.save(run, status), this.durationOf(run, next.name));
  }

  private async generateWorkload(run: ResourceObject, ctx: BuildContext) {
    const key = keyOf(run);
    const uid = run.metadata.uid;
    let outcome: { workload: ResourceObject; log: string[] } | Error;
    try {
      outcome = await publishWorkload(
        buildWorkload(ctx),
        this.options.publisher
          ? { target: this.options.publisher }
          : { store: this.store },
      );
    } catch (error) {
      outcome = error instanceof Error ? error : new Error(String(error));
    }

    const current = this.store.get(
      'WorkflowRun',
      run.metadata.namespace,
      run.metadata.name,
    );
    if (!this.unsubscribe || !current || current.metadata.uid !== uid) return;
    const status = statusOf(current);
    const index = (status.tasks ?? []).findIndex(
      t => t.name === 'generate-workload',
    );
    const now = this.clock.now();
    if (outcome instanceof Error) {
      this.journal.addLines(
        key,
        'generate-workload',
        [{ log: `Error: ${outcome.message}` }],
        now,
      );
      this.failTask(
        current,
        status,
        index,
        ctx,
        now,
        `Error (exit code 1): ${outcome.message}`,
      );
      return;
    }
    const lines = [
      ...outcome.log,
      `Annotating WorkflowRun ${ctx.runName} with ${WORKLOAD_ANNOTATION}`,
    ].map(log => ({ log }));
    this.journal.addLines(key, 'generate-workload', lines, now);
    current.metadata.annotations = {
      ...current.metadata.annotations,
      [WORKLOAD_ANNOTATION]: JSON.stringify(outcome.workload),
      [WORKLOAD_FROM_SOURCE_ANNOTATION]: 'false',
    };
    this.completeTask(current, status, index, ctx, now);
    this.finish(current, status, now);
  }

  private startTask(
    run: ResourceObject,
    status: WorkflowRunStatus,
    index: number,
    ctx: BuildContext,
    now: Date,
  ) {
    const task = status.tasks![index];
    const name = task.name as BuildTaskName;
    task.phase = 'Running';
    task.startedAt = now.toISOString();
    const key = keyOf(run);
    this.journal.addLines(
      key,
      name,
      taskLogLines(name, ctx, now, this.failingTask(run) === name),
    );
    this.journal.addEvents(key, name, taskStartEvents(name, ctx, now));
  }

  private completeTask(
    run: ResourceObject,
    status: WorkflowRunStatus,
    index: number,
    ctx: BuildContext,
    now: Date,
  ) {
    const task = status.tasks![index];
    task.phase = 'Succeeded';
    task.completedAt = now.toISOString();
    this.journal.addEvents(keyOf(run), task.name, [
      taskEndEvent(
        task.name as BuildTaskName,
        ctx,
        'Succeeded',
        undefined,
        now,
      ),
    ]);
  }

  private failTask(
    run: ResourceObject,
    status: WorkflowRunStatus,
    index: number,
    ctx: BuildContext,
    now: Date,
    message: string,
  ) {
    const tasks = status.tasks!;
    const task = tasks[index];
    task.phase = 'Failed';
    task.completedAt = now.toISOString();
    task.message = message;
    for (const later of tasks.slice(index + 1)) {
      later.phase = 'Skipped';
      later.message = `Skipped: task ${task.name} failed`;
    }
    this.journal.addEvents(keyOf(run), task.name, [
      taskEndEvent(task.name as BuildTaskName, ctx, 'Failed', message, now),
    ]);
    this.finish(
      run,
      status,
      now,
      'WorkflowFailed',
      `Workflow execution failed at task ${task.name}: ${message}`,
    );
  }

  /** Completes the run (succeeded without a reason), saves it and arms its TTL. */
  private finish(
    run: ResourceObject,
    status: WorkflowRunStatus,
    now: Date,
    reason?: FailureReason,
    message?: string,
  ) {
    const conditions = status.conditions ?? [];
    status.conditions = reason
      ? failedConditions(conditions, reason, message ?? reason, now)
      : succeededConditions(conditions, now);
    status.completedAt = now.toISOString();
    if (this.journal.has(keyOf(run))) {
      this.journal.addEvents(keyOf(run), undefined, [
        reason
          ? {
              timestamp: now.toISOString(),
              type: 'Warning',
              reason: 'WorkflowFailed',
              message: message ?? reason,
            }
          : {
              timestamp: now.toISOString(),
              type: 'Normal',
              reason: 'WorkflowSucceeded',
              message: 'Workflow completed',
            },
      ]);
    }
    this.armTtl(this.save(run, status));
  }

  private armTtl(run: ResourceObject) {
    const key = keyOf(run);
    const ttl = run.spec?.ttlAfterCompletion;
    const completedAt = statusOf(run).completedAt;
    if (
      this.ttls.has(key) ||
      !this.unsubscribe ||
      typeof ttl !== 'string' ||
      !completedAt
    ) {
      return;
    }
    const ttlMs = parseDuration(ttl);
    if (ttlMs === undefined) {
      this.logger.warn(
        `WorkflowRun ${key}: ignoring invalid ttlAfterCompletion "${ttl}"`,
      );
      return;
    }
    const delay = Date.parse(completedAt) + ttlMs - this.clock.now().getTime();
    const uid = run.metadata.uid;
    this.ttls.set(
      key,
      this.clock.setTimer(delay, () => {
        this.ttls.delete(key);
        const current = this.store.get(
          'WorkflowRun',
          run.metadata.namespace,
          run.metadata.name,
        );
        if (current?.metadata.uid !== uid) return;
        this.logger.info(
          `WorkflowRun ${key}: ttlAfterCompletion ${ttl} expired, deleting it`,
        );
        this.store.delete(
          'WorkflowRun',
          run.metadata.namespace,
          run.metadata.name,
        );
      }),
    );
  }

  /** Rebuilds the journal of a run that started before this simulator did (restart). */
  private ensureJournal(run: ResourceObject) {
    const key = keyOf(run);
    const tasks = statusOf(run).tasks ?? [];
    if (this.journal.has(key) || !tasks.some(t => t.startedAt)) return;
    const ctx = this.contextOf(run);
    const failing = this.failingTask(run);
    this.journal.open(key);
    for (const task of tasks) {
      if (!task.startedAt || !isBuildTask(task.name)) continue;
      const startedAt = new Date(task.startedAt);
      this.journal.addLines(
        key,
        task.name,
        taskLogLines(task.name, ctx, startedAt, failing === task.name),
      );
      this.journal.addEvents(
        key,
        task.name,
        taskStartEvents(task.name, ctx, startedAt),
      );
      if (
        task.completedAt &&
        (task.phase === 'Succeeded' || task.phase === 'Failed')
      ) {
        this.journal.addEvents(key, task.name, [
          taskEndEvent(
            task.name,
            ctx,
            task.phase,
            task.message,
            new Date(task.completedAt),
          ),
        ]);
      }
    }
  }

  private failingTask(run: ResourceObject): string | undefined {
    return run.metadata.annotations?.[FAIL_AT_TASK_ANNOTATION];
  }

  private durationOf(run: ResourceObject, task: string) {
    if (!isBuildTask(task)) return 0;
    if (run.metadata.annotations?.[HOLD_AT_TASK_ANNOTATION] === task)
      return HOLD_MS;
    return taskDurationMs(task, this.failingTask(run) === task);
  }

  private contextWorkflowExists(run: ResourceObject): boolean {
    const ref = (run.spec?.workflow ?? {}) as { kind?: string; name?: string };
    if (!ref.name) return true;
    return ref.kind === 'Workflow'
      ? !!this.store.get('Workflow', run.metadata.namespace, ref.name)
      : !!this.store.get('ClusterWorkflow', undefined, ref.name);
  }

  private contextOf(run: ResourceObject): BuildContext {
    const ref = (run.spec?.workflow ?? {}) as { kind?: string; name?: string };
    let workflow: ResourceObject | undefined;
    if (ref.name && ref.kind === 'Workflow') {
      workflow = this.store.get('Workflow', run.metadata.namespace, ref.name);
    } else if (ref.name) {
      workflow = this.store.get('ClusterWorkflow', undefined, ref.name);
    }
    return resolveBuildContext(run, workflow, this.options.registry);
  }

  private save(run: ResourceObject, status: WorkflowRunStatus): ResourceObject {
    run.status = status;
    return this.store.replace(run);
  }
}

function injectedNotStartedMessage(reason: NotStartedReason): string {
  if (reason === 'WorkflowPlaneNotFound')
    return WORKFLOW_PLANE_NOT_FOUND_MESSAGE;
  const what =
    reason === 'WorkflowPlaneResolutionFailed' ? 'workflow plane' : 'workflow';
  return `Failed to resolve ${what}: injected by the devstack (${CONTROLLER_CONDITION_ANNOTATION})`;
}

function statusOf(run: ResourceObject): WorkflowRunStatus {
  return structuredClone((run.status ?? {}) as WorkflowRunStatus);
}

function keyOf(run: ResourceObject) {
  return `${run.metadata.namespace}/${run.metadata.name}`;
}

function errorMessage(error: unknown) {
  return error instanceof Error ? error.message : String(error);
}
