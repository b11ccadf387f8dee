import { ResponseError, type ErrorResponseBody } from '@backstage/errors';
import { OPENCHOREO_SIGN_IN_REQUIRED } from '@openchoreo-ci/plugin-openchoreo-common';

/**
 * A failed call to the OpenChoreo backend plugin. `message` is the backend's own message (what
 * the user needs to act), `statusCode` lets the UI tell a conflict (409), a denial (403) or a
 * missing resource (404) from an outage; `cause` is Backstage's `ResponseError` with the rest.
 */
export class OpenChoreoRequestError extends Error {
  readonly statusCode: number;
  /** The backend's error code, e.g. `OPENCHOREO_SIGN_IN_REQUIRED`. */
  readonly code?: string;

  constructor(
    message: string,
    statusCode: number,
    options?: ErrorOptions & { code?: string },
  ) {
    super(message, options);
    this.name = 'OpenChoreoRequestError';
    this.statusCode = statusCode;
    this.code = options?.code;
  }

  /**
   * This failure in the shape of Backstage's `ResponseError`, which `ResponseErrorPanel` shows
   * with the response status, the request and the server's error: the one it was read from, or
   * (for an error made without a response) one with the same status and message.
   */
  get responseError(): Error {
    if (this.cause instanceof ResponseError) return this.cause;
    const name = this.code ?? 'Error';
    const body: ErrorResponseBody = {
      error: { name, message: this.message },
      response: { statusCode: this.statusCode },
    };
    return Object.assign(new Error(`Request failed with ${this.statusCode}`), {
      name: 'ResponseError',
      statusCode: this.statusCode,
      body,
      cause: Object.assign(new Error(this.message), { name }),
    });
  }

  /** Reads a failed response (consuming its body) into an error with its status and message. */
  static async fromResponse(
    response: Response,
  ): Promise<OpenChoreoRequestError> {
    const other = await notFromBackend(response.clone());
    const error = await ResponseError.fromResponse(response);
    const code = (error.body.error as { code?: unknown } | undefined)?.code;
    return new OpenChoreoRequestError(
      other ?? (error.body.error?.message || error.message),
      error.statusCode,
      { cause: error, ...(typeof code === 'string' ? { code } : {}) },
    );
  }
}

/**
 * The message of a failed answer that is not the error body of Backstage's error handler (a
 * proxy or gateway in front of the backend answered): the status and the answer's text, without
 * HTML markup and cut short (the whole answer stays in the details). `undefined` for the
 * backend's own error body.
 */
async function notFromBackend(response: Response): Promise<string | undefined> {
  let text = '';
  try {
    text = await response.text();
    if (response.headers.get('content-type')?.startsWith('application/json')) {
      const body = JSON.parse(text);
      if (body?.error?.message && body?.response) return undefined;
    }
  } catch {
    // Not JSON (or no body): described below.
  }
  const status = `${response.status}${
    response.statusText ? ` ${response.statusText}` : ''
  }`;
  const said = text
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const excerpt = said.length > 200 ? `${said.slice(0, 200)}…` : said;
  return `The request failed with ${status} from a proxy or gateway in front of the portal's backend${
    excerpt ? ` ("${excerpt}")` : ''
  }. Try again in a moment; if it keeps failing, ask the portal's operators.`;
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

/**
 * True when the backend answered that the user's OpenChoreo sign-in is missing or was not
 * accepted (401 with `OPENCHOREO_SIGN_IN_REQUIRED`): the UI offers "Sign in again".
 */
export function isSignInRequired(
  error: unknown,
): error is OpenChoreoRequestError {
  return (
    isOpenChoreoRequestError(error, 401) &&
    error.code === OPENCHOREO_SIGN_IN_REQUIRED
  );
}
