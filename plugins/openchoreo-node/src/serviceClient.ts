import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  createOpenChoreoClient,
  type OpenChoreoClient,
} from '@openchoreo-ci/openchoreo-client';
import { createAbortScopedFetch } from './abortScope';
import type { OpenChoreoConfig } from './config';
import {
  createClientCredentialsTokenProvider,
  type TokenProvider,
} from './tokenProvider';

/** Options of {@link createOpenChoreoServiceClient}. */
export interface OpenChoreoServiceClientOptions {
  logger: LoggerService;
  /** Fetch implementation for API and token requests; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Token provider to use instead of one built from `config.auth`. */
  tokenProvider?: TokenProvider;
}

/** The typed OpenChoreo client acting as the portal's service account, plus its token provider. */
export interface OpenChoreoServiceClient {
  client: OpenChoreoClient;
  tokenProvider: TokenProvider;
}

/**
 * Creates the typed OpenChoreo client authenticated as the portal's service account
 * (client credentials). An upstream 401 is retried once, transparently, with a fresh token.
 * Used by `createOpenChoreoClientService`; plugins get the client from the service.
 */
export function createOpenChoreoServiceClient(
  config: OpenChoreoConfig,
  options: OpenChoreoServiceClientOptions,
): OpenChoreoServiceClient {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const tokenProvider =
    options.tokenProvider ??
    createClientCredentialsTokenProvider({
      ...config.auth,
      fetch: fetchImpl,
    });
  const client = createOpenChoreoClient({
    baseUrl: config.baseUrl,
    getToken: () => tokenProvider.getToken(),
    timeoutMs: config.requestTimeoutMs,
    // Token requests are shared by concurrent callers, so only API requests honour a caller's
    // abort scope.
    fetch: createRetryOn401Fetch(
      createAbortScopedFetch(fetchImpl),
      tokenProvider,
      options.logger,
    ),
  });
  return { client, tokenProvider };
}

/**
 * Wraps fetch so that a 401 to a request sent with a bearer token invalidates that token and
 * repeats the request once with a new one (the IdP may have rotated keys or revoked it early).
 */
function createRetryOn401Fetch(
  fetchImpl: typeof fetch,
  tokenProvider: TokenProvider,
  logger: LoggerService,
): typeof fetch {
  const retryingFetch = async (
    input: Parameters<typeof fetch>[0],
    init?: RequestInit,
  ): Promise<Response> => {
    const request = new Request(input, init);
    const usedToken = bearerToken(request);
    // Keep a copy: the first attempt consumes the body.
    const retry = usedToken ? request.clone() : undefined;
    const response = await fetchImpl(request);
    if (response.status !== 401 || !retry || !usedToken) {
      return response;
    }
    await response.body?.cancel().catch(() => undefined);
    tokenProvider.invalidate(usedToken);
    const freshToken = await tokenProvider.getToken();
    logger.warn(
      `OpenChoreo rejected the service-account token (401) for ${request.method} ${request.url}; retrying once with a new token`,
    );
    retry.headers.set('Authorization', `Bearer ${freshToken}`);
    return fetchImpl(retry);
  };
  return retryingFetch as typeof fetch;
}

function bearerToken(request: Request): string | undefined {
  const header = request.headers.get('Authorization');
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}
