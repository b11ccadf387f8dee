import { Router } from 'express';
import type { ResourceStore } from '../store';
import { asyncHandler } from '../errors';
import { field } from '../validation';
import {
  collectionPath,
  createResourceRoutes,
  getAuthorizedOrThrow,
  namespaceOf,
  type ResourceDefinition,
} from './resourceRoutes';

/** The parameter schema of a (Cluster)ComponentType or (Cluster)Workflow, as `/schema` returns it. */
export function parameterSchema(spec: Record<string, unknown> | undefined) {
  return (
    (field(spec, 'parameters', 'openAPIV3Schema') as object | undefined) ?? {
      type: 'object',
      properties: {},
    }
  );
}

/** Read-only routes (list, get, `/schema`) of a template kind such as ClusterComponentType. */
export function templateRoutes(
  store: ResourceStore,
  definition: Omit<ResourceDefinition, 'operations'>,
): Router {
  const router = Router();
  const full = {
    ...definition,
    operations: ['list', 'get'],
  } as ResourceDefinition;
  router.use(createResourceRoutes(store, full));
  router.get(
    `${collectionPath(full)}/:name/schema`,
    asyncHandler((req, res) => {
      const object = getAuthorizedOrThrow(
        store,
        res,
        full,
        namespaceOf(full, req),
        req.params.name,
      );
      res.json(parameterSchema(object.spec));
    }),
  );
  return router;
}

/** ComponentTypes and ClusterComponentTypes (with `spec.allowedWorkflows`): list, get, `/schema`. */
export function componentTypeRoutes(store: ResourceStore): Router {
  const router = Router();
  router.use(
    templateRoutes(store, {
      kind: 'ComponentType',
      label: 'ComponentType',
      plural: 'componenttypes',
      authzType: 'componenttype',
    }),
  );
  router.use(
    templateRoutes(store, {
      kind: 'ClusterComponentType',
      label: 'ClusterComponentType',
      plural: 'clustercomponenttypes',
      authzType: 'clustercomponenttype',
      clusterScoped: true,
    }),
  );
  return router;
}
