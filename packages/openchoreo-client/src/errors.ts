import type { ErrorResponse } from './types';

/** Field-level validation details some handler errors carry. @public */
export type OpenChoreoErrorDetail = NonNullable<
  ErrorResponse['details']
>[number];

/**
 * The OpenChoreo API answered with a non-2xx status. `message` is the upstream message as is.
 * @public
 */
export class OpenChoreoApiError extends Error {
  override readonly name = 'OpenChoreoApiError';
  /** HTTP status of the response. */
  readonly status: number;
  /** Upstream error code, e.g. `NOT_FOUND`, `CONFLICT`, `INVALID_TOKEN`. */
  readonly code: string;
  /** HTTP method of the failed request. */
  readonly method: string;
  /** Full URL of the failed request. */
  readonly url: string;
  /** Field-level details, when the handler sent any. */
  readonly details?: OpenChoreoErrorDetail[];

  constructor(options: {
    status: number;
    code: string;
    message: string;
    method: string;
    url: string;
    details?: OpenChoreoErrorDetail[];
  }) {
    super(options.message);
    this.status = options.status;
    this.code = options.code;
    this.method = options.method;
    this.url = options.url;
    this.details = options.details;
  }
}

/**
 * The OpenChoreo API could not be reached: connection failure or no answer within the timeout.
 * @public
 */
export class OpenChoreoUnavailableError extends Error {
  override readonly name = 'OpenChoreoUnavailableError';
  /** `timeout` when the deadline passed, `network` for connection-level failures. */
  readonly reason: 'timeout' | 'network';
  /** HTTP method of the failed request. */
  readonly method: string;
  /** Full URL of the failed request. */
  readonly url: string;

  constructor(options: {
    reason: 'timeout' | 'network';
    method: string;
    url: string;
    timeoutMs: number;
    cause: unknown;
  }) {
    const what =
      options.reason === 'timeout'
        ? `no response within ${options.timeoutMs} ms`
        : describeCause(options.cause);
    super(
      `OpenChoreo API unavailable: ${options.method} ${options.url}: ${what}`,
      {
        cause: options.cause,
      },
    );
    this.reason = options.reason;
    this.method = options.method;
    this.url = options.url;
  }
}

/**
 * A list endpoint handed back a cursor it had already returned; following it would loop forever.
 * @public
 */
export class OpenChoreoPaginationError extends Error {
  override readonly name = 'OpenChoreoPaginationError';
  /** The repeated cursor. */
  readonly cursor: string;

  constructor(what: string, cursor: string) {
    super(
      `OpenChoreo API returned the pagination cursor "${cursor}" twice while listing ${what}; stopped to avoid an endless loop`,
    );
    this.cursor = cursor;
  }
}

/**
 * True if `error` is an {@link OpenChoreoApiError}, optionally with the given HTTP status.
 * @public
 */
export function isOpenChoreoApiError(
  error: unknown,
  status?: number,
): error is OpenChoreoApiError {
  return (
    error instanceof OpenChoreoApiError &&
    (status === undefined || error.status === status)
  );
}

/** True if `error` is an {@link OpenChoreoUnavailableError}. @public */
export function isOpenChoreoUnavailableError(
  error: unknown,
): error is OpenChoreoUnavailableError {
  return error instanceof OpenChoreoUnavailableError;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'UNPROCESSABLE_CONTENT',
  500: 'INTERNAL_ERROR',
  501: 'NOT_IMPLEMENTED',
};

// Proxies in front of the API may answer with whole HTML pages; keep messages readable.
const MAX_TEXT_MESSAGE_LENGTH = 500;

/**
 * Turns a failed response into an {@link OpenChoreoApiError}. Understands the handler shape
 * `{error: message, code}`, the JWT middleware shape `{error: code, message}` and plain text.
 */
export function toOpenChoreoApiError(request: {
  method: string;
  url: string;
  status: number;
  statusText: string;
  bodyText: string;
}): OpenChoreoApiError {
  const { method, url, status } = request;
  const fallbackCode = CODE_BY_STATUS[status] ?? `HTTP_${status}`;
  const body = parseJsonObject(request.bodyText);

  if (body && typeof body.error === 'string' && typeof body.code === 'string') {
    return new OpenChoreoApiError({
      status,
      code: body.code,
      message: body.error,
      method,
      url,
      details: parseDetails(body.details),
    });
  }
  if (
    body &&
    typeof body.error === 'string' &&
    typeof body.message === 'string'
  ) {
    return new OpenChoreoApiError({
      status,
      code: body.error,
      message: body.message,
      method,
      url,
    });
  }

  // The Observer's errors: `{title, errorCode, message}` (observer-api.yaml ErrorResponse).
  if (body && typeof body.title === 'string') {
    return new OpenChoreoApiError({
      status,
      code:
        typeof body.errorCode === 'string' && body.errorCode
          ? body.errorCode
          : fallbackCode,
      message:
        typeof body.message === 'string' && body.message
          ? body.message
          : body.title,
      method,
      url,
    });
  }

  const text = request.bodyText.trim();
  const message = text
    ? truncate(text, MAX_TEXT_MESSAGE_LENGTH)
    : `${status} ${request.statusText}`.trim();
  return new OpenChoreoApiError({
    status,
    code: fallbackCode,
    message,
    method,
    url,
  });
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseDetails(value: unknown): OpenChoreoErrorDetail[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  return value.flatMap((entry: unknown) => {
    if (!isRecord(entry)) {
      return [];
    }
    const { field, message } = entry;
    return [
      {
        field: typeof field === 'string' ? field : undefined,
        message: typeof message === 'string' ? message : undefined,
      },
    ];
  });
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function describeCause(cause: unknown): string {
  // Duck-typed rather than instanceof: errors from Node's fetch may come from another realm.
  if (!isRecord(cause) || typeof cause.message !== 'string') {
    return String(cause);
  }
  // Node's fetch reports "fetch failed" and puts the useful part (ECONNREFUSED, ...) in `cause`.
  const inner = cause.cause;
  return isRecord(inner) && typeof inner.message === 'string'
    ? `${cause.message}: ${inner.message}`
    : cause.message;
}
