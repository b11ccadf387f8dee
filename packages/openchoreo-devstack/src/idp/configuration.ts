import { randomBytes } from 'node:crypto';
import { errors } from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { createMemoryAdapterFactory } from './memoryAdapter';
import {
  findUserById,
  portalClient,
  userClaims,
  workloadPublisherClient,
} from './seed';
import type { SigningKey } from './signingKey';

/** Inputs of {@link createProviderConfiguration}. */
export interface ProviderConfigurationOptions {
  signingKey: SigningKey;
  /** Resource indicator, and `aud`, of the access tokens issued for the OpenChoreo API. */
  apiAudience: string;
  accessTokenTtlSeconds: number;
  portalRedirectUris: string[];
}

/** Scopes an access token for the OpenChoreo API may carry. */
export const apiScopes = ['openchoreo:read', 'openchoreo:write'];

/** Paths of the endpoints, laid out like the Thunder IdP that OpenChoreo bundles. */
export const idpRoutes = {
  authorization: '/oauth2/authorize',
  token: '/oauth2/token',
  jwks: '/oauth2/jwks',
  userinfo: '/oauth2/userinfo',
  introspection: '/oauth2/introspect',
  revocation: '/oauth2/revoke',
  end_session: '/oauth2/logout',
} as const;

/** Builds the oidc-provider configuration of the devstack identity provider. */
export function createProviderConfiguration(
  options: ProviderConfigurationOptions,
): Configuration {
  const { signingKey, apiAudience, accessTokenTtlSeconds } = options;
  return {
    adapter: createMemoryAdapterFactory(),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    routes: idpRoutes,
    clients: [
      {
        client_id: portalClient.clientId,
        client_secret: portalClient.clientSecret,
        grant_types: [
          'authorization_code',
          'refresh_token',
          'client_credentials',
        ],
        response_types: ['code'],
        redirect_uris: options.portalRedirectUris,
      },
      {
        client_id: workloadPublisherClient.clientId,
        client_secret: workloadPublisherClient.clientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      },
    ],
    scopes: ['openid', 'offline_access', 'profile', 'email', 'groups'],
    claims: {
      email: ['email', 'email_verified'],
      // `groups` rides on `profile` too: the portal asks for `openid profile email` (the chart's
      // OPENCHOREO_AUTH_OIDC_SCOPE default) and takes ownership from the groups claim.
      profile: ['name', 'preferred_username', 'groups'],
      groups: ['groups'],
    },
    // Put the requested user claims (groups among them) into the ID token, too.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true, allowedPolicy: async () => true },
      revocation: { enabled: true, allowedPolicy: async () => true },
      resourceIndicators: {
        enabled: true,
        // Callers like the seeds' curl send no `resource`: they still get an API token.
        defaultResource: () => apiAudience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator) => {
          if (resourceIndicator !== apiAudience) {
            throw new errors.InvalidTarget(
              `unknown resource ${resourceIndicator}; this identity provider only issues tokens for ${apiAudience}`,
            );
          }
          return {
            scope: apiScopes.join(' '),
            audience: apiAudience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: accessTokenTtlSeconds,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    extraTokenClaims: (_ctx, token) => {
      // Client-credentials tokens have no account: they stay service-account tokens without groups.
      const user =
        'accountId' in token && token.accountId
          ? findUserById(token.accountId)
          : undefined;
      return user ? { groups: user.groups } : undefined;
    },
    findAccount: (_ctx, sub) => {
      const user = findUserById(sub);
      if (!user) {
        return undefined;
      }
      return { accountId: user.id, claims: () => userClaims(user) };
    },
    interactions: {
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    // The portal keeps users signed in across reloads with a refresh token; OIDC would only
    // issue one for `offline_access` with a consent prompt, which the devstack has no screen for.
    issueRefreshToken: async (_ctx, client) =>
      client.clientId === portalClient.clientId &&
      client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: () => true,
    renderError: (ctx: KoaContextWithOIDC, out) => {
      ctx.type = 'json';
      ctx.body = out;
    },
    ttl: {
      AccessToken: accessTokenTtlSeconds,
      ClientCredentials: accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 14 * 24 * 3600,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
    },
  };
}
