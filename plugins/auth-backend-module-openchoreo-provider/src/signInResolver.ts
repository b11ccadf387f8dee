import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { OidcAuthResult } from '@backstage/plugin-auth-backend-module-oidc-provider';
import type {
  AuthResolverCatalogUserQuery,
  AuthResolverContext,
  OAuthAuthenticatorResult,
  SignInResolver,
} from '@backstage/plugin-auth-node';
import { readIdentityClaims, toEntityName } from './claims';

/** The group refs of the identity provider's `groups` claim, e.g. `group:default/developers`. */
export function groupRefsOf(groups: string[]): string[] {
  return groups
    .map(toEntityName)
    .filter((name): name is string => !!name)
    .map(name => `group:default/${name}`);
}

async function findUser(
  ctx: AuthResolverContext,
  query: AuthResolverCatalogUserQuery,
): Promise<Entity | undefined> {
  try {
    return (await ctx.findCatalogUser(query)).entity;
  } catch (error) {
    if (
      error instanceof NotFoundError ||
      (error as Error)?.name === 'NotFoundError'
    ) {
      return undefined;
    }
    throw error;
  }
}

/**
 * Maps a person signed in at OpenChoreo's identity provider to a Backstage identity:
 * - the catalog User whose `spec.profile.email` is the verified email, else the User named like
 *   the username (`preferred_username` without domain); its ownership (itself and its groups)
 *   plus the groups of the `groups` claim;
 * - otherwise (production catalogs hold no users) `user:default/<username>` with ownership of
 *   itself and `group:default/<g>` for each `groups` entry, so ownership and the permission
 *   policy's `permission.writerGroups` work without hand-maintained User entities.
 */
export const openchoreoSignInResolver: SignInResolver<
  OAuthAuthenticatorResult<OidcAuthResult>
> = async (info, ctx) => {
  const claims = readIdentityClaims(info.result.fullProfile);
  const groupRefs = groupRefsOf(claims.groups);

  const entity =
    (claims.email
      ? await findUser(ctx, { filter: { 'spec.profile.email': claims.email } })
      : undefined) ??
    (claims.username && toEntityName(claims.username)
      ? await findUser(ctx, {
          entityRef: { name: toEntityName(claims.username)! },
        })
      : undefined);
  if (entity) {
    const userRef = stringifyEntityRef(entity);
    const { ownershipEntityRefs } = await ctx.resolveOwnershipEntityRefs(
      entity,
    );
    return ctx.issueToken({
      claims: {
        sub: userRef,
        ent: [...new Set([...ownershipEntityRefs, ...groupRefs])],
      },
    });
  }

  const name = [claims.username, claims.email?.split('@')[0], claims.subject]
    .map(value => (value ? toEntityName(value) : undefined))
    .find(Boolean);
  if (!name) {
    throw new Error(
      'The identity provider sent neither an email, a preferred_username nor a subject for this user, so the portal cannot tell who signed in. Ask an administrator to check the scopes of the sign-in (OPENCHOREO_AUTH_OIDC_SCOPE, default "openid profile email").',
    );
  }
  const userRef = `user:default/${name}`;
  return ctx.issueToken({
    claims: { sub: userRef, ent: [userRef, ...groupRefs] },
  });
};
