import type { WorkflowRun } from '@openchoreo-ci/openchoreo-client';
import {
  commitFromImage,
  commitUrl,
  explainRunFailure,
  isCommitSha,
  readRunConditions,
  readRunRepository,
  toWorkflowRef,
  OPENCHOREO_COMPONENT_LABEL,
  OPENCHOREO_PROJECT_LABEL,
  OPENCHOREO_RUN_WORKLOAD_ANNOTATION,
  RUN_RERUN_OF_ANNOTATION,
  RUN_TRIGGER_ANNOTATION,
  RUN_TRIGGERED_BY_ANNOTATION,
  type RepositoryPaths,
  type WorkflowRunDetails,
  type WorkflowRunLogsAvailability,
  type WorkflowRunState,
  type WorkflowRunSummary,
  type WorkflowRunTrigger,
  type WorkflowRunTriggerKind,
  type WorkflowStepPhase,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { optional } from './optional';

const STEP_PHASES: readonly WorkflowStepPhase[] = [
  'Pending',
  'Running',
  'Succeeded',
  'Failed',
  'Skipped',
  'Error',
];

const TRIGGER_KINDS: readonly WorkflowRunTriggerKind[] = [
  'build',
  'rerun',
  'options',
];

/** Who or what started a run, from the annotations the portal writes when it starts one. */
export function readTrigger(
  annotations: Record<string, string> | undefined,
): WorkflowRunTrigger {
  const kind = annotations?.[RUN_TRIGGER_ANNOTATION] as WorkflowRunTriggerKind;
  if (!TRIGGER_KINDS.includes(kind)) return { kind: 'external' };
  return {
    kind,
    ...optional('user', annotations?.[RUN_TRIGGERED_BY_ANNOTATION]),
    ...optional('rerunOf', annotations?.[RUN_RERUN_OF_ANNOTATION]),
  };
}

/** The annotations that record who started a run through the portal, and how. */
export function triggerAnnotations(
  trigger: WorkflowRunTrigger,
): Record<string, string> {
  return {
    [RUN_TRIGGER_ANNOTATION]: trigger.kind,
    ...(trigger.user ? { [RUN_TRIGGERED_BY_ANNOTATION]: trigger.user } : {}),
    ...(trigger.rerunOf ? { [RUN_RERUN_OF_ANNOTATION]: trigger.rerunOf } : {}),
  };
}

/**
 * One run as the portal lists it. `paths` says where the repository values are in the run's
 * parameters (the workflow schema's markers); without it OpenChoreo's usual paths are read.
 */
export function toWorkflowRunSummary(
  namespace: string,
  run: WorkflowRun,
  paths?: RepositoryPaths,
  /** False when the run's workflow is known to be deleted. */
  workflowExists?: boolean,
): WorkflowRunSummary {
  const labels = run.metadata.labels ?? {};
  const tasks = run.status?.tasks ?? [];
  // The API's ObjectMeta does not list `generation`, but Kubernetes objects carry it.
  const { generation } = run.metadata as { generation?: unknown };
  const reading = readRunConditions(run.status?.conditions, {
    tasks,
    ...(typeof generation === 'number' ? { generation } : {}),
  });
  const { status: state, message, reason } = reading;
  const workflowDeleted = reading.workflowDeleted || workflowExists === false;
  const workflow = run.spec?.workflow;
  const repository = readRunRepository(workflow?.parameters, paths);
  const image = builtImage(run);
  const pinned = repository.commit && isCommitSha(repository.commit);
  const commit = pinned ? repository.commit : commitFromImage(image);
  const failure =
    state === 'Failed' || state === 'Error'
      ? explainRunFailure(
          reason,
          message,
          tasks.some(t => !!t.startedAt),
        )
      : undefined;
  return {
    name: run.metadata.name,
    namespace,
    ...optional('project', labels[OPENCHOREO_PROJECT_LABEL]),
    ...optional('component', labels[OPENCHOREO_COMPONENT_LABEL]),
    ...(workflow ? { workflow: toWorkflowRef(workflow) } : {}),
    status: state,
    displayState: reading.state,
    ...optional('message', message),
    ...optional('reason', reason),
    ...optional('createdAt', run.metadata.creationTimestamp),
    ...optional('startedAt', run.status?.startedAt),
    ...optional('completedAt', run.status?.completedAt),
    ...optional('image', image),
    ...optional('commit', commit),
    ...(commit ? { commitPinned: !!pinned } : {}),
    ...optional('commitUrl', commitUrl(repository.url, commit)),
    ...optional('branch', repository.branch),
    ...optional('repositoryUrl', repository.url),
    trigger: readTrigger(run.metadata.annotations),
    ...optional('ttlAfterCompletion', run.spec?.ttlAfterCompletion),
    ...(failure ? { failure } : {}),
    ...(reading.action ? { action: reading.action } : {}),
    ...(workflowDeleted ? { workflowDeleted } : {}),
  };
}

/**
 * A run with its steps (the run's own tasks, with their messages). Whether its logs can still
 * be read is known without asking when it has not started, is still running (its pods exist),
 * or its workflow is gone; otherwise the logs route tells.
 */
export function toWorkflowRunDetails(
  namespace: string,
  run: WorkflowRun,
  options: {
    paths?: RepositoryPaths;
    ttlAfterCompletion?: string;
    /** False when the run's workflow is known to be deleted. */
    workflowExists?: boolean;
  } = {},
): WorkflowRunDetails {
  const summary = toWorkflowRunSummary(
    namespace,
    run,
    options.paths,
    options.workflowExists,
  );
  const tasks = run.status?.tasks ?? [];
  const steps = tasks.map(task => ({
    name: task.name,
    phase: STEP_PHASES.includes(task.phase as WorkflowStepPhase)
      ? (task.phase as WorkflowStepPhase)
      : 'Pending',
    ...optional('startedAt', task.startedAt),
    ...optional('finishedAt', task.completedAt),
    ...optional('message', task.message),
  }));
  let logs: WorkflowRunLogsAvailability | undefined;
  if (!tasks.some(t => !!t.startedAt)) logs = 'not-started';
  else if (options.workflowExists === false) logs = 'expired';
  else if (isUnfinished(summary)) logs = 'live';
  const ttl = summary.ttlAfterCompletion ?? options.ttlAfterCompletion;
  return {
    ...summary,
    ...optional('ttlAfterCompletion', ttl),
    steps,
    parameters: run.spec?.workflow?.parameters ?? {},
    ...(logs ? { logs } : {}),
  };
}

/** Newest first (by creation time, then name), the order of every build list. */
export function newestFirst(
  a: { createdAt?: string; name: string },
  b: { createdAt?: string; name: string },
): number {
  const byTime = (b.createdAt ?? '').localeCompare(a.createdAt ?? '');
  return byTime || b.name.localeCompare(a.name);
}

/** True while a build may still change. */
export function isUnfinished(run: { status: WorkflowRunState }): boolean {
  return run.status === 'Pending' || run.status === 'Running';
}

function builtImage(run: WorkflowRun): string | undefined {
  const json = run.metadata.annotations?.[OPENCHOREO_RUN_WORKLOAD_ANNOTATION];
  if (!json) return undefined;
  try {
    const image = JSON.parse(json)?.spec?.container?.image;
    return typeof image === 'string' ? image : undefined;
  } catch {
    return undefined;
  }
}
