import type { AuthzAction, AuthzHierarchy } from './actions';

/**
 * A role: a named set of actions, like OpenChoreo's (Cluster)AuthzRole. `*` grants every action,
 * `<resource>:*` every action on one resource type.
 */
export interface AuthzRole {
  name: string;
  /** What the role lets its holders do, in words (the devstack banner prints it). */
  description: string;
  actions: readonly (AuthzAction | '*' | `${string}:*`)[];
}

/** One role granted by a binding, optionally narrowed to a namespace/project/component. */
export interface AuthzRoleMapping {
  role: string;
  scope?: AuthzHierarchy;
}

/**
 * Grants roles to the users whose `groups` claim contains `group`, like OpenChoreo's
 * ClusterAuthzRoleBinding with `entitlement: {claim: groups, value: <group>}`.
 */
export interface AuthzRoleBinding {
  name: string;
  group: string;
  roleMappings: readonly AuthzRoleMapping[];
}

/** The roles and bindings the devstack enforces on user tokens. */
export interface AuthzRoleTable {
  roles: readonly AuthzRole[];
  bindings: readonly AuthzRoleBinding[];
}

const view = [
  'namespace:view',
  'project:view',
  'component:view',
  'workload:view',
  'workflowrun:view',
  'componenttype:view',
  'workflow:view',
  'environment:view',
  'deploymentpipeline:view',
  'componentrelease:view',
  'releasebinding:view',
] as const;

/**
 * The devstack's role table, named after OpenChoreo's default roles and bindings (Helm chart
 * `openchoreoApi.config.security.authorization.bootstrap`). Differences from upstream: roles are
 * bound to `default` instead of cluster-wide so a second namespace shows the filtering; the
 * developer may also delete WorkflowRuns (cancel a build) but not components or workloads;
 * `viewers` and `outsiders` are devstack groups; service accounts are not in the table — they
 * have full access (upstream binds each client id to a role).
 */
export const devstackRoleTable: AuthzRoleTable = {
  roles: [
    { name: 'admin', description: 'do everything', actions: ['*'] },
    {
      name: 'developer',
      description:
        'read, build (start and cancel WorkflowRuns), edit components and workloads, and deploy releases',
      actions: [
        ...view,
        'component:create',
        'component:update',
        'workload:create',
        'workload:update',
        'workflowrun:create',
        'workflowrun:delete',
        'componentrelease:create',
        'releasebinding:create',
        'releasebinding:update',
      ],
    },
    { name: 'viewer', description: 'only read', actions: view },
    {
      name: 'cluster-reader',
      description: 'read cluster component types and cluster workflows',
      actions: ['clustercomponenttype:view', 'clusterworkflow:view'],
    },
  ],
  bindings: [
    {
      name: 'platform-engineer-binding',
      group: 'platform-engineers',
      roleMappings: [{ role: 'admin' }],
    },
    {
      name: 'developer-binding',
      group: 'developers',
      roleMappings: [
        { role: 'developer', scope: { namespace: 'default' } },
        { role: 'cluster-reader' },
      ],
    },
    {
      name: 'viewer-binding',
      group: 'viewers',
      roleMappings: [
        { role: 'viewer', scope: { namespace: 'default' } },
        { role: 'cluster-reader' },
      ],
    },
  ],
};
