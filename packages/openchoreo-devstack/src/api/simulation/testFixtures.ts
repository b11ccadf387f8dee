import { ResourceObject, ResourceStore } from '../store';
import type { Clock } from './clock';
import { DEFAULT_WORKFLOW_PLANE, workflowPlane } from './workflowPlanes';

/** Commit the test runs ask for; the image tag is its first 7 characters. */
export const COMMIT = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d';

const repositorySchema = {
  type: 'object',
  properties: {
    repository: {
      type: 'object',
      properties: {
        url: {
          type: 'string',
          'x-openchoreo-component-parameter-repository-url': true,
        },
        revision: {
          type: 'object',
          properties: {
            branch: {
              type: 'string',
              'x-openchoreo-component-parameter-repository-branch': true,
            },
            commit: {
              type: 'string',
              'x-openchoreo-component-parameter-repository-commit': true,
            },
          },
        },
        appPath: {
          type: 'string',
          'x-openchoreo-component-parameter-repository-app-path': true,
        },
      },
    },
  },
};

function clusterComponentType(name: string, allowed: string[]): ResourceObject {
  return {
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind: 'ClusterComponentType',
    metadata: { name },
    spec: {
      workloadType: 'deployment',
      allowedWorkflows: allowed.map(workflow => ({
        kind: 'ClusterWorkflow',
        name: workflow,
      })),
    },
  };
}

function clusterWorkflow(
  name: string,
  ttlAfterCompletion?: string,
): ResourceObject {
  return {
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind: 'ClusterWorkflow',
    metadata: { name, labels: { 'openchoreo.dev/workflow-type': 'component' } },
    spec: {
      ttlAfterCompletion,
      parameters: { openAPIV3Schema: repositorySchema },
      runTemplate: {},
    },
  };
}

/** A Component of project `shop` in namespace `default`. */
export function component(
  name: string,
  type: string,
  workflow: string | undefined = 'dockerfile-builder',
): ResourceObject {
  return {
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {
      owner: { projectName: 'shop' },
      componentType: {
        kind: 'ClusterComponentType',
        name: `deployment/${type}`,
      },
      autoDeploy: false,
      workflow: workflow
        ? { kind: 'ClusterWorkflow', name: workflow }
        : undefined,
    },
  };
}

/**
 * A store seeded with what the simulator reads: component type `service` allows
 * `dockerfile-builder` (ttl 1h30m) and `other-builder`, `worker` allows only `other-builder`,
 * `locked` allows nothing; component `cart` builds with `dockerfile-builder`.
 */
export function seededStore(clock?: Clock): ResourceStore {
  const store = new ResourceStore(clock ? { now: () => clock.now() } : {});
  const objects: ResourceObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } },
    {
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'Project',
      metadata: { name: 'shop', namespace: 'default' },
      spec: {},
    },
    workflowPlane(DEFAULT_WORKFLOW_PLANE.kind, DEFAULT_WORKFLOW_PLANE.name),
    clusterComponentType('service', ['dockerfile-builder', 'other-builder']),
    clusterComponentType('worker', ['other-builder']),
    clusterComponentType('locked', []),
    clusterWorkflow('dockerfile-builder', '1h30m'),
    clusterWorkflow('other-builder'),
    component('cart', 'service'),
  ];
  objects.forEach(object => store.create(object));
  return store;
}

/** A component WorkflowRun as the portal creates it. */
export function workflowRun(
  name: string,
  options: {
    component?: string;
    workflow?: string;
    commit?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  } = {},
): ResourceObject {
  return {
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind: 'WorkflowRun',
    metadata: {
      name,
      namespace: 'default',
      labels: options.labels ?? {
        'openchoreo.dev/project': 'shop',
        'openchoreo.dev/component': options.component ?? 'cart',
      },
      annotations: options.annotations,
    },
    spec: {
      workflow: {
        kind: 'ClusterWorkflow',
        name: options.workflow ?? 'dockerfile-builder',
        parameters: {
          repository: {
            url: 'https://github.com/acme/cart.git',
            revision: { branch: 'main', commit: options.commit ?? COMMIT },
            appPath: './service',
          },
        },
      },
    },
  };
}

/** Polls until `check` returns a value (not undefined/false), for tests on real timers. */
export async function waitFor<T>(
  check: () => T | undefined | false,
  what: string,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}
