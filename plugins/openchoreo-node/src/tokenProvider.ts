import { describeNetworkFailure } from './networkFailure';

/** Options of {@link createClientCredentialsTokenProvider}. @public */
export interface ClientCredentialsTokenProviderOptions {
  /** OAuth2 token endpoint. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes to request. */
  scope?: string;
  /** Fetch implementation; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Refresh this many seconds before the token expires (default 30; at most half its lifetime). */
  refreshSkewSeconds?: number;
  /** Deadline of one token request in milliseconds (default 10000). */
  timeoutMs?: number;
  /** Clock in milliseconds; for tests. */
  now?: () => number;
}

/** Hands out a cached client-credentials access token. @public */
export interface TokenProvider {
  /** A valid access token; fetched at most once at a time, cached until shortly before expiry. */
  getToken(): Promise<string>;
  /** Drops `token` from the cache (e.g. after a 401), so the next `getToken` fetches a new one. */
  invalidate(token: string): void;
}

/**
 * The token endpoint refused the credentials (`reason: 'rejected'`) or could not be reached or
 * answered unusably (`reason: 'unavailable'`). The message never contains the client secret.
 * @public
 */
export class ClientCredentialsTokenError extends Error {
  override readonly name = 'ClientCredentialsTokenError';
  /** `rejected`: the IdP refused the client (4xx); `unavailable`: network, timeout, 5xx or bad body. */
  readonly reason: 'rejected' | 'unavailable';
  /** HTTP status of the token endpoint, when it answered. */
  readonly status?: number;
  /** The token endpoint. */
  readonly tokenUrl: string;
  /** Why, without the token endpoint's address or the client id, e.g. `HTTP 401 invalid_client`. */
  readonly detail: string;

  constructor(options: {
    reason: 'rejected' | 'unavailable';
    tokenUrl: string;
    message: string;
    detail: string;
    status?: number;
  }) {
    super(options.message);
    this.reason = options.reason;
    this.status = options.status;
    this.tokenUrl = options.tokenUrl;
    this.detail = options.detail;
  }
}

interface CachedToken {
  token: string;
  refreshAt: number;
}

const DEFAULT_REFRESH_SKEW_SECONDS = 30;
const DEFAULT_TOKEN_TIMEOUT_MS = 10_000;
// Used when the endpoint states no lifetime and the token is not a JWT with `exp`.
const FALLBACK_LIFETIME_SECONDS = 300;
const MAX_ERROR_TEXT = 300;

/**
 * Creates a client-credentials {@link TokenProvider}: the token is cached until shortly before
 * its `expires_in`/`exp`, and concurrent callers of an expired token share one token request.
 * @public
 */
export function createClientCredentialsTokenProvider(
  options: ClientCredentialsTokenProviderOptions,
): TokenProvider {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const skewMs =
    (options.refreshSkewSeconds ?? DEFAULT_REFRESH_SKEW_SECONDS) * 1000;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
  const scrub = (text: string) =>
    options.clientSecret ? text.split(options.clientSecret).join('***') : text;
  const describe = `client "${options.clientId}" at ${options.tokenUrl}`;

  let cached: CachedToken | undefined;
  let inFlight: Promise<string> | undefined;

  async function requestToken(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: options.clientId,
      client_secret: options.clientSecret,
    });
    if (options.scope) {
      body.set('scope', options.scope);
    }
    const requestedAt = now();
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(options.tokenUrl, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new ClientCredentialsTokenError({
        reason: 'unavailable',
        tokenUrl: options.tokenUrl,
        detail: describeNetworkFailure(
          isTimeout(error)
            ? { message: `no response within ${timeoutMs} ms` }
            : error,
        ),
        message: scrub(
          `Could not get a service-account token for ${describe}: ${describeCause(
            error,
            timeoutMs,
          )}`,
        ),
      });
    }

    const json = parseJsonObject(text);
    if (!response.ok) {
      const oauthError =
        typeof json?.error === 'string' ? json.error : undefined;
      const description =
        typeof json?.error_description === 'string'
          ? json.error_description
          : undefined;
      const detail =
        [oauthError, description].filter(Boolean).join(': ') ||
        truncate(text.trim()) ||
        response.statusText;
      throw new ClientCredentialsTokenError({
        reason:
          response.status >= 400 && response.status < 500
            ? 'rejected'
            : 'unavailable',
        status: response.status,
        tokenUrl: options.tokenUrl,
        detail: scrub(`HTTP ${response.status} ${detail}`),
        message: scrub(
          `The identity provider refused a service-account token for ${describe}: HTTP ${response.status} ${detail}`,
        ),
      });
    }
    const token = json?.access_token;
    if (typeof token !== 'string' || !token) {
      throw new ClientCredentialsTokenError({
        reason: 'unavailable',
        status: response.status,
        tokenUrl: options.tokenUrl,
        detail: 'the answer had no access_token',
        message: `The identity provider answered without an access_token for ${describe}`,
      });
    }
    const lifetimeMs = tokenLifetimeSeconds(json, token, requestedAt) * 1000;
    // Never refresh later than half-way through the lifetime, so short-lived tokens stay usable.
    const refreshInMs = Math.max(lifetimeMs - skewMs, lifetimeMs / 2);
    cached = { token, refreshAt: requestedAt + refreshInMs };
    return token;
  }

  return {
    getToken() {
      if (cached && now() < cached.refreshAt) {
        return Promise.resolve(cached.token);
      }
      if (!inFlight) {
        inFlight = requestToken().finally(() => {
          inFlight = undefined;
        });
      }
      return inFlight;
    },
    invalidate(token) {
      if (cached?.token === token) {
        cached = undefined;
      }
    },
  };
}

function tokenLifetimeSeconds(
  body: Record<string, unknown> | undefined,
  token: string,
  requestedAt: number,
): number {
  const expiresIn = Number(body?.expires_in);
  if (Number.isFinite(expiresIn) && expiresIn > 0) {
    return expiresIn;
  }
  const exp = jwtExpiry(token);
  if (exp !== undefined) {
    return Math.max(0, exp - requestedAt / 1000);
  }
  return FALLBACK_LIFETIME_SECONDS;
}

function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) {
    return undefined;
  }
  const claims = parseJsonObject(
    Buffer.from(payload, 'base64url').toString('utf8'),
  );
  return typeof claims?.exp === 'number' ? claims.exp : undefined;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function truncate(text: string): string {
  return text.length > MAX_ERROR_TEXT
    ? `${text.slice(0, MAX_ERROR_TEXT)}…`
    : text;
}

function describeCause(error: unknown, timeoutMs: number): string {
  // Duck-typed: errors of Node's fetch may come from another realm (e.g. under Jest).
  const record = asRecord(error);
  if (!record || typeof record.message !== 'string') {
    return String(error);
  }
  if (record.name === 'TimeoutError' || record.name === 'AbortError') {
    return `no response within ${timeoutMs} ms`;
  }
  const inner = asRecord(record.cause);
  return inner && typeof inner.message === 'string'
    ? `${record.message}: ${inner.message}`
    : record.message;
}

function isTimeout(error: unknown): boolean {
  const name = asRecord(error)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}
