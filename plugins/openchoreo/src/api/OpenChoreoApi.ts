import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  BuildLogSearchResponse,
  BuildOptionsResponse,
  CancelWorkflowRunResponse,
  TriggerWorkflowRunRequest,
  CiIntegrationsResponse,
  ComponentAnnotationsResponse,
  ComponentDeploymentsResponse,
  ExternalCiRerunResponse,
  ExternalCiRunsResponse,
  ComponentSummary,
  ComponentTypeList,
  NamedResourceList,
  TriggerWorkflowRunResponse,
  UpdateComponentAnnotationsRequest,
  WorkflowInfoList,
  WorkflowRef,
  WorkflowRunDetails,
  WorkflowRunEventsResponse,
  WorkflowRunLogsResponse,
  WorkflowRunPage,
  WorkflowSchemaResponse,
  WorkloadInfo,
  ComponentActionsResponse,
} from '@openchoreo-ci/plugin-openchoreo-common';

/** Identifies an OpenChoreo component: its namespace and name. */
export interface ComponentRef {
  namespace: string;
  component: string;
}

/** Identifies one build (WorkflowRun). */
export interface WorkflowRunRef {
  namespace: string;
  run: string;
}

/** Identifies a (cluster) component type; `name` as in `spec.componentType.name` (`<workloadType>/<name>`) or bare. */
export interface ComponentTypeRef {
  kind: string;
  name: string;
}

/**
 * The OpenChoreo backend plugin's routes, as the frontend uses them: the entity cards, the
 * tabs, the annotation editor and the component creation wizard. Every method rejects with an
 * `OpenChoreoRequestError` carrying the HTTP status and the backend's message.
 */
export interface OpenChoreoApi {
  getComponentSummary(ref: ComponentRef): Promise<ComponentSummary>;
  /**
   * Whether the user may build the component and edit its annotations, with the reason when not
   * (the portal's permission policy, then OpenChoreo's authorization).
   */
  getComponentActions(ref: ComponentRef): Promise<ComponentActionsResponse>;
  /** One page of builds, newest first; pass the page's `nextCursor` as `cursor` for the next. */
  listWorkflowRuns(
    ref: ComponentRef,
    options?: { limit?: number; cursor?: string },
  ): Promise<WorkflowRunPage>;
  /**
   * Starts a build; the same `idempotencyKey` never starts a second one. With `request` options
   * (branch, commit, parameters) it is "Build with options", validated by the backend.
   */
  triggerWorkflowRun(
    ref: ComponentRef,
    options: { idempotencyKey: string; request?: TriggerWorkflowRunRequest },
  ): Promise<TriggerWorkflowRunResponse>;
  /** What "Build with options" starts from: workflow, schema and the component's parameters. */
  getBuildOptions(ref: ComponentRef): Promise<BuildOptionsResponse>;
  /** The component's builds whose logs contain `phrase` (its observability plane), newest first. */
  searchBuildLogs(
    ref: ComponentRef,
    phrase: string,
  ): Promise<BuildLogSearchResponse>;
  /** Starts a new build with exactly the parameters and commit of a past one. */
  rerunWorkflowRun(
    ref: WorkflowRunRef,
    options: { idempotencyKey: string },
  ): Promise<TriggerWorkflowRunResponse>;
  /** Cancels a pending or running build (OpenChoreo deletes its run). */
  cancelWorkflowRun(ref: WorkflowRunRef): Promise<CancelWorkflowRunResponse>;
  getWorkflowRun(ref: WorkflowRunRef): Promise<WorkflowRunDetails>;
  /** Log lines of a build or one step; `fromLine` skips the lines already shown. */
  getWorkflowRunLogs(
    ref: WorkflowRunRef,
    options?: { task?: string; sinceSeconds?: number; fromLine?: number },
  ): Promise<WorkflowRunLogsResponse>;
  getWorkflowRunEvents(
    ref: WorkflowRunRef,
    options?: { task?: string },
  ): Promise<WorkflowRunEventsResponse>;
  getWorkload(ref: ComponentRef): Promise<WorkloadInfo>;
  /**
   * Where the component is deployed: each environment of its deployment pipeline with the
   * release bound there and its state, whether the latest build reached the first environment,
   * and for a GitOps-mode component the pending release pull request.
   */
  getDeployments(ref: ComponentRef): Promise<ComponentDeploymentsResponse>;
  getAnnotations(ref: ComponentRef): Promise<ComponentAnnotationsResponse>;
  /** Replaces the editable annotations; rejects with status 409 when `expected` is stale. */
  updateAnnotations(
    ref: ComponentRef,
    request: UpdateComponentAnnotationsRequest,
  ): Promise<ComponentAnnotationsResponse>;
  /** Which External CI platforms this portal has usable settings for. */
  getCiIntegrations(): Promise<CiIntegrationsResponse>;
  /**
   * One page of an entity's GitHub Actions runs or GitLab CI pipelines (newest first), read by
   * the backend with the portal's token; GitHub/GitLab failures come back as `unavailable`.
   */
  getCiRuns(
    entity: CompoundEntityRef,
    options?: { page?: number; perPage?: number },
  ): Promise<ExternalCiRunsResponse>;
  /** Re-runs a GitHub Actions run or retries a GitLab pipeline (403 when the token may not). */
  rerunCiRun(
    entity: CompoundEntityRef,
    runId: string,
  ): Promise<ExternalCiRerunResponse>;
  /** The namespaces the user can create components in (wizard). */
  listNamespaces(): Promise<NamedResourceList>;
  /** The projects of a namespace (wizard). */
  listProjects(namespace: string): Promise<NamedResourceList>;
  /** The namespaced and cluster component types usable in a namespace (wizard). */
  listComponentTypes(namespace: string): Promise<ComponentTypeList>;
  /** The component workflows a component type allows (wizard). */
  listAllowedWorkflows(
    componentType: ComponentTypeRef,
    namespace: string,
  ): Promise<WorkflowInfoList>;
  /** A workflow's parameter schema, as OpenChoreo returns it (wizard). */
  getWorkflowSchema(
    workflow: WorkflowRef,
    namespace: string,
  ): Promise<WorkflowSchemaResponse>;
}

/** API ref of {@link OpenChoreoApi}. */
export const openchoreoApiRef = createApiRef<OpenChoreoApi>({
  id: 'plugin.openchoreo.service',
});
