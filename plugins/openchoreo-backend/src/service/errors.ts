import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  isOpenChoreoApiError,
  isOpenChoreoUnavailableError,
} from '@openchoreo-ci/openchoreo-client';
import { ClientCredentialsTokenError } from '@openchoreo-ci/plugin-openchoreo-node';

// Anything that looks like a JWT or a bearer credential is cut from messages.
const JWT_PATTERN = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const BEARER_PATTERN = /(Bearer\s+)[^\s"',;]+/gi;

/** Removes tokens from a message that is about to leave the backend. */
export function redactSecrets(message: string): string {
  return message
    .replace(JWT_PATTERN, '[redacted token]')
    .replace(BEARER_PATTERN, '$1[redacted]');
}

/**
 * Translates a failure of an OpenChoreo call into the matching `@backstage/errors` error,
 * keeping the upstream message. `action` says what the portal tried, e.g.
 * `read component "default/api"`, and is used in the messages.
 */
export function toBackstageError(
  error: unknown,
  action: string,
  baseUrl: string,
): Error {
  if (error instanceof ClientCredentialsTokenError) {
    if (error.reason === 'rejected') {
      return new NotAllowedError(
        redactSecrets(
          `The portal's service account is not allowed to ${action}: it could not sign in to the identity provider. ${error.message}. Check openchoreo.auth.clientId and openchoreo.auth.clientSecret.`,
        ),
      );
    }
    return new ServiceUnavailableError(
      redactSecrets(
        `Could not ${action}: the OpenChoreo identity provider at ${error.tokenUrl} is unavailable. ${error.message}`,
      ),
    );
  }
  if (isOpenChoreoUnavailableError(error)) {
    return new ServiceUnavailableError(
      redactSecrets(
        `Could not ${action}: OpenChoreo at ${baseUrl} is unavailable (${error.message})`,
      ),
    );
  }
  if (isOpenChoreoApiError(error)) {
    const upstream = redactSecrets(error.message);
    const details = error.details
      ?.map(d => [d.field, d.message].filter(Boolean).join(': '))
      .filter(Boolean)
      .join('; ');
    const full = details ? `${upstream} (${details})` : upstream;
    switch (error.status) {
      case 400:
      case 422:
        return new InputError(`Could not ${action}: ${full}`);
      case 401:
      case 403:
        return new NotAllowedError(
          `The portal's service account is not allowed to ${action}: OpenChoreo answered ${error.status} ${error.code}: ${upstream}`,
        );
      case 404:
        return new NotFoundError(`Could not ${action}: ${full}`);
      case 409:
        return new ConflictError(`Could not ${action}: ${full}`);
      case 502:
      case 503:
      case 504:
        return new ServiceUnavailableError(
          `Could not ${action}: OpenChoreo at ${baseUrl} answered ${error.status}: ${upstream}`,
        );
      default:
        return new Error(
          `Could not ${action}: OpenChoreo answered ${error.status} ${error.code}: ${upstream}`,
        );
    }
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Calls OpenChoreo and rethrows any failure as a Backstage error (see {@link toBackstageError}). */
export type OpenChoreoCall = <T>(
  action: string,
  call: () => Promise<T>,
) => Promise<T>;

/** Creates an {@link OpenChoreoCall} for the API at `baseUrl`. */
export function createOpenChoreoCall(baseUrl: string): OpenChoreoCall {
  return async (action, call) => {
    try {
      return await call();
    } catch (error) {
      throw toBackstageError(error, action, baseUrl);
    }
  };
}
