/*
 * What a build's (WorkflowRun's) conditions mean, the one reading the backend answers with and
 * the frontend shows: every state OpenChoreo's WorkflowRun controller can produce
 * (`internal/controller/workflowrun/controller_conditions.go`), with the controller's own message
 * and what to do about it, and for whom. Isomorphic.
 */
import type { WorkflowRunState } from './api';
import { explainRunFailure } from './workflowRuns';

/** A condition of a WorkflowRun as OpenChoreo's API returns it. */
export interface RunConditionInput {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
}

/**
 * The state the portal shows, finer than OpenChoreo's `/status` word: `NotStarted` when the
 * controller cannot start the run (no or an unresolvable workflow plane, an unresolvable
 * workflow), `Waiting` while the controller has not caught up with the run (no conditions yet,
 * or conditions of an older generation).
 */
export type RunDisplayState =
  | 'Waiting'
  | 'NotStarted'
  | 'Pending'
  | 'Running'
  | 'Succeeded'
  | 'Failed'
  | 'Error';

/** Who can act on a build's state: a platform engineer (cluster setup) or the developer. */
export type RunActionAudience = 'platform-engineer' | 'developer';

/** What to do about a build's state, and who can do it. */
export interface RunAction {
  who: RunActionAudience;
  text: string;
}

/** What a build's conditions mean: state, the controller's reason and message, what to do. */
export interface RunConditionReading {
  state: RunDisplayState;
  /** The word of OpenChoreo's `/status` (in precedence: Failed, then Succeeded, Running, Pending). */
  status: WorkflowRunState;
  /** The deciding condition's reason, e.g. `WorkflowPlaneNotFound`. */
  reason?: string;
  /** The controller's message, or the portal's when the controller said nothing yet. */
  message?: string;
  action?: RunAction;
  /** True when the controller says the run's Workflow is gone ("Workflow is not found in the cluster"). */
  workflowDeleted?: boolean;
}

/** The controller's reasons for a run it cannot start (only `WorkflowCompleted=False` is set). */
export const RUN_NOT_STARTED_REASONS = [
  'WorkflowPlaneNotFound',
  'WorkflowPlaneResolutionFailed',
  'WorkflowResolutionFailed',
] as const;

/** The controller's message for a run whose Workflow was deleted. */
export const WORKFLOW_NOT_FOUND_MESSAGE =
  'Workflow is not found in the cluster';

/** The portal's words for each state (the chip and the notices). */
export const RUN_DISPLAY_STATE_LABELS: Record<RunDisplayState, string> = {
  Waiting: 'Waiting for the controller',
  NotStarted: 'Not started',
  Pending: 'Pending',
  Running: 'Running',
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  Error: 'Error',
};

/** Who each audience is, in words. */
export const RUN_ACTION_AUDIENCE_LABELS: Record<RunActionAudience, string> = {
  'platform-engineer': 'A platform engineer',
  developer: 'You (developer)',
};

const NOT_STARTED_ACTIONS: Record<
  (typeof RUN_NOT_STARTED_REASONS)[number],
  string
> = {
  WorkflowPlaneNotFound:
    'Create the workflow plane the workflow names in spec.workflowPlaneRef (by default the ClusterWorkflowPlane "default"), or point the workflow at an existing one. The build starts once the controller finds it; otherwise cancel it.',
  WorkflowPlaneResolutionFailed:
    "Check the workflow plane named in the workflow's spec.workflowPlaneRef and the controller's access to it (the message says what failed). The build starts once it resolves; otherwise cancel it.",
  WorkflowResolutionFailed:
    "Check that the run's workflow exists and is valid (the message says what failed), then build again.",
};

/**
 * Reads a run's conditions the way OpenChoreo's controller writes them. `generation` is the
 * run's `metadata.generation` when the API shows it: conditions observed for an older generation
 * are not trusted. `tasks` tells Argo's `Error` phase (the workflow plane could not run a step)
 * and whether any step ran.
 */
