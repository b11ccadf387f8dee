import { Router, type Request } from 'express';
import type { ResourceObject, ResourceStore } from '../store';
import { asyncHandler, badRequest, notFound } from '../errors';
import { API_VERSION, field, isObject, type JsonObject } from '../validation';
import { listPage } from './resourceRoutes';
import { validateWorkloadSpec } from './workloads';

const LEGACY_PATH =
  '/api/v1/namespaces/:namespaceName/projects/:projectName/components/:componentName/workloads';

/** `containers.main` (or the first container) of a legacy body, as the v1 single `container`. */
function legacyContainer(body: unknown): JsonObject {
  const containers = field(body, 'containers');
  if (!isObject(containers) || Object.keys(containers).length === 0) {
    throw badRequest('Invalid request: containers is required', 'containers');
  }
  const chosen = containers.main ?? Object.values(containers)[0];
  if (
    !isObject(chosen) ||
    typeof chosen.image !== 'string' ||
    chosen.image === ''
  ) {
    throw badRequest(
      'Invalid request: containers.main.image is required',
      'containers.main.image',
    );
  }
  const { image, command, args, env, files } = chosen;
  return Object.fromEntries(
    Object.entries({ image, command, args, env, files }).filter(
      ([, v]) => v !== undefined,
    ),
  );
}

/** The component the legacy path names, or the real server's 404 for the project or component. */
function componentOf(store: ResourceStore, req: Request) {
  const { namespaceName, projectName, componentName } = req.params;
  if (!store.get('Project', namespaceName, projectName))
    throw notFound('Project');
  const component = store.get('Component', namespaceName, componentName);
  if (
    !component ||
    field(component.spec, 'owner', 'projectName') !== projectName
  ) {
    throw notFound('Component');
  }
  return { namespaceName, projectName, componentName };
}

/** Whether a workload belongs to the component. */
const ownedBy = (componentName: string) => (w: ResourceObject) =>
  field(w.spec, 'owner', 'componentName') === componentName;

/**
 * The pre-v1.0 project-scoped route the seed's Jenkinsfile calls:
 * `POST /api/v1/namespaces/{ns}/projects/{project}/components/{component}/workloads` with
 * `{"containers":{"main":{"image":"..."}}}`. An upsert: it creates `<component>-workload`, or
 * replaces the image (container) of the component's workload, and answers 201.
 * Removed from the real server in v1.0, so not in the v1 OpenAPI spec.
 *
 * Seed 000's debug tip GETs the same path. The v1 spec has no such GET, so it answers the v1 list
 * shape (`{items, pagination}`, `limit`/`cursor`) of the component's workloads, as
 * `GET /workloads?component=` does.
 */
export function legacyWorkloadRoutes(store: ResourceStore): Router {
  const router = Router();
  router.get(
    LEGACY_PATH,
    asyncHandler((req, res) => {
      const { namespaceName, componentName } = componentOf(store, req);
      const workloads = store.list('Workload', namespaceName);
      res.json(listPage(workloads, req.query, ownedBy(componentName)));
    }),
  );
  router.post(
    LEGACY_PATH,
    asyncHandler((req, res) => {
      const { namespaceName, projectName, componentName } = componentOf(
        store,
        req,
      );
      const container = legacyContainer(req.body);
      const existing = store
        .list('Workload', namespaceName)
        .find(ownedBy(componentName));
      const workload: ResourceObject = existing ?? {
        apiVersion: API_VERSION,
        kind: 'Workload',
        metadata: {
          name: `${componentName}-workload`,
          namespace: namespaceName,
        },
        spec: { owner: { projectName, componentName } },
      };
      workload.spec = { ...workload.spec, container };
      validateWorkloadSpec(workload);
      const saved = existing ? store.replace(workload) : store.create(workload);
      res.status(201).json(saved);
    }),
  );
  return router;
}
