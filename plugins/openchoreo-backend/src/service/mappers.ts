import type { Component, Workload } from '@openchoreo-ci/openchoreo-client';
import {
  decideCiKind,
  readDisplayInfo,
  readWorkloadProvenance,
  toWorkflowRef,
  type ComponentCi,
  type ComponentInfo,
  type NamedResource,
  type WorkloadInfo,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { componentEntityRef } from './entityRefs';
import { optional } from './optional';

// Runs are mapped in runMappers.ts; re-exported for the services that import them from here.
export {
  newestFirst,
  toWorkflowRunDetails,
  toWorkflowRunSummary,
} from './runMappers';

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
    ...optional(
      'provenance',
      readWorkloadProvenance(workload.metadata.annotations),
    ),
    connections: (spec.dependencies?.endpoints ?? []).map(c => ({
      ...optional('project', c.project),
      component: c.component,
      endpoint: c.name,
    })),
  };
}
