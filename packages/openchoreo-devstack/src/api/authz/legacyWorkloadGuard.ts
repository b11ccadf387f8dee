import { Router } from 'express';
import type { ResourceStore } from '../store';
import { asyncHandler } from '../errors';
import { field } from '../validation';
import { authorize } from './enforce';

/** The pre-v1.0 project-scoped Workload route of seed 000 (see `routes/legacyWorkloads.ts`). */
export const LEGACY_WORKLOADS_PATH =
  '/api/v1/namespaces/:namespaceName/projects/:projectName/components/:componentName/workloads';

/**
 * Authorizes the legacy Workload route with the same decision as the v1 routes, before its
 * handlers run: reading is `workload:view`; the upsert is `workload:update` when the component
 * has a Workload and `workload:create` otherwise, at the component named by the path.
 */
export function legacyWorkloadGuard(store: ResourceStore): Router {
  const router = Router();
  router.all(
    LEGACY_WORKLOADS_PATH,
    asyncHandler((req, res, next) => {
      const { namespaceName, projectName, componentName } = req.params;
      const hierarchy = {
        namespace: namespaceName,
        project: projectName,
        component: componentName,
      };
      const existing = store
        .list('Workload', namespaceName)
        .find(w => field(w.spec, 'owner', 'componentName') === componentName);
      if (req.method === 'GET' || req.method === 'HEAD') {
        authorize(res, 'workload:view', hierarchy, existing?.metadata.name);
      } else {
        authorize(
          res,
          existing ? 'workload:update' : 'workload:create',
          hierarchy,
          existing?.metadata.name ?? `${componentName}-workload`,
        );
      }
      next();
    }),
  );
  return router;
}
