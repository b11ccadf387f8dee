import type { ConfigApi } from '@backstage/frontend-plugin-api';
import { USER_TOKENS_CONFIG_KEY } from '@openchoreo-ci/plugin-openchoreo-common';

/** How this portal signs people in and how it reaches OpenChoreo, from frontend-visible config. */
export interface SignInMode {
  /** Sign in through OpenChoreo's identity provider (`openchoreo.signIn.provider: openchoreo`). */
  openchoreo: boolean;
  /** Offer guest sign-in (`openchoreo.signIn.guest`, or the only option without an IdP). */
  guest: boolean;
  /** The portal calls OpenChoreo with each user's token (`openchoreo.auth.userTokens`). */
  userTokens: boolean;
}

/** Reads {@link SignInMode}; without `openchoreo.signIn` the portal signs in with OpenChoreo only. */
export function readSignInMode(config: ConfigApi): SignInMode {
  const openchoreo =
    (config.getOptionalString('openchoreo.signIn.provider') ?? 'openchoreo') ===
    'openchoreo';
  return {
    openchoreo,
    guest:
      !openchoreo || !!config.getOptionalBoolean('openchoreo.signIn.guest'),
    userTokens: !!config.getOptionalBoolean(USER_TOKENS_CONFIG_KEY),
  };
}

/** One sentence on the sign-in page saying which mode the portal is in. */
export function describeSignInMode(mode: SignInMode): string {
  if (!mode.openchoreo) {
    return "OpenChoreo sign-in is turned off for this portal (OPENCHOREO_FEATURES_AUTH_ENABLED=false): everyone enters as the guest user, and the portal's service account acts in OpenChoreo for everyone.";
  }
  const acts = mode.userTokens
    ? 'The portal then acts in OpenChoreo as you, so OpenChoreo decides what you may see and do.'
    : "The portal's service account acts in OpenChoreo for everyone.";
  const guest = mode.guest
    ? ' Guest is for looking around locally: a guest has no OpenChoreo account, so OpenChoreo data asks for the OpenChoreo sign-in.'
    : '';
  return `Sign in with your OpenChoreo account. ${acts}${guest}`;
}
