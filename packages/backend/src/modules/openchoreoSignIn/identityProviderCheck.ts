// The OpenChoreo sign-in is the package @openchoreo-ci/plugin-auth-backend-module-openchoreo-provider;
// this file keeps the identity provider check importable at its former path inside the backend.
export {
  checkIdentityProvider,
  discoveryUrlOf,
  SignInSettingError,
} from '@openchoreo-ci/plugin-auth-backend-module-openchoreo-provider';
export type {
  IdentityProviderCheckOptions,
  IdentityProviderFacts,
  OpenChoreoSignInSettings,
} from '@openchoreo-ci/plugin-auth-backend-module-openchoreo-provider';
