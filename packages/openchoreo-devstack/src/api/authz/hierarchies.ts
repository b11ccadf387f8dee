import type { ResourceObject } from '../store';
import { field } from '../validation';
import { COMPONENT_LABEL, PROJECT_LABEL } from '../simulation/validateRun';
import type { AuthzHierarchy } from './actions';

const text = (value: unknown) =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** A namespaced object sits in its namespace; a cluster-scoped one at the cluster level. */
export function namespaceHierarchy(object: ResourceObject): AuthzHierarchy {
  return { namespace: object.metadata.namespace };
}

/** A Project: its namespace and itself. */
export function projectHierarchy(object: ResourceObject): AuthzHierarchy {
  return {
    namespace: object.metadata.namespace,
    project: object.metadata.name,
  };
}

/** A Component: namespace, owner project, itself. */
export function componentHierarchy(object: ResourceObject): AuthzHierarchy {
  return {
    namespace: object.metadata.namespace,
    project: text(field(object.spec, 'owner', 'projectName')),
    component: object.metadata.name,
  };
}

/** A Workload: namespace and its owner project and component. */
export function workloadHierarchy(object: ResourceObject): AuthzHierarchy {
  return {
    namespace: object.metadata.namespace,
    project: text(field(object.spec, 'owner', 'projectName')),
    component: text(field(object.spec, 'owner', 'componentName')),
  };
}

/**
 * A WorkflowRun: the component of its `openchoreo.dev/project` and `openchoreo.dev/component`
 * labels when both are set, otherwise only its namespace (as OpenChoreo decides it).
 */
export function workflowRunHierarchy(object: ResourceObject): AuthzHierarchy {
  const labels = object.metadata.labels ?? {};
  const project = text(labels[PROJECT_LABEL]);
  const component = text(labels[COMPONENT_LABEL]);
  return project && component
    ? { namespace: object.metadata.namespace, project, component }
    : { namespace: object.metadata.namespace };
}
