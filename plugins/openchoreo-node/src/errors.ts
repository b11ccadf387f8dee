import {
  AuthenticationError,
  ConflictError,
  CustomErrorBase,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
  stringifyError,
} from '@backstage/errors';
import {
  isOpenChoreoApiError,
  isOpenChoreoUnavailableError,
  type OpenChoreoApiError,
} from '@openchoreo-ci/openchoreo-client';
import { describeNetworkFailure } from './networkFailure';
import { ClientCredentialsTokenError } from './tokenProvider';

/**
 * Whose token a failed OpenChoreo call carried: the portal's service account (background work)
 * or the signed-in user. Decides who a 401/403 is about and what to do about it.
 * @public
 */
export type OpenChoreoCaller = 'service-account' | 'user';

/** What a failed OpenChoreo call was for; see {@link toBackstageError}. @public */
export interface OpenChoreoErrorContext {
  /** What the portal tried, phrased to follow "Could not", e.g. `read component "default/api"`. */
  action: string;
  /** Whose token the call carried; defaults to `service-account`. */
  caller?: OpenChoreoCaller;
}

/**
 * OpenChoreo answered with a server error (500 and other 5xx that do not mean "unavailable"):
 * the portal reports it as a bad gateway (502), since the failure is upstream, not in the portal.
 * @public
 */
export class OpenChoreoFailedError extends CustomErrorBase {
  override name = 'OpenChoreoFailedError' as const;
  /** The HTTP status Backstage's error handler answers with. */
  readonly statusCode = 502;
}

// Anything that looks like a JWT or a bearer credential is cut from messages.
const JWT_PATTERN = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const BEARER_PATTERN = /(Bearer\s+)[^\s"',;]+/gi;

/** Removes tokens (JWTs, bearer credentials) from a message about to leave the backend. @public */
export function redactSecrets(message: string): string {
  return message
    .replace(JWT_PATTERN, '[redacted token]')
    .replace(BEARER_PATTERN, '$1[redacted]');
}

/**
 * Translates a failure of an OpenChoreo call into the matching `@backstage/errors` error: what
 * was refused, OpenChoreo's reason, and what to do. Messages never contain tokens, secrets or
 * the address of the OpenChoreo API or identity provider (see {@link describeOpenChoreoError}
 * for the log line with the address). Errors that are not OpenChoreo failures are returned as is.
 * @public
 */
export function toBackstageError(
  error: unknown,
  context: OpenChoreoErrorContext,
): Error {
  const { action } = context;
  if (error instanceof ClientCredentialsTokenError) {
    return error.reason === 'rejected'
      ? new NotAllowedError(
          redactSecrets(
            `The portal's service account is not allowed to ${action}: the identity provider refused its credentials (${error.detail}). An administrator must check openchoreo.auth.clientId and openchoreo.auth.clientSecret.`,
          ),
        )
      : new ServiceUnavailableError(
          redactSecrets(
            `Could not ${action}: the identity provider that issues the portal's OpenChoreo tokens is unavailable (${error.detail}). Try again later; if this persists, an administrator should check openchoreo.auth.tokenUrl.`,
          ),
        );
  }
  if (isOpenChoreoUnavailableError(error)) {
    return new ServiceUnavailableError(
      `Could not ${action}: OpenChoreo is unavailable (${describeNetworkFailure(
        error,
      )}). Try again later; if this persists, an administrator should check openchoreo.baseUrl.`,
    );
  }
  if (isOpenChoreoApiError(error)) {
    return fromApiError(error, action, context.caller ?? 'service-account');
  }
  return error instanceof Error ? error : new Error(String(error));
}

function fromApiError(
  error: OpenChoreoApiError,
  action: string,
  caller: OpenChoreoCaller,
): Error {
  const upstream = redactSecrets(error.message);
  const details = error.details
    ?.map(d => [d.field, d.message].filter(Boolean).join(': '))
    .filter(Boolean)
    .join('; ');
  const full = details ? `${upstream} (${redactSecrets(details)})` : upstream;
  const answer = `${error.status} ${error.code}: ${upstream}`;
  switch (error.status) {
    case 400:
    case 422:
      return new InputError(`Could not ${action}: ${full}`);
    case 401:
      return caller === 'user'
        ? new AuthenticationError(
            `Could not ${action}: OpenChoreo did not accept your sign-in (${answer}). Sign in again.`,
          )
        : new NotAllowedError(
            `The portal's service account is not allowed to ${action}: OpenChoreo did not accept its token (${answer}). An administrator must check that OpenChoreo trusts the service account's client (openchoreo.auth.clientId).`,
          );
    case 403:
      return caller === 'user'
        ? new NotAllowedError(
            `OpenChoreo does not allow you to ${action} (${answer}). Ask a platform engineer for access.`,
          )
        : new NotAllowedError(
            `The portal's service account is not allowed to ${action}: OpenChoreo refused it (${answer}). An administrator must grant the service account's client (openchoreo.auth.clientId) this permission in OpenChoreo.`,
          );
    case 404:
      return new NotFoundError(`Could not ${action}: ${full}`);
    case 409:
      return new ConflictError(
        `Could not ${action}: OpenChoreo reports a conflict (${full}). Reload to see the current state, then try again.`,
      );
    case 502:
    case 503:
    case 504:
      return new ServiceUnavailableError(
        `Could not ${action}: OpenChoreo is unavailable (answered ${error.status}: ${upstream}). Try again later.`,
      );
    default:
      return error.status >= 500
        ? new OpenChoreoFailedError(
            `Could not ${action}: OpenChoreo failed (answered ${answer}). Try again later; if it keeps failing, an administrator should check OpenChoreo's logs.`,
          )
        : new Error(`Could not ${action}: OpenChoreo answered ${answer}`);
  }
}

/**
 * The log line of a failed OpenChoreo call: the message of {@link toBackstageError} plus the
 * request that failed (method and URL, or the token endpoint), for administrators. Never
 * contains a token or secret.
 * @public
 */
export function describeOpenChoreoError(
  error: unknown,
  context: OpenChoreoErrorContext,
): string {
  const where = failedRequest(error);
  if (!where) {
    return redactSecrets(stringifyError(error));
  }
  const message = toBackstageError(error, context).message;
  return redactSecrets(`${message} [${where}]`);
}

/**
 * True when a failure needs an administrator rather than the user: OpenChoreo or the identity
 * provider unavailable or failing, or the service account refused.
 * @public
 */
export function isOpenChoreoOperationalError(
  error: unknown,
  caller: OpenChoreoCaller = 'service-account',
): boolean {
  if (
    error instanceof ClientCredentialsTokenError ||
    isOpenChoreoUnavailableError(error)
  ) {
    return true;
  }
  if (!isOpenChoreoApiError(error)) {
    return false;
  }
  if (error.status === 401 || error.status === 403) {
    return caller === 'service-account';
  }
  return error.status >= 500;
}

function failedRequest(error: unknown): string | undefined {
  if (error instanceof ClientCredentialsTokenError) {
    return `token endpoint ${error.tokenUrl}`;
  }
  if (isOpenChoreoUnavailableError(error)) {
    return error.message;
  }
  if (isOpenChoreoApiError(error)) {
    return `${error.method} ${error.url} answered ${error.status} ${error.code}`;
  }
  return undefined;
}
