/**
 * Node library of the OpenChoreo portal plugins: the `openchoreo.*` config, the OpenChoreo
 * client as a Backstage service (service account and signed-in users) and the one mapping of
 * OpenChoreo failures to Backstage errors.
 *
 * @packageDocumentation
 */
export {
  readOpenChoreoConfig,
  readOpenChoreoFeatures,
  OpenChoreoConfigError,
} from './config';
export type { OpenChoreoConfig, OpenChoreoFeatures } from './config';
export {
  createClientCredentialsTokenProvider,
  ClientCredentialsTokenError,
} from './tokenProvider';
export type {
  ClientCredentialsTokenProviderOptions,
  TokenProvider,
} from './tokenProvider';
export {
  openchoreoClientServiceRef,
  openchoreoClientServiceFactory,
} from './clientServiceRef';
export { createOpenChoreoClientService } from './clientService';
export type {
  OpenChoreoClientService,
  OpenChoreoClientServiceOptions,
} from './clientService';
export {
  toBackstageError,
  describeOpenChoreoError,
  isOpenChoreoOperationalError,
  redactSecrets,
  OpenChoreoFailedError,
} from './errors';
export { withOpenChoreoAbortSignal } from './abortScope';
export type { OpenChoreoCaller, OpenChoreoErrorContext } from './errors';
export { createOpenChoreoCall } from './openchoreoCall';
export type { OpenChoreoCall, OpenChoreoCallOptions } from './openchoreoCall';
export {
  createOpenChoreoRequestAccess,
  readUserTokensEnabled,
  signInRequiredError,
} from './requestAccess';
export type {
  OpenChoreoRequestAccess,
  OpenChoreoRequestAccessOptions,
} from './requestAccess';
