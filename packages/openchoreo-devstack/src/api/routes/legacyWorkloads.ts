import { Router } from 'express';
import type { ResourceObject, ResourceStore } from '../store';
import { asyncHandler, badRequest, notFound } from '../errors';
import { API_VERSION, field, isObject, type JsonObject } from '../validation';
import { validateWorkloadSpec } from './workloads';

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

/**
 * The pre-v1.0 project-scoped route the seed's Jenkinsfile calls:
 * `POST /api/v1/namespaces/{ns}/projects/{project}/components/{component}/workloads` with
 * `{"containers":{"main":{"image":"..."}}}`. An upsert: it creates `<component>-workload`, or
 * replaces the image (container) of the component's workload, and answers 201.
 * Removed from the real server in v1.0, so not in the v1 OpenAPI spec.
 */
export function legacyWorkloadRoutes(store: ResourceStore): Router {
  const router = Router();
  router.post(
    '/api/v1/namespaces/:namespaceName/projects/:projectName/components/:componentName/workloads',
    asyncHandler((req, res) => {
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
      const container = legacyContainer(req.body);
      const existing = store
        .list('Workload', namespaceName)
        .find(w => field(w.spec, 'owner', 'componentName') === componentName);
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
