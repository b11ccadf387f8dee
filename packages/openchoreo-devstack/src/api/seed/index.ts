import type { ResourceKind, ResourceObject, ResourceStore } from '../store';
import { demoResources } from './demo';
import { loadGettingStartedResources } from './gettingStarted';
import { planeResources } from './planes';

/** The `default` control-plane namespace of a fresh OpenChoreo installation. */
export const defaultNamespace: ResourceObject = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name: 'default',
    labels: { 'openchoreo.dev/control-plane': 'true' },
  },
};

/** Every seed object: the `default` namespace, the upstream getting-started resources, the demo data. */
export function seedResources(now: Date = new Date()): ResourceObject[] {
  return [
    defaultNamespace,
    ...loadGettingStartedResources(),
    ...planeResources(),
    ...demoResources(now),
  ];
}

/** Fills a store with the seed objects (skipping any that already exist). */
export function seedStore(store: ResourceStore, now: Date = new Date()) {
  for (const object of seedResources(now)) {
    const { kind, metadata } = object;
    if (!store.get(kind as ResourceKind, metadata.namespace, metadata.name)) {
      store.create(object);
    }
  }
}

export { planeResources, DEFAULT_OBSERVER_URL } from './planes';
export { JENKINS_JOB_ANNOTATION, GITHUB_SLUG_ANNOTATION } from './demo';
