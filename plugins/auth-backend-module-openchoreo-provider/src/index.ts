/**
 * Sign-in through OpenChoreo's identity provider for Backstage's auth backend: the OIDC
 * provider `openchoreo` with a sign-in resolver that maps the identity provider's users and
 * groups to Backstage identities, and a start-up check of the identity provider.
 *
 * @packageDocumentation
 */
export { authModuleOpenChoreoProvider as default } from './module';
export { authModuleOpenChoreoProvider } from './module';
export { openchoreoSignInResolver, groupRefsOf } from './signInResolver';
export { readIdentityClaims, toEntityName } from './claims';
export type { IdentityClaims } from './claims';
export { checkIdentityProvider, discoveryUrlOf } from './identityProviderCheck';
export type {
  IdentityProviderCheckOptions,
  IdentityProviderFacts,
} from './identityProviderCheck';
export {
  OPENCHOREO_PROVIDER_ID,
  PROVIDER_SETTINGS,
  SignInSettingError,
  readOpenChoreoSignInSettings,
  readSignInProvider,
} from './settings';
export type { OpenChoreoSignInSettings, SignInProvider } from './settings';
