import { Router } from 'express';
import type { ResourceStore } from '../store';
import { templateRoutes } from './componentTypes';

/** Workflows and ClusterWorkflows (component CI ones labelled `openchoreo.dev/workflow-type: component`): list, get, `/schema`. */
export function workflowRoutes(store: ResourceStore): Router {
  const router = Router();
  router.use(
    templateRoutes(store, {
      kind: 'Workflow',
      label: 'Workflow',
      plural: 'workflows',
      authzType: 'workflow',
    }),
  );
  router.use(
    templateRoutes(store, {
      kind: 'ClusterWorkflow',
      label: 'ClusterWorkflow',
      plural: 'clusterworkflows',
      authzType: 'clusterworkflow',
      clusterScoped: true,
    }),
  );
  return router;
}
