export { openchoreoApiRef } from './OpenChoreoApi';
export type {
  OpenChoreoApi,
  ComponentRef,
  WorkflowRunRef,
} from './OpenChoreoApi';
export { OpenChoreoClient, OpenChoreoRequestError } from './OpenChoreoClient';
