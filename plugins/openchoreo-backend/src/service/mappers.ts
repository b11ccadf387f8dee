import type {
  Component,
  Condition,
  Workload,
  WorkflowRun,
  WorkflowRunStatusSummary,
} from '@openchoreo-ci/openchoreo-client';
import {
  decideCiKind,
  readDisplayInfo,
  toWorkflowRef,
  OPENCHOREO_COMPONENT_LABEL,
  OPENCHOREO_PROJECT_LABEL,
  OPENCHOREO_RUN_WORKLOAD_ANNOTATION,
  type ComponentCi,
  type ComponentInfo,
  type NamedResource,
  type WorkflowRunDetails,
  type WorkflowRunState,
  type WorkflowRunSummary,
  type WorkflowStepPhase,
  type WorkloadInfo,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { componentEntityRef } from './entityRefs';

const STEP_PHASES: readonly WorkflowStepPhase[] = [
  'Pending',
  'Running',
  'Succeeded',
  'Failed',
  'Skipped',
  'Error',
];

/** Name, display name and description of any OpenChoreo object. */
export function toNamedResource(object: {
  metadata: { name: string; annotations?: Record<string, string> };
}): NamedResource {
  return {
    name: object.metadata.name,
    ...readDisplayInfo(object.metadata.annotations),
  };
}

/** The portal's view of a component: type, CI and readiness. */
export function toComponentInfo(
  namespace: string,
  component: Component,
): ComponentInfo {
  const name = component.metadata.name;
  const ready = component.status?.conditions?.find(c => c.type === 'Ready');
  return {
    namespace,
    name,
    project: component.spec?.owner.projectName ?? '',
    entityRef: componentEntityRef(namespace, name),
    componentType: component.spec?.componentType ?? {
      kind: 'ComponentType',
      name: '',
    },
    ci: toComponentCi(component),
    ...(ready
      ? {
          ready: {
            status: ready.status,
            ...optional('reason', ready.reason),
            ...optional('message', ready.message),
          },
        }
      : {}),
  };
}

/** How the component is built, by the one CI-kind rule the frontend applies too. */
function toComponentCi(component: Component): ComponentCi {
  const workflow = component.spec?.workflow;
  const kind = decideCiKind({
    annotations: component.metadata.annotations,
    workflow,
  });
  if (kind === 'built-in' && workflow) {
    return { type: 'built-in', workflow: toWorkflowRef(workflow) };
  }
  return {
    type: 'external',
    ...(kind === 'none' || kind === 'built-in' ? {} : { platform: kind }),
  };
}

/**
 * The workload without any value: image, endpoints, and the *names* of env vars and files
 * with where their value comes from. Plain values can hold credentials too, so none leave.
 */
export function toWorkloadInfo(workload: Workload): WorkloadInfo {
  const spec = workload.spec ?? {};
  const container = spec.container;
  return {
    name: workload.metadata.name,
    ...optional('image', container?.image),
    endpoints: Object.entries(spec.endpoints ?? {}).map(([name, e]) => ({
      name,
      type: e.type,
      port: e.port,
      ...optional('targetPort', e.targetPort),
      ...optional('basePath', e.basePath),
      ...optional('visibility', e.visibility),
    })),
    env: (container?.env ?? []).map(env => ({
      name: env.key,
      source: env.valueFrom?.secretKeyRef ? 'secret' : 'value',
    })),
    files: (container?.files ?? []).map(file => ({
      name: file.key,
      source: file.valueFrom?.secretKeyRef ? 'secret' : 'value',
      ...optional('mountPath', file.mountPath),
    })),
    connections: (spec.dependencies?.endpoints ?? []).map(c => ({
      ...optional('project', c.project),
      component: c.component,
      endpoint: c.name,
    })),
  };
}

/** Overall state of a run from its conditions, as OpenChoreo's `/status` summarises it. */
export function runState(conditions: Condition[] | undefined): {
  state: WorkflowRunState;
  message?: string;
} {
  const isTrue = (type: string) =>
    conditions?.find(c => c.type === type && c.status === 'True');
  const failed = isTrue('WorkflowFailed');
  if (failed) return { state: 'Failed', message: failed.message };
  const succeeded = isTrue('WorkflowSucceeded');
  if (succeeded) return { state: 'Succeeded', message: succeeded.message };
  const running = isTrue('WorkflowRunning');
  if (running) return { state: 'Running', message: running.message };
  return { state: 'Pending' };
}

/** One run as the portal lists it. */
export function toWorkflowRunSummary(
  namespace: string,
  run: WorkflowRun,
): WorkflowRunSummary {
  const labels = run.metadata.labels ?? {};
  const { state, message } = runState(run.status?.conditions);
  const workflow = run.spec?.workflow;
  return {
    name: run.metadata.name,
    namespace,
    ...optional('project', labels[OPENCHOREO_PROJECT_LABEL]),
    ...optional('component', labels[OPENCHOREO_COMPONENT_LABEL]),
    ...(workflow ? { workflow: toWorkflowRef(workflow) } : {}),
    status: state,
    ...optional('message', message),
    ...optional('createdAt', run.metadata.creationTimestamp),
    ...optional('startedAt', run.status?.startedAt),
    ...optional('completedAt', run.status?.completedAt),
    ...optional('image', builtImage(run)),
  };
}

/** A run with its steps: the `/status` summary's steps, with the task messages from the run. */
export function toWorkflowRunDetails(
  namespace: string,
  run: WorkflowRun,
  status: WorkflowRunStatusSummary | undefined,
): WorkflowRunDetails {
  const tasks = run.status?.tasks ?? [];
  const steps = status
    ? status.steps.map(step => ({
        name: step.name,
        phase: step.phase,
        ...optional('startedAt', step.startedAt),
        ...optional('finishedAt', step.finishedAt),
        ...optional('message', tasks.find(t => t.name === step.name)?.message),
      }))
    : tasks.map(task => ({
        name: task.name,
        phase: STEP_PHASES.includes(task.phase as WorkflowStepPhase)
          ? (task.phase as WorkflowStepPhase)
          : 'Pending',
        ...optional('startedAt', task.startedAt),
        ...optional('finishedAt', task.completedAt),
        ...optional('message', task.message),
      }));
  return { ...toWorkflowRunSummary(namespace, run), steps };
}

/** Newest first (by creation time, then name). */
export function newestFirst(a: WorkflowRun, b: WorkflowRun): number {
  const byTime = (b.metadata.creationTimestamp ?? '').localeCompare(
    a.metadata.creationTimestamp ?? '',
  );
  return byTime || b.metadata.name.localeCompare(a.metadata.name);
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

function optional<K extends string, V>(
  key: K,
  value: V | undefined | null | '',
): { [P in K]?: V } {
  return value === undefined || value === null || value === ''
    ? {}
    : ({ [key]: value } as { [P in K]?: V });
}
