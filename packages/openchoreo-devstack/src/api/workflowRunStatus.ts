import type { OpenChoreoComponents } from '@openchoreo-ci/openchoreo-client';
import type { ResourceObject } from './store';
import { isObject } from './validation';

type Schemas = OpenChoreoComponents['schemas'];
/** The body of `GET .../workflowruns/{runName}/status`. */
export type WorkflowRunStatusSummary = Schemas['WorkflowRunStatusResponse'];
type StepPhase = Schemas['WorkflowStepStatus']['phase'];

const STEP_PHASES: StepPhase[] = [
  'Pending',
  'Running',
  'Succeeded',
  'Failed',
  'Skipped',
  'Error',
];

function conditionIsTrue(run: ResourceObject, type: string): boolean {
  const conditions = run.status?.conditions;
  return (
    Array.isArray(conditions) &&
    conditions.some(c => isObject(c) && c.type === type && c.status === 'True')
  );
}

/** The overall state of a run from its `WorkflowFailed`/`WorkflowSucceeded`/`WorkflowRunning` conditions. */
export function overallStatus(
  run: ResourceObject,
): WorkflowRunStatusSummary['status'] {
  if (conditionIsTrue(run, 'WorkflowFailed')) return 'Failed';
  if (conditionIsTrue(run, 'WorkflowSucceeded')) return 'Succeeded';
  if (conditionIsTrue(run, 'WorkflowRunning')) return 'Running';
  return 'Pending';
}

/** Summarises a WorkflowRun's `status.conditions` and `status.tasks` as the `/status` endpoint does. */
export function summarizeWorkflowRun(
  run: ResourceObject,
  hasLiveObservability: boolean,
): WorkflowRunStatusSummary {
  const tasks = Array.isArray(run.status?.tasks) ? run.status.tasks : [];
  const steps = tasks.filter(isObject).map(task => {
    const phase = STEP_PHASES.includes(task.phase as StepPhase)
      ? (task.phase as StepPhase)
      : 'Pending';
    return {
      name: String(task.name),
      phase,
      ...(typeof task.startedAt === 'string'
        ? { startedAt: task.startedAt }
        : {}),
      ...(typeof task.completedAt === 'string'
        ? { finishedAt: task.completedAt }
        : {}),
    };
  });
  return { status: overallStatus(run), steps, hasLiveObservability };
}
