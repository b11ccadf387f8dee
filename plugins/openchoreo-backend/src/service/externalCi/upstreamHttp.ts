import type { ExternalCiUnavailableReason } from '@openchoreo-ci/plugin-openchoreo-common';

/**
 * Why GitHub or GitLab could not answer, in the words the portal shows: a reason the UI has a
 * state for and a message that says what to do. Never carries the token.
 */
export class ExternalCiUnavailableError extends Error {
  readonly reason: ExternalCiUnavailableReason;
  /** When a rate limit resets (ISO 8601). */
  readonly resetAt?: string;
  /** The upstream HTTP status, when there was one. */
  readonly status?: number;

  constructor(
    reason: ExternalCiUnavailableReason,
    message: string,
    options: { resetAt?: string; status?: number } = {},
  ) {
    super(message);
    this.name = 'ExternalCiUnavailableError';
    this.reason = reason;
    this.resetAt = options.resetAt;
    this.status = options.status;
  }
}

/** An upstream answer, read completely. */
export interface UpstreamResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the body is not JSON, or undefined when empty. */
  body: unknown;
}

/** Default time-out of one call to GitHub or GitLab. */
export const UPSTREAM_TIMEOUT_MS = 10_000;

/**
 * One HTTP call to GitHub or GitLab. A network failure or time-out becomes an `unreachable`
 * {@link ExternalCiUnavailableError} naming `service` and the URL's origin (never the headers).
 */
export async function callUpstream(
  service: string,
  url: string,
  init: { method?: string; headers: Record<string, string> },
  timeoutMs: number = UPSTREAM_TIMEOUT_MS,
): Promise<UpstreamResponse> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { Accept: 'application/json', ...init.headers },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'follow',
    });
  } catch (error) {
    throw new ExternalCiUnavailableError(
      'unreachable',
      `Could not reach ${service} at ${
        new URL(url).origin
      }: ${describeNetworkError(
        error,
        timeoutMs,
      )}. Try again later; if it keeps failing, ask your platform admin to check the portal's ${service} API URL.`,
    );
  }
  const text = await response.text().catch(() => '');
  let body: unknown = undefined;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: response.status, headers: response.headers, body };
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') {
      return `no answer within ${Math.round(timeoutMs / 1000)} s`;
    }
    const cause = (error as { cause?: { code?: string; message?: string } })
      .cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}

/** {@link callUpstream}, and `toError(response)` thrown for any answer but 2xx. */
export async function callUpstreamOk(
  service: string,
  url: string,
  init: { method?: string; headers: Record<string, string> },
  toError: (response: UpstreamResponse) => ExternalCiUnavailableError,
): Promise<UpstreamResponse> {
  const response = await callUpstream(service, url, init);
  if (response.status >= 200 && response.status < 300) return response;
  throw toError(response);
}

/** The `message` of a GitHub or GitLab error body (`{message}` or `{error, error_description}`). */
export function upstreamMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    return body.length > 200 ? undefined : body.trim() || undefined;
  }
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const text = [record.message, record.error_description, record.error].find(
      (value): value is string => typeof value === 'string' && value !== '',
    );
    return text;
  }
  return undefined;
}

/** Seconds since the epoch (`x-ratelimit-reset`) or from now (`retry-after`) as ISO 8601. */
export function resetTimeFromHeaders(
  headers: Headers,
  now: number = Date.now(),
): string | undefined {
  const reset = Number(
    headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset'),
  );
  if (Number.isFinite(reset) && reset > 0) {
    // GitLab's RateLimit-Reset is an epoch too; a small number is "seconds from now".
    const ms = reset > 1e9 ? reset * 1000 : now + reset * 1000;
    return new Date(ms).toISOString();
  }
  const retryAfter = Number(headers.get('retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter >= 0) {
    return new Date(now + retryAfter * 1000).toISOString();
  }
  return undefined;
}
