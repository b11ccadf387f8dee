/**
 * Typed client for the OpenChoreo v1 API.
 *
 * @packageDocumentation
 */
export type {
  paths as OpenChoreoPaths,
  components as OpenChoreoComponents,
  operations as OpenChoreoOperations,
} from './generated/openchoreo-api';
export {
  createOpenChoreoClient,
  DEFAULT_OPENCHOREO_TIMEOUT_MS,
} from './client';
export type { OpenChoreoClient, OpenChoreoClientOptions } from './client';
export {
  OpenChoreoApiError,
  OpenChoreoPaginationError,
  OpenChoreoUnavailableError,
  isOpenChoreoApiError,
  isOpenChoreoUnavailableError,
} from './errors';
export type { OpenChoreoErrorDetail } from './errors';
export { collectAllPages } from './pagination';
export { apiV1Url, normalizeBaseUrl } from './transport';
export type { Page } from './pagination';
export type {
  ClusterComponentTypesClient,
  ComponentTypesClient,
} from './resources/componentTypes';
export type { ComponentsClient } from './resources/components';
export type { NamespacesClient } from './resources/namespaces';
export type { ProjectsClient } from './resources/projects';
export type {
  ClusterWorkflowsClient,
  WorkflowsClient,
} from './resources/workflows';
export type { WorkflowRunsClient } from './resources/workflowRuns';
export type { WorkloadsClient } from './resources/workloads';
export type { AuthzClient } from './resources/authz';
export type { EnvironmentsClient } from './resources/environments';
export type { DeploymentPipelinesClient } from './resources/deploymentPipelines';
export type { ComponentReleasesClient } from './resources/componentReleases';
export type { ReleaseBindingsClient } from './resources/releaseBindings';
export type { PlanesClient } from './resources/planes';
export { OBSERVER_MAX_LIMIT } from './observer';
export type {
  ObserverClient,
  ObserverWorkflowSearchScope,
  ObserverLogsQuery,
  ObserverLogsResponse,
  ObserverWorkflowLogEntry,
  ObserverEventsQuery,
  ObserverEventsResponse,
  ObserverEventEntry,
} from './observer';
export type {
  ObjectMeta,
  Condition,
  Pagination,
  ErrorResponse,
  Namespace,
  NamespaceList,
  Project,
  ProjectList,
  Component,
  ComponentSpec,
  ComponentList,
  Workload,
  WorkloadSpec,
  WorkloadContainer,
  WorkloadEndpoint,
  WorkloadList,
  ComponentType,
  ComponentTypeList,
  ClusterComponentType,
  ClusterComponentTypeList,
  Workflow,
  WorkflowList,
  ClusterWorkflow,
  ClusterWorkflowList,
  ParameterSchema,
  WorkflowRun,
  WorkflowRunSpec,
  WorkflowRunStatus,
  WorkflowRunStatusSummary,
  WorkflowRunPhase,
  WorkflowStepStatus,
  WorkflowRunLogEntry,
  WorkflowRunEventEntry,
  WorkflowRunList,
  ListQuery,
  ListComponentsQuery,
  ListWorkloadsQuery,
  ListWorkflowRunsQuery,
  ListAllQuery,
  WorkflowRunLogsQuery,
  WorkflowRunEventsQuery,
  AuthzEvaluateRequest,
  AuthzDecision,
  ComponentRelease,
  ComponentReleaseList,
  ReleaseBinding,
  ReleaseBindingList,
  Environment,
  EnvironmentList,
  DeploymentPipeline,
  DeploymentPipelineList,
  ListComponentReleasesQuery,
  ListReleaseBindingsQuery,
  WorkflowPlane,
  ClusterWorkflowPlane,
  ObservabilityPlane,
  ClusterObservabilityPlane,
} from './types';
