import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import { OPENCHOREO_USER_TOKEN_HEADER } from '@openchoreo-ci/plugin-openchoreo-common';
import type { OpenChoreoRequestAccess } from '@openchoreo-ci/plugin-openchoreo-node';

/** Decides how one request reaches OpenChoreo from the user's token (or its absence). */
export type RequestAccessResolver = (
  userToken: string | undefined,
) => OpenChoreoRequestAccess;

interface CallerScope {
  /** Resolved on the first OpenChoreo call, so routes that never call OpenChoreo need no token. */
  access(): OpenChoreoRequestAccess;
}

const scopes = new AsyncLocalStorage<CallerScope>();

/**
 * Middleware that puts every request of the router in a scope knowing whose OpenChoreo access
 * it carries: the user's token from the `x-openchoreo-token` header (user tokens on) or the
 * service account. The services read it through {@link currentCallerAccess}, so no route can
 * call OpenChoreo as someone else by forgetting to pass the token along. The header is read
 * here only; it is never logged.
 */
export function openchoreoCallerScope(
  resolve: RequestAccessResolver,
): RequestHandler {
  return (req, _res, next) => {
    let resolved: OpenChoreoRequestAccess | undefined;
    const scope: CallerScope = {
      access: () =>
        (resolved ??= resolve(req.header(OPENCHOREO_USER_TOKEN_HEADER))),
    };
    scopes.run(scope, next);
  };
}

/**
 * The OpenChoreo access of the request being served; `fallback` (the service account) outside
 * a request, i.e. for background work. Throws the sign-in-required 401 when user tokens are on
 * and the request carried none.
 */
export function currentCallerAccess(
  fallback: OpenChoreoRequestAccess,
): OpenChoreoRequestAccess {
  return scopes.getStore()?.access() ?? fallback;
}
