import { createHash } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { AuthenticationError } from '@backstage/errors';
import type { OpenChoreoClient } from '@openchoreo-ci/openchoreo-client';
import {
  OPENCHOREO_SIGN_IN_REQUIRED,
  USER_TOKENS_CONFIG_KEY,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { OpenChoreoClientService } from './clientService';
import type { OpenChoreoCaller } from './errors';
import { createOpenChoreoCall, type OpenChoreoCall } from './openchoreoCall';

/** The config key of the user-token mode (defined in the common package, read by the frontend too). */
export const USER_TOKENS_KEY = USER_TOKENS_CONFIG_KEY;

/**
 * Reads `openchoreo.auth.userTokens`: `true` when what a person does through the portal must
 * reach OpenChoreo with that person's access token (OpenChoreo's authorization decides), `false`
 * (the default) for installations without user-level OpenChoreo authorization, where the
 * service account acts for everyone. Throws naming the key when it is not a boolean.
 * @public
 */
export function readUserTokensEnabled(config: Config): boolean {
  try {
    return config.getOptionalBoolean(USER_TOKENS_KEY) ?? false;
  } catch {
    throw new Error(
      `${USER_TOKENS_KEY} must be true or false (production: PORTAL_OPENCHOREO_USER_TOKENS)`,
    );
  }
}

/** How one request made by a person reaches OpenChoreo; see {@link createOpenChoreoRequestAccess}. @public */
export interface OpenChoreoRequestAccess {
  /** The client to call OpenChoreo with: the user's token, or the service account. */
  client: OpenChoreoClient;
  /** Whose token the calls carry. */
  caller: OpenChoreoCaller;
  /**
   * Runs a call and maps its failure to a Backstage error; a user's rejected sign-in becomes a
   * 401 whose `code` is `OPENCHOREO_SIGN_IN_REQUIRED`.
   */
  call: OpenChoreoCall;
  /**
   * Whose rights the answers reflect, for caches that must not show one user what only another
   * may see: a hash of the user's token (never the token), or `service-account`.
   */
  partition: string;
}

/** Options of {@link createOpenChoreoRequestAccess}. @public */
export interface OpenChoreoRequestAccessOptions {
  openchoreo: OpenChoreoClientService;
  logger: LoggerService;
  /** `openchoreo.auth.userTokens` (see {@link readUserTokensEnabled}). */
  userTokens: boolean;
}

/**
 * Creates the function that decides how a request made by a person reaches OpenChoreo. With
 * user tokens on it takes the user's OpenChoreo access token (from the request header or the
 * scaffolder task secrets) and throws the sign-in-required 401 when there is none; with user
 * tokens off it always answers the service account and ignores any token.
 * @public
 */
export function createOpenChoreoRequestAccess(
  options: OpenChoreoRequestAccessOptions,
): (userToken: string | undefined) => OpenChoreoRequestAccess {
  const serviceAccount: OpenChoreoRequestAccess = {
    client: options.openchoreo.serviceAccount(),
    caller: 'service-account',
    call: createOpenChoreoCall({ logger: options.logger }),
    partition: 'service-account',
  };
  if (!options.userTokens) {
    return () => serviceAccount;
  }
  const userCall = createOpenChoreoCall({
    logger: options.logger,
    caller: 'user',
  });
  const call: OpenChoreoCall = async (action, run) => {
    try {
      return await userCall(action, run);
    } catch (error) {
      throw markSignInRequired(error);
    }
  };
  return userToken => {
    const token = userToken?.trim();
    if (!token) {
      throw signInRequiredError(
        'The portal calls OpenChoreo as you, but this request carried no OpenChoreo sign-in. Sign in again with OpenChoreo.',
      );
    }
    return {
      client: options.openchoreo.forUser(token),
      caller: 'user',
      call,
      partition: `user:${createHash('sha256')
        .update(token)
        .digest('hex')
        .slice(0, 32)}`,
    };
  };
}

/**
 * An `AuthenticationError` (401) with `code: OPENCHOREO_SIGN_IN_REQUIRED`, which the frontend
 * turns into a "Sign in again" prompt.
 * @public
 */
export function signInRequiredError(message: string): AuthenticationError {
  return markSignInRequired(new AuthenticationError(message));
}

function markSignInRequired<E>(error: E): E {
  if (error instanceof AuthenticationError) {
    Object.assign(error, { code: OPENCHOREO_SIGN_IN_REQUIRED });
  }
  return error;
}
