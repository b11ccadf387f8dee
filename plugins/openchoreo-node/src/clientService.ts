import type { LoggerService } from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import {
  createOpenChoreoClient,
  type OpenChoreoClient,
} from '@openchoreo-ci/openchoreo-client';
import { createAbortScopedFetch } from './abortScope';
import type { OpenChoreoConfig } from './config';
import { createOpenChoreoServiceClient } from './serviceClient';
import type { TokenProvider } from './tokenProvider';

/**
 * The portal's access to OpenChoreo, shared by its backend plugins and modules: one
 * service-account token cache per process, and clients that act as a signed-in user.
 * @public
 */
export interface OpenChoreoClientService {
  /** The OpenChoreo API root as configured (`openchoreo.baseUrl`; may end in `/api/v1`). */
  readonly baseUrl: string;
  /** The identity provider's token endpoint (`openchoreo.auth.tokenUrl`). */
  readonly tokenUrl: string;
  /**
   * The client acting as the portal's service account (client credentials), for background work
   * such as the catalog sync. Tokens are cached and refreshed before expiry, one request at a
   * time; an upstream 401 is retried once with a new token. Always the same instance.
   */
  serviceAccount(): OpenChoreoClient;
  /**
   * A client that calls OpenChoreo with `accessToken`, a signed-in user's access token from
   * OpenChoreo's identity provider, so that OpenChoreo's own authorization decides. It never
   * falls back to the service account and does not retry a 401 (the user must sign in again).
   * Throws `AuthenticationError` for an empty token.
   */
  forUser(accessToken: string): OpenChoreoClient;
}

/** Options of {@link createOpenChoreoClientService}. @public */
export interface OpenChoreoClientServiceOptions {
  /** Receives a warning when the service account's token is rejected and retried. */
  logger: LoggerService;
  /** Fetch implementation for API and token requests; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Token provider for the service account instead of one built from `config.auth`. */
  tokenProvider?: TokenProvider;
}

/**
 * Creates an {@link OpenChoreoClientService} from validated config (see `readOpenChoreoConfig`).
 * Inside a backend, depend on `openchoreoClientServiceRef` instead, so all plugins share one.
 * @public
 */
export function createOpenChoreoClientService(
  config: OpenChoreoConfig,
  options: OpenChoreoClientServiceOptions,
): OpenChoreoClientService {
  const { client } = createOpenChoreoServiceClient(config, options);
  return {
    baseUrl: config.baseUrl,
    tokenUrl: config.auth.tokenUrl,
    serviceAccount: () => client,
    forUser(accessToken) {
      const token = accessToken.trim();
      if (!token) {
        throw new AuthenticationError(
          'No OpenChoreo access token for the signed-in user: sign in again.',
        );
      }
      return createOpenChoreoClient({
        baseUrl: config.baseUrl,
        getToken: async () => token,
        timeoutMs: config.requestTimeoutMs,
        fetch: createAbortScopedFetch(options.fetch ?? globalThis.fetch),
      });
    },
  };
}
