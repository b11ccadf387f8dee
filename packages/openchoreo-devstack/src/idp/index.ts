export { startIdentityProvider } from './startIdentityProvider';
export type {
  IdentityProvider,
  IdentityProviderOptions,
} from './startIdentityProvider';
export type { IdpClientCredentials, IdpUser } from './seed';
export type { SigningKey } from './signingKey';
export {
  signInUser,
  clientCredentialsToken,
  IdpBrowser,
  createPkce,
} from './signInUser';
export type { SignInTarget, UserTokens } from './signInUser';
export { defaultPortalRedirectUris } from './seed';
export { signInThroughPortal } from './portalSignIn';
export type { PortalSignInOptions, PortalSignInResult } from './portalSignIn';
