import { Router } from 'express';
import type { ResourceStore } from '../store';
import {
  createResourceRoutes,
  type ResourceDefinition,
} from './resourceRoutes';

/**
 * The planes a build runs on and is observed by, read-only (list, get) as a fresh installation
 * has them: (Cluster)WorkflowPlanes reference an (Cluster)ObservabilityPlane, whose
 * `spec.observerURL` is the Observer API (the devstack's Observer stand-in).
 */
export const PLANE_DEFINITIONS: ResourceDefinition[] = [
  {
    kind: 'WorkflowPlane',
    label: 'WorkflowPlane',
    plural: 'workflowplanes',
    authzType: 'workflowplane',
    operations: ['list', 'get'],
  },
  {
    kind: 'ClusterWorkflowPlane',
    label: 'ClusterWorkflowPlane',
    plural: 'clusterworkflowplanes',
    authzType: 'clusterworkflowplane',
    clusterScoped: true,
    operations: ['list', 'get'],
  },
  {
    kind: 'ObservabilityPlane',
    label: 'ObservabilityPlane',
    plural: 'observabilityplanes',
    authzType: 'observabilityplane',
    operations: ['list', 'get'],
  },
  {
    kind: 'ClusterObservabilityPlane',
    label: 'ClusterObservabilityPlane',
    plural: 'clusterobservabilityplanes',
    authzType: 'clusterobservabilityplane',
    clusterScoped: true,
    operations: ['list', 'get'],
  },
];

/** Read routes of the workflow and observability planes. */
export function planeRoutes(store: ResourceStore): Router {
  const router = Router();
  for (const definition of PLANE_DEFINITIONS) {
    router.use(createResourceRoutes(store, definition));
  }
  return router;
}
