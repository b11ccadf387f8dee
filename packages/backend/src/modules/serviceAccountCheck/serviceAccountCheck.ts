import {
  ClientCredentialsTokenError,
  createClientCredentialsTokenProvider,
  OpenChoreoConfigError,
  type OpenChoreoConfig,
} from '@openchoreo-ci/plugin-openchoreo-node';

/** Options of {@link checkServiceAccount}. */
export interface ServiceAccountCheckOptions {
  fetch?: typeof fetch;
  /** Deadline of the token request in ms (default 10000). */
  timeoutMs?: number;
}

/**
 * Checks at start-up what the catalog sync would otherwise only log on every run: the identity
 * provider gives the portal's service account (`openchoreo.auth.*`) a token. Throws
 * {@link OpenChoreoConfigError} naming the key and its environment variable: `clientSecret` when
 * the identity provider refuses the client, `tokenUrl` when it cannot be reached. The token is
 * dropped unread.
 */
export async function checkServiceAccount(
  auth: OpenChoreoConfig['auth'],
  options: ServiceAccountCheckOptions = {},
): Promise<void> {
  const tokens = createClientCredentialsTokenProvider({
    ...auth,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });
  try {
    await tokens.getToken();
  } catch (error) {
    if (!(error instanceof ClientCredentialsTokenError)) throw error;
    if (error.reason === 'rejected') {
      throw new OpenChoreoConfigError(
        'openchoreo.auth.clientSecret',
        `was refused by the identity provider at ${error.tokenUrl} together with the client id "${auth.clientId}" (${error.detail}); check the client id too`,
      );
    }
    throw new OpenChoreoConfigError(
      'openchoreo.auth.tokenUrl',
      `gave the service account no token (${error.detail})`,
    );
  }
}
