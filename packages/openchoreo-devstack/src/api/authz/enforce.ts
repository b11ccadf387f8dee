import type { Response } from 'express';
import { ApiError } from '../errors';
import type { AuthzAction, AuthzHierarchy } from './actions';
import { decide, subjectFromClaims, type AuthzSubject } from './decide';

/** The caller of the request, from the claims the JWT middleware verified. */
export function callerOf(res: Response): AuthzSubject {
  const claims: unknown = res.locals.claims;
  if (typeof claims !== 'object' || claims === null) {
    // Every /api route sits behind the JWT middleware; reaching this is a wiring bug.
    throw new Error('authorization was asked before the token was verified');
  }
  return subjectFromClaims(claims as Record<string, unknown>);
}

/** `workflowrun "x" of component "c" in project "p" in namespace "ns"`, for messages. */
function describeTarget(
  action: AuthzAction,
  hierarchy: AuthzHierarchy,
  name?: string,
) {
  const type = action.split(':')[0];
  return [
    name ? `${type} "${name}"` : `${type}s`,
    hierarchy.component && type !== 'component'
      ? `of component "${hierarchy.component}"`
      : '',
    hierarchy.project && type !== 'project'
      ? `in project "${hierarchy.project}"`
      : '',
    hierarchy.namespace
      ? `in namespace "${hierarchy.namespace}"`
      : '(cluster-scoped)',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Refuses the request with the API's 403 `{"error", "code": "FORBIDDEN"}` unless the caller may
 * perform `action` at `hierarchy`. Call it before changing anything.
 */
export function authorize(
  res: Response,
  action: AuthzAction,
  hierarchy: AuthzHierarchy,
  name?: string,
): void {
  const decision = decide(callerOf(res), action, hierarchy);
  if (!decision.allowed) {
    throw new ApiError(
      'FORBIDDEN',
      `Forbidden: ${action} on ${describeTarget(action, hierarchy, name)}: ${
        decision.reason
      }. Ask a platform engineer for a role binding that grants it.`,
    );
  }
}

/** A list filter keeping what the caller may view: lists never answer 403, they drop items. */
export function viewableBy<T>(
  res: Response,
  action: AuthzAction,
  hierarchyOf: (item: T) => AuthzHierarchy,
): (item: T) => boolean {
  const subject = callerOf(res);
  return item => decide(subject, action, hierarchyOf(item)).allowed;
}
