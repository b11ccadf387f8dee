/**
 * Node library of the OpenChoreo portal plugins: the `openchoreo.*` config, the service
 * account's client-credentials tokens and the authenticated OpenChoreo client.
 *
 * @packageDocumentation
 */
export { readOpenChoreoConfig, OpenChoreoConfigError } from './config';
export type { OpenChoreoConfig } from './config';
export {
  createClientCredentialsTokenProvider,
  ClientCredentialsTokenError,
} from './tokenProvider';
export type {
  ClientCredentialsTokenProviderOptions,
  TokenProvider,
} from './tokenProvider';
export { createOpenChoreoServiceClient } from './serviceClient';
export type {
  OpenChoreoServiceClient,
  OpenChoreoServiceClientOptions,
} from './serviceClient';
