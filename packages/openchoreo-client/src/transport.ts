import createClient, { defaultPathSerializer } from 'openapi-fetch';
import type { Client } from 'openapi-fetch';
import type { paths } from './generated/openchoreo-api';
import { OpenChoreoUnavailableError, toOpenChoreoApiError } from './errors';

/** The openapi-fetch client every resource module issues its requests through. */
export type OpenChoreoHttp = Client<paths>;

/** How to reach and authenticate to the OpenChoreo API. */
export interface TransportOptions {
  baseUrl: string;
  getToken: () => Promise<string | undefined>;
  fetch?: typeof fetch;
  timeoutMs: number;
}

// Responses to these statuses must not carry a body (the Response constructor rejects one).
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Normalises the configured API root: trims trailing slashes and a trailing `/api/v1`
 * (the upstream Helm chart's default URL ends in it, while the generated paths start with it).
 * @public
 */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new TypeError(
      `Invalid OpenChoreo API base URL "${baseUrl}": expected an absolute http(s) URL such as https://api.openchoreo.example.com`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(
      `Invalid OpenChoreo API base URL "${baseUrl}": only http and https are supported`,
    );
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return `${url.origin}${path}`;
}

/**
 * The URL of a v1 API path below the configured API root (with or without its `/api/v1`),
 * e.g. `apiV1Url('https://oc.example.com/api/v1/', '/namespaces/acme')` →
 * `https://oc.example.com/api/v1/namespaces/acme`.
 * @public
 */
export function apiV1Url(baseUrl: string, path: string = ''): string {
  const suffix = path && !path.startsWith('/') ? `/${path}` : path;
  return `${normalizeBaseUrl(baseUrl)}/api/v1${suffix}`;
}

/** Creates the openapi-fetch client with auth, timeout and error mapping wired in. */
export function createHttp(options: TransportOptions): OpenChoreoHttp {
  return createClient<paths>({
    baseUrl: normalizeBaseUrl(options.baseUrl),
    fetch: createOpenChoreoFetch(options),
    pathSerializer: strictPathSerializer,
  });
}

/**
 * A fetch that adds the bearer token, enforces the deadline over the whole exchange (headers
 * and body), and throws typed errors: {@link OpenChoreoUnavailableError} when the API cannot
 * be reached, an `OpenChoreoApiError` for any non-2xx answer.
 */
export function createOpenChoreoFetch(
  options: Omit<TransportOptions, 'baseUrl'>,
): (request: Request) => Promise<Response> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const { timeoutMs } = options;

  return async request => {
    const token = await options.getToken();
    if (token) {
      request.headers.set('Authorization', `Bearer ${token}`);
    }

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);

    let response: Response;
    let body: ArrayBuffer;
    try {
      response = await fetchImpl(request, { signal: controller.signal });
      body = await response.arrayBuffer();
    } catch (error) {
      throw new OpenChoreoUnavailableError({
        reason: timedOut ? 'timeout' : 'network',
        method: request.method,
        url: request.url,
        timeoutMs,
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }

    if (!response.ok) {
      throw toOpenChoreoApiError({
        method: request.method,
        url: request.url,
        status: response.status,
        statusText: response.statusText,
        bodyText: new TextDecoder().decode(body),
      });
    }

    // The body has been read (and decoded) already; hand openapi-fetch a fresh response.
    const headers = new Headers(response.headers);
    headers.delete('content-encoding');
    headers.delete('content-length');
    return new Response(NULL_BODY_STATUSES.has(response.status) ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
}

/**
 * Like openapi-fetch's default, but refuses empty path parameters: `get(ns, '')` would
 * otherwise silently turn into a request to the list endpoint.
 */
function strictPathSerializer(
  pathname: string,
  pathParams: Record<string, unknown>,
): string {
  for (const [name, value] of Object.entries(pathParams ?? {})) {
    if (value === '' || value === undefined || value === null) {
      throw new TypeError(
        `OpenChoreo client: path parameter "${name}" of ${pathname} must not be empty`,
      );
    }
  }
  return defaultPathSerializer(pathname, pathParams);
}

/**
 * Returns the parsed body of a successful openapi-fetch call. Non-2xx answers never get here
 * (the fetch above throws for them); an empty body on a call that should return one is a
 * protocol error.
 */
export function expectData<T>(result: { data?: T }, what: string): T {
  if (result.data === undefined) {
    throw new Error(`OpenChoreo API returned an empty body for ${what}`);
  }
  return result.data;
}
