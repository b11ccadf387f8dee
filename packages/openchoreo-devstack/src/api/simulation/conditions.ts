import type { OpenChoreoComponents } from '@openchoreo-ci/openchoreo-client';

/** A Kubernetes-style condition, as in the spec's `Condition` schema. */
export type Condition = OpenChoreoComponents['schemas']['Condition'];

/** The status of a WorkflowRun, as in the spec's `WorkflowRunStatus` schema. */
export type WorkflowRunStatus =
  OpenChoreoComponents['schemas']['WorkflowRunStatus'];

/** One task of a WorkflowRun, as in the spec's `WorkflowTask` schema. */
export type WorkflowTask = OpenChoreoComponents['schemas']['WorkflowTask'];

/** Why a run failed: a rejected component workflow, or a failed (or missing) workflow. */
export type FailureReason = 'ComponentValidationFailed' | 'WorkflowFailed';

type ConditionInput = Omit<Condition, 'lastTransitionTime'>;

/** The controller's message for a run whose Workflow does not exist (any more). */
export const WORKFLOW_NOT_FOUND_MESSAGE =
  'Workflow is not found in the cluster';

/**
 * Sets a condition like `meta.SetStatusCondition`: `lastTransitionTime` changes only when the
 * condition's status does.
 */
export function setCondition(
  conditions: Condition[],
  input: ConditionInput,
  now: Date,
): Condition[] {
  const existing = conditions.find(c => c.type === input.type);
  const lastTransitionTime =
    existing && existing.status === input.status
      ? existing.lastTransitionTime
      : now.toISOString();
  const updated: Condition = { ...input, lastTransitionTime };
  return existing
    ? conditions.map(c => (c.type === input.type ? updated : c))
    : [...conditions, updated];
}

function setAll(conditions: Condition[], inputs: ConditionInput[], now: Date) {
  return inputs.reduce(
    (acc, input) => setCondition(acc, input, now),
    conditions,
  );
}

/** The run was picked up and has not completed yet. */
export function pendingConditions(conditions: Condition[], now: Date) {
  return setAll(
    conditions,
    [
      {
        type: 'WorkflowCompleted',
        status: 'False',
        reason: 'WorkflowPending',
        message: 'Workflow has not completed yet',
      },
    ],
    now,
  );
}

/** Why the controller cannot start a run (it then sets only `WorkflowCompleted=False`). */
export type NotStartedReason =
  | 'WorkflowPlaneNotFound'
  | 'WorkflowPlaneResolutionFailed'
  | 'WorkflowResolutionFailed';

/** The controller cannot start the run: only `WorkflowCompleted=False` with the reason. */
export function notStartedConditions(
  conditions: Condition[],
  reason: NotStartedReason,
  message: string,
  now: Date,
) {
  return setAll(
    conditions,
    [{ type: 'WorkflowCompleted', status: 'False', reason, message }],
    now,
  );
}

/** The run's workflow is executing. */
export function runningConditions(conditions: Condition[], now: Date) {
  return setAll(
    conditions,
    [
      {
        type: 'WorkflowRunning',
        status: 'True',
        reason: 'WorkflowRunning',
        message: 'Argo Workflow is running',
      },
    ],
    now,
  );
}

/** Every task succeeded. */
export function succeededConditions(conditions: Condition[], now: Date) {
  return setAll(
    conditions,
    [
      {
        type: 'WorkflowRunning',
        status: 'False',
        reason: 'WorkflowRunning',
        message: 'Argo Workflow running has completed',
      },
      {
        type: 'WorkflowSucceeded',
        status: 'True',
        reason: 'WorkflowSucceeded',
        message: 'Workflow completed successfully',
      },
      {
        type: 'WorkflowCompleted',
        status: 'True',
        reason: 'WorkflowSucceeded',
        message: 'Workflow has completed successfully',
      },
    ],
    now,
  );
}

/** The run failed: validation (never started) or a failed task (message says which). */
export function failedConditions(
  conditions: Condition[],
  reason: FailureReason,
  message: string,
  now: Date,
) {
  return setAll(
    conditions,
    [
      {
        type: 'WorkflowRunning',
        status: 'False',
        // A deleted Workflow: the controller sets all three with its reason and message.
        reason:
          message === WORKFLOW_NOT_FOUND_MESSAGE ? reason : 'WorkflowRunning',
        message:
          reason === 'ComponentValidationFailed' ||
          message === WORKFLOW_NOT_FOUND_MESSAGE
            ? message
            : 'Argo Workflow running has completed',
      },
      { type: 'WorkflowFailed', status: 'True', reason, message },
      { type: 'WorkflowCompleted', status: 'True', reason, message },
    ],
    now,
  );
}

function isTrue(status: WorkflowRunStatus | undefined, type: string) {
  return status?.conditions?.some(c => c.type === type && c.status === 'True');
}

/** True when the run has completed (succeeded or failed). */
export function isCompleted(status: WorkflowRunStatus | undefined): boolean {
  return Boolean(isTrue(status, 'WorkflowCompleted'));
}

/** True when the run's workflow was accepted and is executing. */
export function isRunning(status: WorkflowRunStatus | undefined): boolean {
  return Boolean(isTrue(status, 'WorkflowRunning'));
}
