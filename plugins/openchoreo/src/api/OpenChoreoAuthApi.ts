import { OAuth2 } from '@backstage/core-app-api';
import {
  createApiRef,
  SessionState,
  type BackstageIdentityApi,
  type ConfigApi,
  type DiscoveryApi,
  type OAuthApi,
  type OAuthRequestApi,
  type OpenIdConnectApi,
  type ProfileInfoApi,
  type SessionApi,
} from '@backstage/frontend-plugin-api';
import LockOpenIcon from '@material-ui/icons/LockOpen';

/** Sign-in with OpenChoreo's identity provider: OAuth2/OIDC, profile, Backstage identity, session. */
export type OpenChoreoAuthApi = OAuthApi &
  OpenIdConnectApi &
  ProfileInfoApi &
  BackstageIdentityApi &
  SessionApi;

/**
 * The auth API of the `openchoreo` sign-in provider (the backend's `auth.providers.openchoreo`):
 * the sign-in page uses it, and the OpenChoreo client takes the user's access token from it.
 */
export const openchoreoAuthApiRef = createApiRef<OpenChoreoAuthApi>({
  id: 'plugin.openchoreo.auth',
});

/** The provider as the sign-in page shows it; `id` is the backend's provider id. */
export const OPENCHOREO_AUTH_PROVIDER = {
  id: 'openchoreo',
  title: 'OpenChoreo',
  icon: LockOpenIcon,
};

/** Creates the `openchoreo` auth API with Backstage's generic OAuth2 client. */
export function createOpenChoreoAuth(deps: {
  discoveryApi: DiscoveryApi;
  oauthRequestApi: OAuthRequestApi;
  configApi: ConfigApi;
}): OpenChoreoAuthApi {
  return OAuth2.create({
    ...deps,
    provider: OPENCHOREO_AUTH_PROVIDER,
    environment: deps.configApi.getOptionalString('auth.environment'),
    defaultScopes: ['openid', 'profile', 'email'],
  });
}

/** How long to stop asking for a token after finding no OpenChoreo session (guests). */
const NO_SESSION_BACKOFF_MS = 30_000;

/**
 * The signed-in user's OpenChoreo access token, as the OpenChoreo client sends it: refreshed by
 * the auth API when it expires, never with a popup (a missing sign-in is the backend's 401 with
 * "sign in again"). Without an OpenChoreo session (e.g. a guest) it answers `undefined` and asks
 * again only after a while or once the user signs in.
 */
export function createUserTokenSource(
  authApi: OpenChoreoAuthApi,
): () => Promise<string | undefined> {
  let noSessionUntil = 0;
  authApi.sessionState$().subscribe(state => {
    if (state === SessionState.SignedIn) noSessionUntil = 0;
  });
  return async () => {
    if (Date.now() < noSessionUntil) return undefined;
    try {
      const token = await authApi.getAccessToken(undefined, {
        optional: true,
      });
      if (token) return token;
    } catch {
      // No session that can be refreshed: same as signed out.
    }
    noSessionUntil = Date.now() + NO_SESSION_BACKOFF_MS;
    return undefined;
  };
}
