import type { ResourceObject } from '../store';
import {
  DEFAULT_WORKFLOW_PLANE,
  workflowPlane,
} from '../simulation/workflowPlanes';

/** Where the devstack's Observer stand-in listens by default (the devstack rewrites it at start). */
export const DEFAULT_OBSERVER_URL = 'http://127.0.0.1:8085';

/**
 * The planes of a fresh single-cluster installation: the `default` ClusterWorkflowPlane (every
 * Workflow without `workflowPlaneRef` runs there) observed by the `default`
 * ClusterObservabilityPlane, whose Observer keeps the builds' logs and events.
 */
export function planeResources(
  observerUrl: string = DEFAULT_OBSERVER_URL,
): ResourceObject[] {
  return [
    {
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'ClusterObservabilityPlane',
      metadata: { name: 'default' },
      spec: { planeID: 'default', observerURL: observerUrl },
    },
    workflowPlane(DEFAULT_WORKFLOW_PLANE.kind, DEFAULT_WORKFLOW_PLANE.name),
  ];
}
