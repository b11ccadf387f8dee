import { Router } from 'express';
import type { ResourceStore } from '../store';
import { createResourceRoutes } from './resourceRoutes';

/** Environments and DeploymentPipelines of the getting-started setup: list and get. */
export function platformRoutes(store: ResourceStore): Router {
  const router = Router();
  router.use(
    createResourceRoutes(store, {
      kind: 'Environment',
      label: 'Environment',
      plural: 'environments',
      authzType: 'environment',
      operations: ['list', 'get'],
    }),
  );
  router.use(
    createResourceRoutes(store, {
      kind: 'DeploymentPipeline',
      label: 'DeploymentPipeline',
      plural: 'deploymentpipelines',
      authzType: 'deploymentpipeline',
      operations: ['list', 'get'],
    }),
  );
  return router;
}
