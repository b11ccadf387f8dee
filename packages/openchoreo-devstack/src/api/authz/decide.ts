import type { AuthzAction, AuthzHierarchy } from './actions';
import {
  devstackRoleTable,
  type AuthzRole,
  type AuthzRoleTable,
} from './roleTable';

/**
 * Who calls: a user (a token with a non-empty `groups` claim, as OpenChoreo decides it) or a
 * service account (any other token; its `sub` is the client id).
 */
export type AuthzSubject =
  | { type: 'user'; sub?: string; groups: readonly string[] }
  | { type: 'service_account'; sub?: string };

/** An authorization decision and why, as OpenChoreo's `Decision` carries it. */
export interface AuthzDecision {
  allowed: boolean;
  reason: string;
}

/** Reads the subject from verified token claims. */
export function subjectFromClaims(
  claims: Record<string, unknown>,
): AuthzSubject {
  const sub = typeof claims.sub === 'string' ? claims.sub : undefined;
  const raw = claims.groups;
  const groups = (Array.isArray(raw) ? raw : [raw]).filter(
    (g): g is string => typeof g === 'string' && g !== '',
  );
  return groups.length > 0
    ? { type: 'user', sub, groups }
    : { type: 'service_account', sub };
}

const LEVELS = ['namespace', 'project', 'component'] as const;

/** A scope covers a target when every level the scope names matches; no scope covers all. */
function covers(scope: AuthzHierarchy | undefined, target: AuthzHierarchy) {
  return LEVELS.every(
    level => scope?.[level] === undefined || scope[level] === target[level],
  );
}

function grants(role: AuthzRole, action: AuthzAction) {
  const resource = action.split(':')[0];
  return role.actions.some(
    granted =>
      granted === '*' || granted === action || granted === `${resource}:*`,
  );
}

/** "in namespace default", "in project p of namespace default", or "everywhere". */
export function describeScope(scope: AuthzHierarchy | undefined): string {
  if (!scope || !scope.namespace) return 'everywhere';
  const parts = [
    scope.component && `component ${scope.component}`,
    scope.project && `project ${scope.project}`,
    `namespace ${scope.namespace}`,
  ].filter(Boolean);
  return `in ${parts.join(' of ')}`;
}

/**
 * The one authorization decision of the devstack: may `subject` perform `action` on a resource
 * at `hierarchy`? Service accounts may do everything; users get what the role bindings of their
 * groups grant at that place (a binding scoped to a namespace never covers cluster resources).
 */
export function decide(
  subject: AuthzSubject,
  action: AuthzAction,
  hierarchy: AuthzHierarchy,
  table: AuthzRoleTable = devstackRoleTable,
): AuthzDecision {
  if (subject.type === 'service_account') {
    return {
      allowed: true,
      reason: `service account ${subject.sub ?? '(no sub)'} has full access`,
    };
  }
  for (const binding of table.bindings) {
    if (!subject.groups.includes(binding.group)) continue;
    for (const mapping of binding.roleMappings) {
      const role = table.roles.find(r => r.name === mapping.role);
      if (role && grants(role, action) && covers(mapping.scope, hierarchy)) {
        return {
          allowed: true,
          reason: `role ${role.name} of ${binding.name} (group ${
            binding.group
          }) ${describeScope(mapping.scope)}`,
        };
      }
    }
  }
  return {
    allowed: false,
    reason: `no role bound to groups ${subject.groups.join(
      ', ',
    )} grants ${action}`,
  };
}

/** What members of `groups` may do, in words: "read ... in namespace default; ...". */
export function describeAccess(
  groups: readonly string[],
  table: AuthzRoleTable = devstackRoleTable,
): string {
  const grantsInWords = table.bindings
    .filter(binding => groups.includes(binding.group))
    .flatMap(binding => binding.roleMappings)
    .map(mapping => {
      const role = table.roles.find(r => r.name === mapping.role);
      return `${role?.description ?? mapping.role} ${describeScope(
        mapping.scope,
      )}`;
    });
  return grantsInWords.length
    ? grantsInWords.join('; ')
    : 'nothing: no role binding (sees empty lists, 403 on everything else)';
}
