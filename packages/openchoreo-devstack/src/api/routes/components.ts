import type { Router } from 'express';
import type { ResourceObject, ResourceStore } from '../store';
import { badRequest, unprocessable } from '../errors';
import { queryString } from '../pagination';
import {
  checkEnum,
  checkImmutable,
  field,
  isObject,
  requiredString,
} from '../validation';
import { createResourceRoutes } from './resourceRoutes';
import { componentHierarchy } from '../authz/hierarchies';

/** The CRD's pattern for `spec.componentType.name`: `<workloadType>/<componentTypeName>`. */
export const COMPONENT_TYPE_NAME =
  /^(deployment|statefulset|cronjob|job|proxy)\/[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** CRD validation and defaulting of a Component's spec (422 on violations). */
function validateComponentSpec(component: ResourceObject) {
  const spec = (component.spec ??= {});
  requiredString(spec, ['owner', 'projectName']);
  const typeName = requiredString(spec, ['componentType', 'name']);
  if (!COMPONENT_TYPE_NAME.test(typeName)) {
    throw unprocessable(
      'spec.componentType.name',
      `Invalid value: "${typeName}": spec.componentType.name in body should match '${COMPONENT_TYPE_NAME.source}'`,
    );
  }
  const componentType = spec.componentType as Record<string, unknown>;
  componentType.kind ??= 'ComponentType';
  checkEnum(
    componentType.kind,
    ['ComponentType', 'ClusterComponentType'],
    'spec.componentType.kind',
  );
  spec.autoDeploy ??= false;
  if (spec.workflow !== undefined) {
    if (!isObject(spec.workflow)) {
      throw unprocessable('spec.workflow', 'must be an object');
    }
    requiredString(spec, ['workflow', 'name']);
    spec.workflow.kind ??= 'ClusterWorkflow';
    checkEnum(
      spec.workflow.kind,
      ['Workflow', 'ClusterWorkflow'],
      'spec.workflow.kind',
    );
  }
}

/**
 * Components: list (`?project=`), create (the project must exist), get, replace (owner and
 * componentType immutable), delete. A component without `spec.workflow` is built by an external CI.
 */
export function componentRoutes(store: ResourceStore): Router {
  return createResourceRoutes(store, {
    kind: 'Component',
    label: 'Component',
    plural: 'components',
    authzType: 'component',
    hierarchy: componentHierarchy,
    operations: ['list', 'create', 'get', 'replace', 'delete'],
    listFilter: query => {
      const project = queryString(query, 'project');
      return c => !project || field(c.spec, 'owner', 'projectName') === project;
    },
    prepareCreate: component => {
      validateComponentSpec(component);
      const project = field(component.spec, 'owner', 'projectName') as string;
      if (!store.get('Project', component.metadata.namespace, project)) {
        throw badRequest(
          'Referenced project not found',
          'spec.owner.projectName',
        );
      }
    },
    prepareReplace: (next, existing) => {
      validateComponentSpec(next);
      checkImmutable('Component', existing.spec, next.spec, [
        'owner',
        'projectName',
      ]);
      checkImmutable('Component', existing.spec, next.spec, ['componentType']);
      return { ...next, status: existing.status };
    },
  });
}
