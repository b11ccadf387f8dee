import type { Router } from 'express';
import type { ResourceObject, ResourceStore } from '../store';
import { checkImmutable } from '../validation';
import { createResourceRoutes } from './resourceRoutes';
import { projectHierarchy } from '../authz/hierarchies';

/** When omitted on create, the API defaults a project's type to the `default` ClusterProjectType. */
function withDefaultType(project: ResourceObject) {
  project.spec ??= {};
  project.spec.type ??= { kind: 'ClusterProjectType', name: 'default' };
}

/** Projects: list, create, get, replace (type immutable), delete. */
export function projectRoutes(store: ResourceStore): Router {
  return createResourceRoutes(store, {
    kind: 'Project',
    label: 'Project',
    plural: 'projects',
    authzType: 'project',
    hierarchy: projectHierarchy,
    operations: ['list', 'create', 'get', 'replace', 'delete'],
    prepareCreate: withDefaultType,
    prepareReplace: (next, existing) => {
      withDefaultType(next);
      checkImmutable('Project', existing.spec, next.spec, ['type']);
      return { ...next, status: existing.status };
    },
  });
}
