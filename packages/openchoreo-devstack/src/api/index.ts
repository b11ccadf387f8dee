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
export { decide, describeAccess, subjectFromClaims } from './authz/decide';
export type { AuthzDecision, AuthzSubject } from './authz/decide';
export { devstackRoleTable } from './authz/roleTable';
export type {
  AuthzRole,
  AuthzRoleBinding,
  AuthzRoleMapping,
  AuthzRoleTable,
} from './authz/roleTable';
export type { AuthzAction, AuthzHierarchy } from './authz/actions';
