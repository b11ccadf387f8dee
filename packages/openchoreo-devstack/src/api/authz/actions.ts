/** The resource types of OpenChoreo's authorization actions that the devstack serves. */
export const AUTHZ_RESOURCE_TYPES = [
  'namespace',
  'project',
  'component',
  'workload',
  'workflowrun',
  'componenttype',
  'clustercomponenttype',
  'workflow',
  'clusterworkflow',
  'environment',
  'deploymentpipeline',
  'componentrelease',
  'releasebinding',
  'workflowplane',
  'clusterworkflowplane',
  'observabilityplane',
  'clusterobservabilityplane',
] as const;

/** One of {@link AUTHZ_RESOURCE_TYPES}. */
export type AuthzResourceType = (typeof AUTHZ_RESOURCE_TYPES)[number];

const VERBS = ['view', 'create', 'update', 'delete'] as const;

/** What is done to a resource, as in OpenChoreo's action names. */
export type AuthzVerb = (typeof VERBS)[number];

/** An OpenChoreo authorization action such as `component:create` or `workflowrun:create`. */
export type AuthzAction = `${AuthzResourceType}:${AuthzVerb}`;

/**
 * Where in OpenChoreo's hierarchy (cluster > namespace > project > component) a resource sits;
 * an empty hierarchy is a cluster-scoped resource.
 */
export interface AuthzHierarchy {
  namespace?: string;
  project?: string;
  component?: string;
}

/** Builds an action name from its resource type and verb. */
export const action = (
  resource: AuthzResourceType,
  verb: AuthzVerb,
): AuthzAction => `${resource}:${verb}`;

/** True for the action names the devstack knows, such as `component:create`. */
export function isAuthzAction(value: string): value is AuthzAction {
  const [resource, verb, ...rest] = value.split(':');
  return (
    rest.length === 0 &&
    (AUTHZ_RESOURCE_TYPES as readonly string[]).includes(resource) &&
    (VERBS as readonly string[]).includes(verb)
  );
}
