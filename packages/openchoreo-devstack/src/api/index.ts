/**
 * Local stand-in of the OpenChoreo v1 API, at the real API's paths.
 *
 * @packageDocumentation
 */
export { startOpenChoreoApi } from './server';
export type { OpenChoreoApiOptions, RunningOpenChoreoApi } from './server';
export { createOpenChoreoApiRouter } from './router';
export type { OpenChoreoApiRouterOptions } from './router';
export type { ApiAuthOptions, AuthErrorCode } from './auth';
export { ResourceStore } from './store';
export type { ResourceObject, ResourceKind, StoreEvent } from './store';
export {
  seedStore,
  seedResources,
  JENKINS_JOB_ANNOTATION,
  GITHUB_SLUG_ANNOTATION,
} from './seed';
export { summarizeWorkflowRun } from './workflowRunStatus';
export type { WorkflowRunStatusSummary } from './workflowRunStatus';
