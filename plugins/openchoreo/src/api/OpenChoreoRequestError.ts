import { ResponseError } from '@backstage/errors';

/**
 * A failed call to the OpenChoreo backend plugin. `message` is the backend's own message (what
 * the user needs to act), `statusCode` lets the UI tell a conflict (409), a denial (403) or a
 * missing resource (404) from an outage; `cause` is Backstage's `ResponseError` with the rest.
 */
export class OpenChoreoRequestError extends Error {
  readonly statusCode: number;

  constructor(message: string, statusCode: number, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OpenChoreoRequestError';
    this.statusCode = statusCode;
  }

  /** Reads a failed response (consuming its body) into an error with its status and message. */
  static async fromResponse(
    response: Response,
  ): Promise<OpenChoreoRequestError> {
    const error = await ResponseError.fromResponse(response);
    return new OpenChoreoRequestError(
      error.body.error?.message || error.message,
      error.statusCode,
      { cause: error },
    );
  }
}

/** True when `error` is an {@link OpenChoreoRequestError} with the given HTTP status. */
export function isOpenChoreoRequestError(
  error: unknown,
  statusCode: number,
): error is OpenChoreoRequestError {
  return (
    error instanceof OpenChoreoRequestError && error.statusCode === statusCode
  );
}