export function readRunConditions(
  conditions: readonly RunConditionInput[] | undefined,
  options: {
    generation?: number;
    tasks?: ReadonlyArray<{ phase?: string; startedAt?: string }>;
  } = {},
): RunConditionReading {
  const all = conditions ?? [];
  const tasks = options.tasks ?? [];
  const { generation } = options;
  if (all.length === 0) {
    return {
      state: 'Waiting',
      status: 'Pending',
      message:
        'Waiting for the controller: OpenChoreo has not picked up this build yet.',
    };
  }
  const stale =
    generation !== undefined &&
    all.some(
      c =>
        c.observedGeneration !== undefined && c.observedGeneration < generation,
    );
  if (stale) {
    const observed = Math.min(
      ...all.map(c => c.observedGeneration ?? generation),
    );
    return {
      state: 'Waiting',
      status: 'Pending',
      message: `Waiting for the controller: its conditions describe an older version of this build (generation ${observed}, now ${generation}), so they are not shown.`,
    };
  }
  const find = (type: string, status: string) =>
    all.find(c => c.type === type && c.status === status);

  const failed = find('WorkflowFailed', 'True');
  if (failed) return readFailed(failed, tasks);
  const succeeded = find('WorkflowSucceeded', 'True');
  if (succeeded) {
    return {
      state: 'Succeeded',
      status: 'Succeeded',
      ...text(succeeded),
    };
  }
  const running = find('WorkflowRunning', 'True');
  if (running) return { state: 'Running', status: 'Running', ...text(running) };

  const completed = all.find(c => c.type === 'WorkflowCompleted');
  if (completed?.status === 'True') {
    // Completed without a Succeeded or Failed condition: the completion's reason decides.
    return completed.reason === 'WorkflowSucceeded'
      ? { state: 'Succeeded', status: 'Succeeded', ...text(completed) }
      : readFailed(completed, tasks);
  }
  const reason = completed?.reason;
  if (reason && isNotStartedReason(reason)) {
    return {
      state: 'NotStarted',
      status: 'Pending',
      reason,
      message: `Not started: ${completed?.message ?? reason}`,
      action: { who: 'platform-engineer', text: NOT_STARTED_ACTIONS[reason] },
    };
  }
  if (!completed || reason === 'WorkflowPending' || !reason) {
    return {
      state: 'Pending',
      status: 'Pending',
      ...(reason ? { reason } : {}),
      message: completed?.message ?? 'Waiting to start.',
    };
  }
  // A reason this portal does not know yet: show it as the controller wrote it.
  return {
    state: 'Pending',
    status: 'Pending',
    reason,
    message: `${reason}: ${completed.message ?? 'no message'}`,
    action: {
      who: 'platform-engineer',
      text: `OpenChoreo's controller reports "${reason}"; check the controller's logs and the run's events.`,
    },
  };
}

function readFailed(
  condition: RunConditionInput,
  tasks: ReadonlyArray<{ phase?: string; startedAt?: string }>,
): RunConditionReading {
  const message = condition.message;
  const stepsRan = tasks.some(t => !!t.startedAt);
  const error = tasks.some(t => t.phase === 'Error');
  const state: RunDisplayState = error ? 'Error' : 'Failed';
  const base = { state, status: state, ...text(condition) };
  if (message?.trim() === WORKFLOW_NOT_FOUND_MESSAGE) {
    return {
      ...base,
      workflowDeleted: true,
      action: {
        who: 'platform-engineer',
        text: 'The workflow of this build was deleted, so it cannot be re-run. Restore the workflow, or switch the component to an existing workflow and build again.',
      },
    };
  }
  const explained = explainRunFailure(condition.reason, message, stepsRan);
  if (explained) {
    return {
      ...base,
      action: {
        who: /platform engineer/i.test(explained.action)
          ? 'platform-engineer'
          : 'developer',
        text: `${explained.title} ${explained.action}`,
      },
    };
  }
  if (error) {
    return {
      ...base,
      action: {
        who: 'platform-engineer',
        text: 'The workflow plane could not run a step (Argo reports an error, not a failed command). Check the workflow plane, then re-run.',
      },
    };
  }
  return {
    ...base,
    action: {
      who: 'developer',
      text: 'Open the failed step and read its logs, fix the cause, then re-run.',
    },
  };
}

function text(condition: RunConditionInput) {
  return {
    ...(condition.reason ? { reason: condition.reason } : {}),
    ...(condition.message ? { message: condition.message } : {}),
  };
}

/** True for a reason the controller gives a run it cannot start. */
export function isNotStartedReason(
  reason: string | undefined,
): reason is (typeof RUN_NOT_STARTED_REASONS)[number] {
  return (RUN_NOT_STARTED_REASONS as readonly string[]).includes(reason ?? '');
}
