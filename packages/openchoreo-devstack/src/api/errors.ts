import type { ErrorRequestHandler, RequestHandler, Response } from 'express';

/** The machine-readable error codes of the OpenChoreo API (`ErrorResponse.code`). */
export type ApiErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNPROCESSABLE_CONTENT'
  | 'INTERNAL_ERROR';

const STATUS_OF: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE_CONTENT: 422,
  INTERNAL_ERROR: 500,
};

/** An error a handler throws to answer `{"error": message, "code": code}` with the code's status. */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: { field: string; message: string }[],
  ) {
    super(message);
    this.status = STATUS_OF[code];
  }
}

/**
 * An error the real server answers with a plain-text 400 (its request decoding layer, before any
 * handler runs): unparseable JSON bodies and query parameters.
 */
export class PlainTextBadRequest extends Error {}

/** `"<Kind> not found"`, as the real handlers word it. */
export const notFound = (kind: string) =>
  new ApiError('NOT_FOUND', `${kind} not found`);

/** `"<Kind> already exists"`, as the real handlers word it. */
export const conflict = (kind: string) =>
  new ApiError('CONFLICT', `${kind} already exists`);

/** A 400 with the real server's wording for a bad field. */
export const badRequest = (message: string, field?: string) =>
  new ApiError(
    'BAD_REQUEST',
    message,
    field ? [{ field, message }] : undefined,
  );

/** A 422: the body is well-formed but the CRD validation rejects it. */
export const unprocessable = (field: string, message: string) =>
  new ApiError('UNPROCESSABLE_CONTENT', `${field}: ${message}`, [
    { field, message },
  ]);

/** Wraps an async handler so thrown errors reach the error middleware. */
export function asyncHandler(
  handler: (...args: Parameters<RequestHandler>) => Promise<void> | void,
): RequestHandler {
  return (req, res, next) => {
    Promise.resolve()
      .then(() => handler(req, res, next))
      .catch(next);
  };
}

function sendPlainText(res: Response, message: string) {
  res.status(400).type('text/plain').send(`${message}\n`);
}

/** Turns thrown errors into the real server's error bodies (JSON, or plain text for decoding errors). */
export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  if (err instanceof ApiError) {
    res.status(err.status).json({
      error: err.message,
      code: err.code,
      ...(err.details ? { details: err.details } : {}),
    });
    return;
  }
  if (err instanceof PlainTextBadRequest) {
    sendPlainText(res, err.message);
    return;
  }
  // body-parser's errors: malformed JSON is the real server's plain-text 400
  const { status, type } = err as { status?: number; type?: string };
  if (type === 'entity.parse.failed') {
    sendPlainText(res, `can't decode JSON body: ${(err as Error).message}`);
    return;
  }
  if (status && status >= 400 && status < 500) {
    res
      .status(status)
      .type('text/plain')
      .send(`${(err as Error).message}\n`);
    return;
  }
  res
    .status(500)
    .json({ error: 'Internal server error', code: 'INTERNAL_ERROR' });
};
