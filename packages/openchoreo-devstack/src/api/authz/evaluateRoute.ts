import { Router } from 'express';
import { asyncHandler, badRequest } from '../errors';
import { isObject, type JsonObject } from '../validation';
import { isAuthzAction, type AuthzHierarchy } from './actions';
import { decide, type AuthzDecision, type AuthzSubject } from './decide';
import { callerOf } from './enforce';

const text = (value: unknown) =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The subject of an EvaluateRequest: its `subject_context` when given, else the caller. */
function subjectOf(
  request: JsonObject,
  index: number,
  caller: AuthzSubject,
): AuthzSubject {
  const context = request.subject_context;
  if (context === undefined) return caller;
  const field = `[${index}].subject_context`;
  if (!isObject(context)) throw badRequest(`${field} must be an object`, field);
  const values = Array.isArray(context.entitlement_values)
    ? context.entitlement_values.filter(
        (v): v is string => typeof v === 'string',
      )
    : [];
  if (context.type === 'service_account') {
    return { type: 'service_account', sub: values[0] };
  }
  if (context.type !== 'user') {
    throw badRequest(
      `${field}.type must be "user" or "service_account"`,
      `${field}.type`,
    );
  }
  // The devstack's bindings match the `groups` claim; another claim matches no binding.
  return {
    type: 'user',
    groups: context.entitlement_claim === 'groups' ? values : [],
  };
}

function evaluate(
  request: unknown,
  index: number,
  caller: AuthzSubject,
): AuthzDecision {
  if (!isObject(request)) {
    throw badRequest(`[${index}] must be an object`, `[${index}]`);
  }
  const action = text(request.action);
  const resource = request.resource;
  if (!action) {
    throw badRequest(`[${index}].action is required`, `[${index}].action`);
  }
  if (!isObject(resource) || !text(resource.type)) {
    throw badRequest(
      `[${index}].resource.type is required`,
      `[${index}].resource`,
    );
  }
  const subject = subjectOf(request, index, caller);
  if (!isAuthzAction(action)) {
    return { allowed: false, reason: `unknown action ${action}` };
  }
  const raw = isObject(resource.hierarchy) ? resource.hierarchy : {};
  const hierarchy: AuthzHierarchy = {
    namespace: text(raw.namespace),
    project: text(raw.project),
    component: text(raw.component),
  };
  return decide(subject, action, hierarchy);
}

/**
 * `POST /api/v1/authz/evaluates`: OpenChoreo's batch authorization check, answered with the same
 * decision the routes enforce, so a portal can disable what the user may not do before trying.
 */
export function evaluateRoutes(): Router {
  const router = Router();
  router.post(
    '/api/v1/authz/evaluates',
    asyncHandler((req, res) => {
      if (!Array.isArray(req.body)) {
        throw badRequest('Request body must be an array of EvaluateRequest');
      }
      const caller = callerOf(res);
      const decisions = req.body.map((request: unknown, index: number) =>
        evaluate(request, index, caller),
      );
      res.json(
        decisions.map(d => ({
          decision: d.allowed,
          context: { reason: d.reason },
        })),
      );
    }),
  );
  return router;
}
