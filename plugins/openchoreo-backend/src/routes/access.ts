import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { Request } from 'express';
import { timed } from '../middleware/serverTiming';
import { componentEntityRef } from '../service/entityRefs';
import type { PermissionDecisionCache } from './decisionCache';
import { componentParams, parseOrThrow } from './validation';

/** Authentication and permission checks shared by the routes. */
export interface Access {
  /** The calling user's credentials; 401 without, 403 for non-user callers. */
  user(req: Request): Promise<BackstageCredentials<BackstageUserPrincipal>>;
  /**
   * Checks `permission` for the catalog entity `entityRef` (403 NotAllowedError when denied)
   * and returns the user's credentials.
   */
  authorize(
    req: Request,
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
  ): Promise<BackstageCredentials<BackstageUserPrincipal>>;
  /**
   * Validates the `:namespace/:component` path parameters and checks `permission` on that
   * component's catalog entity; returns both with the user's credentials.
   */
  authorizeComponent(
    req: Request,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<{
    namespace: string;
    component: string;
    credentials: BackstageCredentials<BackstageUserPrincipal>;
  }>;
}

/** Creates the routes' {@link Access} from the core services. */
export function createAccess(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** Reuses a user's decisions for a short time; without it every check asks. */
  decisions?: PermissionDecisionCache;
}): Access {
  const user = (req: Request) =>
    timed('identity', () =>
      options.httpAuth.credentials(req, { allow: ['user'] }),
    );
  const ask = (
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
  ) =>
    timed('permission', async () => {
      const [decision] = await options.permissions.authorize(
        [{ permission, resourceRef: entityRef }],
        { credentials },
      );
      return decision.result;
    });
  const access: Access = {
    user,
    async authorizeComponent(req, permission) {
      const { namespace, component } = parseOrThrow(
        componentParams,
        req.params,
        'path',
      );
      const credentials = await access.authorize(
        req,
        permission,
        componentEntityRef(namespace, component),
      );
      return { namespace, component, credentials };
    },
    async authorize(req, permission, entityRef) {
      const credentials = await user(req);
      const result = options.decisions
        ? await options.decisions.decide(
            credentials,
            permission,
            entityRef,
            () => ask(credentials, permission, entityRef),
          )
        : await ask(credentials, permission, entityRef);
      if (result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `You are not allowed to ${
            permission.attributes.action ?? 'use'
          } ${entityRef} (permission ${permission.name})`,
        );
      }
      return credentials;
    },
  };
  return access;
}
