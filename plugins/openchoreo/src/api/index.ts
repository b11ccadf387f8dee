export { openchoreoApiRef } from './OpenChoreoApi';
export type {
  OpenChoreoApi,
  ComponentRef,
  ComponentTypeRef,
  WorkflowRunRef,
} from './OpenChoreoApi';
export { OpenChoreoClient } from './OpenChoreoClient';
export {
  createOpenChoreoAuth,
  createUserTokenSource,
  OPENCHOREO_AUTH_PROVIDER,
  openchoreoAuthApiRef,
} from './OpenChoreoAuthApi';
export type { OpenChoreoAuthApi } from './OpenChoreoAuthApi';
export {
  OpenChoreoRequestError,
  isOpenChoreoRequestError,
  isSignInRequired,
} from './OpenChoreoRequestError';
