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

const ENDPOINT_TYPES = ['HTTP', 'gRPC', 'GraphQL', 'Websocket', 'TCP', 'UDP'];

/** CRD validation of a Workload's spec: owner, one container with an image, endpoint types. */
export function validateWorkloadSpec(workload: ResourceObject) {
  const spec = (workload.spec ??= {});
  requiredString(spec, ['owner', 'projectName']);
  requiredString(spec, ['owner', 'componentName']);
  requiredString(spec, ['container', 'image']);
  const endpoints = spec.endpoints ?? {};
  if (!isObject(endpoints)) {
    throw unprocessable('spec.endpoints', 'must be a map of endpoints');
  }
  for (const [name, endpoint] of Object.entries(endpoints)) {
    const port = field(endpoint, 'port');
    checkEnum(
      field(endpoint, 'type'),
      ENDPOINT_TYPES,
      `spec.endpoints.${name}.type`,
    );
    if (
      !Number.isInteger(port) ||
      (port as number) < 1 ||
      (port as number) > 65535
    ) {
      throw unprocessable(
        `spec.endpoints.${name}.port`,
        'must be an integer in 1..65535',
      );
    }
  }
}

/**
 * Workloads: list (`?component=`), create (409 on a duplicate, 400 when the owner component does
 * not exist), get, replace (404 when missing: no upsert; owner immutable), delete.
 */
export function workloadRoutes(store: ResourceStore): Router {
  return createResourceRoutes(store, {
    kind: 'Workload',
    label: 'Workload',
    plural: 'workloads',
    authzType: 'workload',
    hierarchy: workloadHierarchy,
    operations: ['list', 'create', 'get', 'replace', 'delete'],
    listFilter: query => {
      const component = queryString(query, 'component');
      return w =>
        !component || field(w.spec, 'owner', 'componentName') === component;
    },
    prepareCreate: workload => {
      validateWorkloadSpec(workload);
      const component = field(
        workload.spec,
        'owner',
        'componentName',
      ) as string;
      if (!store.get('Component', workload.metadata.namespace, component)) {
        throw badRequest(
          'Referenced component not found',
          'spec.owner.componentName',
        );
      }
    },
    prepareReplace: (next, existing) => {
      validateWorkloadSpec(next);
      checkImmutable('Workload', existing.spec, next.spec, ['owner']);
      return { ...next, status: existing.status };
    },
  });
}
