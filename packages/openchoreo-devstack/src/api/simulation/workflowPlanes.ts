/*
 * Workflow planes as OpenChoreo's WorkflowRun controller resolves them before it starts a run:
 * the workflow's `spec.workflowPlaneRef` (a namespaced WorkflowPlane or a ClusterWorkflowPlane),
 * by default the ClusterWorkflowPlane "default" that a fresh installation has.
 */
import type { ResourceObject, ResourceStore } from '../store';
import { field } from '../validation';

/** The kinds a `workflowPlaneRef` may name. */
export type WorkflowPlaneKind = 'WorkflowPlane' | 'ClusterWorkflowPlane';

/** The plane a workflow without `workflowPlaneRef` runs on (the CRD's default). */
export const DEFAULT_WORKFLOW_PLANE = {
  kind: 'ClusterWorkflowPlane',
  name: 'default',
} as const;

/** The controller's message when the workflow's plane does not exist. */
export const WORKFLOW_PLANE_NOT_FOUND_MESSAGE =
  'No workflow plane found for the workflow associated with this workflow run';

/** A workflow plane object (the simulation reads only its name; the backend follows its observability plane). */
export function workflowPlane(
  kind: WorkflowPlaneKind,
  name: string,
  namespace?: string,
): ResourceObject {
  return {
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind,
    metadata: {
      name,
      ...(kind === 'WorkflowPlane'
        ? { namespace: namespace ?? 'default' }
        : {}),
    },
    // Observed by the installation's default observability plane (seed/planes.ts), whose
    // Observer keeps the builds' logs and events.
    spec: {
      planeID: name,
      observabilityPlaneRef: {
        kind: 'ClusterObservabilityPlane',
        name: 'default',
      },
    },
  };
}

/**
 * Gives a store without any ClusterWorkflowPlane the default one, as a fresh
 * installation has (also for state saved before the devstack knew workflow planes).
 */
export function ensureDefaultWorkflowPlane(store: ResourceStore): void {
  if (store.list('ClusterWorkflowPlane').length === 0) {
    store.create(
      workflowPlane(DEFAULT_WORKFLOW_PLANE.kind, DEFAULT_WORKFLOW_PLANE.name),
    );
  }
}

/** Why a run cannot start on a workflow plane, as the controller's reasons say it. */
export type WorkflowPlaneProblem = {
  reason: 'WorkflowPlaneNotFound' | 'WorkflowPlaneResolutionFailed';
  message: string;
};

/** Finds the workflow plane of `workflow` for a run in `namespace`; the problem if none. */
export function resolveWorkflowPlane(
  store: ResourceStore,
  workflow: ResourceObject,
  namespace: string | undefined,
): WorkflowPlaneProblem | undefined {
  const ref = field(workflow.spec, 'workflowPlaneRef');
  const kind = field(ref, 'kind') ?? DEFAULT_WORKFLOW_PLANE.kind;
  const name = field(ref, 'name') ?? DEFAULT_WORKFLOW_PLANE.name;
  if (
    (kind !== 'WorkflowPlane' && kind !== 'ClusterWorkflowPlane') ||
    typeof name !== 'string' ||
    !name
  ) {
    return {
      reason: 'WorkflowPlaneResolutionFailed',
      message: `Failed to resolve workflow plane: unsupported workflowPlaneRef ${String(
        kind,
      )}/${String(name)}`,
    };
  }
  const plane =
    kind === 'WorkflowPlane'
      ? store.get('WorkflowPlane', namespace, name)
      : store.get('ClusterWorkflowPlane', undefined, name);
  return plane
    ? undefined
    : {
        reason: 'WorkflowPlaneNotFound',
        message: WORKFLOW_PLANE_NOT_FOUND_MESSAGE,
      };
}
