import type {
  Component,
  Namespace,
  Project,
} from '@openchoreo-ci/openchoreo-client';
import {
  toComponentEntity,
  toDomainEntity,
  toSystemEntity,
  TranslationContext,
} from './translate';

const context: TranslationContext = {
  baseUrl: 'https://api.openchoreo.example.com/api/v1/',
  owner: 'group:default/developers',
  lifecycle: 'production',
};

function component(overrides: Partial<Component> = {}): Component {
  return {
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'acme', ...overrides.metadata },
    spec: {
      owner: { projectName: 'shop' },
      componentType: {
        kind: 'ClusterComponentType',
        name: 'deployment/service',
      },
      autoDeploy: true,
      ...overrides.spec,
    },
  };
}

describe('toDomainEntity', () => {
  it('turns a namespace into a domain in a Backstage namespace of the same name', () => {
    const namespace: Namespace = {
      metadata: {
        name: 'acme',
        annotations: {
          'openchoreo.dev/display-name': 'ACME Corp',
          'openchoreo.dev/description': 'Everything ACME runs',
        },
      },
    };

    expect(toDomainEntity(namespace, context)).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: {
        name: 'acme',
        namespace: 'acme',
        title: 'ACME Corp',
        description: 'Everything ACME runs',
        annotations: {
          'openchoreo.io/namespace': 'acme',
          'backstage.io/managed-by-location':
            'url:https://api.openchoreo.example.com/api/v1/namespaces/acme',
          'backstage.io/managed-by-origin-location':
            'url:https://api.openchoreo.example.com/api/v1/namespaces/acme',
        },
      },
      spec: { owner: 'group:default/developers' },
    });
  });
});

describe('toSystemEntity', () => {
  it('turns a project into a system of its namespace domain', () => {
    const project: Project = {
      metadata: { name: 'shop', namespace: 'acme' },
    };

    expect(toSystemEntity(project, 'acme', context)).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: 'shop',
        namespace: 'acme',
        annotations: {
          'openchoreo.io/namespace': 'acme',
          'openchoreo.io/project': 'shop',
          'backstage.io/managed-by-location':
            'url:https://api.openchoreo.example.com/api/v1/namespaces/acme/projects/shop',
          'backstage.io/managed-by-origin-location':
            'url:https://api.openchoreo.example.com/api/v1/namespaces/acme/projects/shop',
        },
      },
      spec: { owner: 'group:default/developers', domain: 'acme' },
    });
  });
});

describe('toComponentEntity', () => {
  it('maps name, namespace, system, owner, lifecycle and the platform annotations', () => {
    const entity = toComponentEntity(component(), 'acme', {
      ...context,
      baseUrl: 'http://127.0.0.1:8080',
      owner: 'group:default/platform-engineers',
      lifecycle: 'experimental',
    });

    expect(entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'checkout',
        namespace: 'acme',
        annotations: {
          'openchoreo.io/namespace': 'acme',
          'openchoreo.io/project': 'shop',
          'openchoreo.io/component': 'checkout',
          'openchoreo.io/component-type':
            'ClusterComponentType:deployment/service',
          'backstage.io/managed-by-location':
            'url:http://127.0.0.1:8080/api/v1/namespaces/acme/components/checkout',
          'backstage.io/managed-by-origin-location':
            'url:http://127.0.0.1:8080/api/v1/namespaces/acme/components/checkout',
        },
      },
      spec: {
        type: 'service',
        lifecycle: 'experimental',
        owner: 'group:default/platform-engineers',
        system: 'shop',
      },
    });
  });

  it.each([
    ['deployment/service', 'service'],
    ['deployment/web-application', 'web-application'],
    ['deployment/worker', 'worker'],
    ['cronjob/scheduled-task', 'scheduled-task'],
    ['statefulset/database', 'database'],
    ['service', 'service'],
    ['deployment/', 'unknown'],
  ])('takes spec.type from component type %s -> %s', (typeName, type) => {
    const entity = toComponentEntity(
      component({
        spec: {
          owner: { projectName: 'shop' },
          componentType: { kind: 'ComponentType', name: typeName },
          autoDeploy: false,
        },
      }),
      'acme',
      context,
    );
    expect(entity.spec.type).toBe(type);
    expect(entity.metadata.annotations?.['openchoreo.io/component-type']).toBe(
      `ComponentType:${typeName}`,
    );
  });

  it('records the built-in CI workflow as <kind>:<name>', () => {
    const entity = toComponentEntity(
      component({
        spec: {
          owner: { projectName: 'shop' },
          componentType: { kind: 'ComponentType', name: 'deployment/service' },
          autoDeploy: false,
          workflow: { kind: 'Workflow', name: 'docker-build' },
        },
      }),
      'acme',
      context,
    );
    expect(entity.metadata.annotations?.['openchoreo.io/workflow']).toBe(
      'Workflow:docker-build',
    );
  });

  it('records a workflow without kind as a ClusterWorkflow', () => {
    const stored = component({
      spec: {
        owner: { projectName: 'shop' },
        componentType: { kind: 'ComponentType', name: 'deployment/service' },
        autoDeploy: false,
        workflow: { kind: 'Workflow', name: 'docker-build' },
      },
    });
    // The API defaults the kind, so a stored component may omit it.
    Reflect.deleteProperty(stored.spec!.workflow!, 'kind');
    const entity = toComponentEntity(stored, 'acme', context);
    expect(entity.metadata.annotations?.['openchoreo.io/workflow']).toBe(
      'ClusterWorkflow:docker-build',
    );
  });

  it('has no workflow annotation for an External CI component', () => {
    const entity = toComponentEntity(component(), 'acme', context);
    expect(entity.metadata.annotations).not.toHaveProperty(
      'openchoreo.io/workflow',
    );
  });

  it('copies the CR annotations users own and drops the reserved ones', () => {
    const entity = toComponentEntity(
      component({
        metadata: {
          name: 'checkout',
          annotations: {
            'jenkins.io/job-full-name': 'shop/checkout',
            'github.com/project-slug': 'acme/checkout',
            team: 'payments',
            'openchoreo.dev/display-name': 'Checkout API',
            'openchoreo.dev/description': 'Takes the money',
            'openchoreo.dev/workload': '{"spec":{}}',
            'openchoreo.io/project': 'forged',
            'backstage.io/managed-by-location': 'url:https://evil.example',
            'kubectl.kubernetes.io/last-applied-configuration': '{}',
          },
        },
      }),
      'acme',
      context,
    );

    expect(entity.metadata.title).toBe('Checkout API');
    expect(entity.metadata.description).toBe('Takes the money');
    expect(entity.metadata.annotations).toEqual({
      'jenkins.io/job-full-name': 'shop/checkout',
      'github.com/project-slug': 'acme/checkout',
      team: 'payments',
      'openchoreo.io/namespace': 'acme',
      'openchoreo.io/project': 'shop',
      'openchoreo.io/component': 'checkout',
      'openchoreo.io/component-type': 'ClusterComponentType:deployment/service',
      'backstage.io/managed-by-location':
        'url:https://api.openchoreo.example.com/api/v1/namespaces/acme/components/checkout',
      'backstage.io/managed-by-origin-location':
        'url:https://api.openchoreo.example.com/api/v1/namespaces/acme/components/checkout',
    });
  });

  it('still produces a valid entity from a component without spec', () => {
    const entity = toComponentEntity(
      { metadata: { name: 'bare' } },
      'acme',
      context,
    );
    expect(entity.spec).toEqual({
      type: 'unknown',
      lifecycle: 'production',
      owner: 'group:default/developers',
    });
  });
});
