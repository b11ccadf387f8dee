import { AuthzClient, createAuthzClient } from './resources/authz';
import {
  ClusterComponentTypesClient,
  ComponentTypesClient,
  createClusterComponentTypesClient,
  createComponentTypesClient,
} from './resources/componentTypes';
import {
  ComponentsClient,
  createComponentsClient,
} from './resources/components';
import {
  createNamespacesClient,
  NamespacesClient,
} from './resources/namespaces';
import {
  ComponentReleasesClient,
  createComponentReleasesClient,
} from './resources/componentReleases';
import {
  createDeploymentPipelinesClient,
  DeploymentPipelinesClient,
} from './resources/deploymentPipelines';
import {
  createEnvironmentsClient,
  EnvironmentsClient,
} from './resources/environments';
import { createProjectsClient, ProjectsClient } from './resources/projects';
import {
  createReleaseBindingsClient,
  ReleaseBindingsClient,
} from './resources/releaseBindings';
import {
  ClusterWorkflowsClient,
  createClusterWorkflowsClient,
  createWorkflowsClient,
  WorkflowsClient,
} from './resources/workflows';
import {
  createWorkflowRunsClient,
  WorkflowRunsClient,
} from './resources/workflowRuns';
import { createWorkloadsClient, WorkloadsClient } from './resources/workloads';
import { createPlanesClient, PlanesClient } from './resources/planes';
import { createObserverClient, ObserverClient } from './observer';
import { createHttp } from './transport';

/** Default deadline for one request, response body included. @public */
export const DEFAULT_OPENCHOREO_TIMEOUT_MS = 30_000;

/** Options of {@link createOpenChoreoClient}. @public */
export interface OpenChoreoClientOptions {
  /**
   * API root, e.g. `https://api.openchoreo.example.com`. A trailing `/api/v1` (the upstream
   * Helm chart's default) is accepted and stripped.
   */
  baseUrl: string;
  /**
   * Called before every request; a returned token is sent as `Authorization: Bearer <token>`.
   * Plug in client-credentials tokens or the signed-in user's token here.
   */
  getToken: () => Promise<string | undefined>;
  /** Fetch implementation; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Deadline per request in milliseconds; defaults to {@link DEFAULT_OPENCHOREO_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/** Typed client for the parts of the OpenChoreo v1 API the portal uses, grouped by resource. @public */
export interface OpenChoreoClient {
  namespaces: NamespacesClient;
  projects: ProjectsClient;
  components: ComponentsClient;
  workloads: WorkloadsClient;
  componentTypes: ComponentTypesClient;
  clusterComponentTypes: ClusterComponentTypesClient;
  workflows: WorkflowsClient;
  clusterWorkflows: ClusterWorkflowsClient;
  workflowRuns: WorkflowRunsClient;
  authz: AuthzClient;
  environments: EnvironmentsClient;
  deploymentPipelines: DeploymentPipelinesClient;
  componentReleases: ComponentReleasesClient;
  releaseBindings: ReleaseBindingsClient;
  /** Workflow and observability planes (where builds run, where their logs are kept). */
  planes: PlanesClient;
  /** A client of the Observer at `observerUrl` (a plane's `observerURL`), with the same token. */
  observer(observerUrl: string): ObserverClient;
}

/**
 * Creates an {@link OpenChoreoClient}. Failed calls reject with `OpenChoreoApiError` (the API
 * answered with an error) or `OpenChoreoUnavailableError` (it could not be reached in time).
 * @public
 */
export function createOpenChoreoClient(
  options: OpenChoreoClientOptions,
): OpenChoreoClient {
  const http = createHttp({
    baseUrl: options.baseUrl,
    getToken: options.getToken,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_OPENCHOREO_TIMEOUT_MS,
  });
  return {
    namespaces: createNamespacesClient(http),
    projects: createProjectsClient(http),
    components: createComponentsClient(http),
    workloads: createWorkloadsClient(http),
    componentTypes: createComponentTypesClient(http),
    clusterComponentTypes: createClusterComponentTypesClient(http),
    workflows: createWorkflowsClient(http),
    clusterWorkflows: createClusterWorkflowsClient(http),
    workflowRuns: createWorkflowRunsClient(http),
    authz: createAuthzClient(http),
    environments: createEnvironmentsClient(http),
    deploymentPipelines: createDeploymentPipelinesClient(http),
    componentReleases: createComponentReleasesClient(http),
    releaseBindings: createReleaseBindingsClient(http),
    planes: createPlanesClient(http),
    observer: observerUrl =>
      createObserverClient({
        baseUrl: observerUrl,
        getToken: options.getToken,
        fetch: options.fetch,
        timeoutMs: options.timeoutMs ?? DEFAULT_OPENCHOREO_TIMEOUT_MS,
      }),
  };
}
