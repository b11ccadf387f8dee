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
import { workloadHierarchy } from '../authz/hierarchies';

/** `?component=`: the objects whose `spec.owner.componentName` is the component. */
const byOwnerComponent =
  (query: Parameters<typeof queryString>[0]) => (object: ResourceObject) => {
    const component = queryString(query, 'component');
    return (
      !component || field(object.spec, 'owner', 'componentName') === component
    );
  };

/** The owner must name a component of the namespace (400 like the real handlers). */
function requireOwnerComponent(store: ResourceStore, object: ResourceObject) {
  const spec = (object.spec ??= {});
  requiredString(spec, ['owner', 'projectName']);
  const component = requiredString(spec, ['owner', 'componentName']);
  if (!store.get('Component', object.metadata.namespace, component)) {
    throw badRequest(
      'Referenced component not found',
      'spec.owner.componentName',
    );
  }
}

/**
 * ComponentReleases (immutable snapshots of a component): list (`?component=`), create, get,
 * delete; the spec requires owner, componentType and workload. The deployment simulation
 * creates them for components with `autoDeploy`; a ComponentRelease has no PUT.
 */
export function componentReleaseRoutes(store: ResourceStore): Router {
  return createResourceRoutes(store, {
    kind: 'ComponentRelease',
    label: 'ComponentRelease',
    plural: 'componentreleases',
    authzType: 'componentrelease',
    // Owned by a component like a Workload: spec.owner.{projectName, componentName}.
    hierarchy: workloadHierarchy,
    operations: ['list', 'create', 'get', 'delete'],
    listFilter: byOwnerComponent,
    prepareCreate: release => {
      requireOwnerComponent(store, release);
      for (const key of ['componentType', 'workload']) {
        if (!isObject(release.spec?.[key])) {
          throw unprocessable(`spec.${key}`, 'Required value');
        }
      }
    },
  });
}

function validateBindingSpec(binding: ResourceObject) {
  const spec = (binding.spec ??= {});
  requiredString(spec, ['environment']);
  spec.state ??= 'Active';
  checkEnum(spec.state, ['Active', 'Undeploy'], 'spec.state');
}

/**
 * ReleaseBindings (a ComponentRelease bound to an environment): list (`?component=`), create,
 * get, replace (owner and environment immutable; how a release is promoted), delete. Their
 * status (conditions ReleaseSynced, ResourcesReady, Ready) is written by the deployment
 * simulation.
 */
export function releaseBindingRoutes(store: ResourceStore): Router {
  return createResourceRoutes(store, {
    kind: 'ReleaseBinding',
    label: 'ReleaseBinding',
    plural: 'releasebindings',
    authzType: 'releasebinding',
    hierarchy: workloadHierarchy,
    operations: ['list', 'create', 'get', 'replace', 'delete'],
    listFilter: byOwnerComponent,
    prepareCreate: binding => {
      requireOwnerComponent(store, binding);
      validateBindingSpec(binding);
    },
    prepareReplace: (next, existing) => {
      validateBindingSpec(next);
      checkImmutable('ReleaseBinding', existing.spec, next.spec, ['owner']);
      checkImmutable('ReleaseBinding', existing.spec, next.spec, [
        'environment',
      ]);
      return { ...next, status: existing.status };
    },
  });
}
