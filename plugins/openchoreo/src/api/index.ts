export { openchoreoApiRef } from './OpenChoreoApi';
export type {
  OpenChoreoApi,
  ComponentRef,
  ComponentTypeRef,
  WorkflowRunRef,
} from './OpenChoreoApi';
export { OpenChoreoClient } from './OpenChoreoClient';
export {
  OpenChoreoRequestError,
  isOpenChoreoRequestError,
} from './OpenChoreoRequestError';
