export { startIdentityProvider } from './startIdentityProvider';
export type {
  IdentityProvider,
  IdentityProviderOptions,
} from './startIdentityProvider';
export type { IdpClientCredentials, IdpUser } from './seed';
export type { SigningKey } from './signingKey';
