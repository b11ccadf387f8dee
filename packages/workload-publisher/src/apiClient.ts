import { apiV1Url } from '@openchoreo-ci/openchoreo-client';
import { badInput, ExitCode, PublishError } from './errors';
import { withRetries, type AttemptOutcome, type RetryPolicy } from './retry';

/** Where and as whom the publisher talks to OpenChoreo. */
export interface ApiClientOptions {
  /** The API's root URL; a trailing `/api/v1` (the Helm chart's default) is tolerated. */
  apiUrl: string;
  /** The identity provider's OAuth2 token endpoint. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  retry: RetryPolicy;
  /** One line per step. */
  log: (line: string) => void;
  fetch?: typeof fetch;
}

/** An API answer that was not a connection failure, 429 or 5xx. */
export interface ApiResponse {
  status: number;
  /** The parsed JSON body, or undefined when it is not JSON. */
  json: unknown;
  /** The body as text, for error messages. */
  text: string;
}

/**
 * The two HTTP partners of a run: the identity provider (one client-credentials token per run,
 * fetched again once when the API answers 401) and the OpenChoreo API (with retries on
 * connection errors, 429 and 5xx).
 */
export class ApiClient {
  private token?: string;
  private refreshed = false;
  private readonly fetchFn: typeof fetch;
  readonly apiRoot: string;

  constructor(private readonly options: ApiClientOptions) {
    this.fetchFn = options.fetch ?? fetch;
    try {
      this.apiRoot = apiV1Url(options.apiUrl);
    } catch (error) {
      // The client's own check of the URL: a bad --api-url is the caller's input.
      if (error instanceof TypeError) {
        throw badInput(`${error.message} (--api-url or OPENCHOREO_API_URL).`);
      }
      throw error;
    }
  }

  /** Sends one API request (path below `/api/v1`), with the run's token. */
  async request(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
  ): Promise<ApiResponse> {
    this.token ??= await this.fetchToken();
    let response = await this.send(method, path, body);
    if (response.status === 401 && !this.refreshed) {
      // The token may have expired during a long pipeline: fetch a new one, once per run.
      this.refreshed = true;
      this.options.log(
        `${method} ${this.apiRoot}${path}: 401, the token was rejected; requesting a new one`,
      );
      this.token = await this.fetchToken();
      response = await this.send(method, path, body);
    }
    return response;
  }

  private async send(method: string, path: string, body: unknown) {
    const url = `${this.apiRoot}${path}`;
    const { outcome, attempts } = await this.withRetries(
      `${method} ${url}`,
      () =>
        this.fetchFn(url, {
          method,
          headers: {
            authorization: `Bearer ${this.token}`,
            accept: 'application/json',
            ...(body === undefined
              ? {}
              : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.options.retry.requestTimeoutMs),
        }),
    );
    if (outcome.error) {
      throw new PublishError(
        `Cannot reach the OpenChoreo API at ${
          this.apiRoot
        } (${describeConnectionError(
          outcome.error,
        )}, ${attempts} attempt(s)): the API URL is not reachable from the CI runner. ` +
          'Check OPENCHOREO_API_URL (--api-url) and that firewalls let the runner reach the API.',
        ExitCode.Unavailable,
      );
    }
    const response = await readResponse(outcome.response);
    if (response.status === 429 || response.status >= 500) {
      throw new PublishError(
        `${method} ${url} answered ${response.status} ${summarizeBody(
          response,
        )} after ${attempts} attempt(s): OpenChoreo is unavailable, try again later.`,
        ExitCode.Unavailable,
      );
    }
    return response;
  }

  private async fetchToken(): Promise<string> {
    const { tokenUrl, clientId, clientSecret } = this.options;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    const { outcome, attempts } = await this.withRetries(
      `POST ${tokenUrl}`,
      () =>
        this.fetchFn(tokenUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: form.toString(),
          signal: AbortSignal.timeout(this.options.retry.requestTimeoutMs),
        }),
    );
    if (outcome.error) {
      throw new PublishError(
        `Cannot reach the token URL ${tokenUrl} (${describeConnectionError(
          outcome.error,
        )}, ${attempts} attempt(s)): the identity provider is not reachable from the CI runner. ` +
          'Check OPENCHOREO_TOKEN_URL (--token-url).',
        ExitCode.Unavailable,
      );
    }
    const response = await readResponse(outcome.response);
    if (response.status === 429 || response.status >= 500) {
      throw new PublishError(
        `The token URL ${tokenUrl} answered ${response.status} after ${attempts} attempt(s): ` +
          'the identity provider is unavailable, try again later.',
        ExitCode.Unavailable,
      );
    }
    if (response.status !== 200) {
      throw new PublishError(
        `The identity provider at ${tokenUrl} refused the client credentials of client "${clientId}" ` +
          `(${response.status} ${summarizeBody(
            response,
          )}): check OPENCHOREO_CLIENT_ID and ` +
          'OPENCHOREO_CLIENT_SECRET (the OAuth2 application created for External CI) and the token URL.',
        ExitCode.Auth,
      );
    }
    const accessToken = (
      response.json as { access_token?: unknown } | undefined
    )?.access_token;
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw new PublishError(
        `The token URL ${tokenUrl} answered 200 without an access_token: is it the IdP's OAuth2 token endpoint (…/oauth2/token)?`,
        ExitCode.Auth,
      );
    }
    this.options.log(`Token: obtained from ${tokenUrl} for client ${clientId}`);
    return accessToken;
  }

  private withRetries(what: string, attempt: () => Promise<Response>) {
    return withRetries(
      attempt,
      this.options.retry,
      (outcome: AttemptOutcome, delayMs, next) =>
        this.options.log(
          `${what}: ${
            outcome.error
              ? describeConnectionError(outcome.error)
              : outcome.response.status
          }; retrying in ${delayMs} ms (attempt ${next} of ${
            this.options.retry.maxAttempts
          })`,
        ),
    );
  }
}

async function readResponse(response: Response): Promise<ApiResponse> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

/** The server's error in one short phrase: `{error, code}`, `{error, message}` or plain text. */
export function summarizeBody(response: ApiResponse): string {
  const body = response.json as
    | {
        error?: unknown;
        message?: unknown;
        code?: unknown;
        error_description?: unknown;
      }
    | undefined;
  if (body && typeof body === 'object') {
    const parts = [body.code, body.error, body.message, body.error_description]
      .filter(part => typeof part === 'string' && part !== '')
      .map(String);
    if (parts.length > 0) return `(${[...new Set(parts)].join(': ')})`;
  }
  const text = response.text.trim().slice(0, 200);
  return text ? `(${text})` : '';
}

/** A connection failure as its system code (ECONNREFUSED, ENOTFOUND...) or "timeout". */
export function describeConnectionError(error: Error): string {
  if (error.name === 'TimeoutError' || error.name === 'AbortError') {
    return 'timeout';
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })
    .cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error.message;
}
