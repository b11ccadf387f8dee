import type { ResourceStore } from '../store';

/**
 * Adds a namespaced ComponentType (`go-service`) and Workflow (`database-migration`) to
 * `default`: the getting-started seed has only cluster-scoped ones.
 */
export function addNamespacedTemplates(store: ResourceStore): void {
  store.create({
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind: 'ComponentType',
    metadata: { name: 'go-service', namespace: 'default' },
    spec: {
      workloadType: 'deployment',
      resources: [
        {
          id: 'deployment',
          template: { apiVersion: 'apps/v1', kind: 'Deployment' },
        },
      ],
      parameters: {
        openAPIV3Schema: {
          type: 'object',
          properties: { replicas: { type: 'integer' } },
        },
      },
    },
  });
  store.create({
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'database-migration', namespace: 'default' },
    spec: {
      runTemplate: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow' },
      parameters: {
        openAPIV3Schema: {
          type: 'object',
          properties: { version: { type: 'string' } },
        },
      },
    },
  });
}
