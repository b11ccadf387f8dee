import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  CiIntegrationsResponse,
  ComponentAnnotationsResponse,
  ComponentSummary,
  TriggerWorkflowRunResponse,
  UpdateComponentAnnotationsRequest,
  WorkflowRunDetails,
  WorkflowRunEventsResponse,
  WorkflowRunLogsResponse,
  WorkflowRunPage,
  WorkloadInfo,
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

/** The OpenChoreo backend plugin's routes, as the frontend uses them. */
export interface OpenChoreoApi {
  getComponentSummary(ref: ComponentRef): Promise<ComponentSummary>;
  listWorkflowRuns(
    ref: ComponentRef,
    options?: { limit?: number; cursor?: string },
  ): Promise<WorkflowRunPage>;
  /** Starts a build; the same `idempotencyKey` never starts a second one. */
  triggerWorkflowRun(
    ref: ComponentRef,
    options: { idempotencyKey: string },
  ): Promise<TriggerWorkflowRunResponse>;
  getWorkflowRun(ref: WorkflowRunRef): Promise<WorkflowRunDetails>;
  getWorkflowRunLogs(
    ref: WorkflowRunRef,
    options?: { task?: string; sinceSeconds?: number },
  ): Promise<WorkflowRunLogsResponse>;
  getWorkflowRunEvents(
    ref: WorkflowRunRef,
    options?: { task?: string },
  ): Promise<WorkflowRunEventsResponse>;
  getWorkload(ref: ComponentRef): Promise<WorkloadInfo>;
  getAnnotations(ref: ComponentRef): Promise<ComponentAnnotationsResponse>;
  /** Replaces the editable annotations; rejects with a `ConflictError` (409) when `expected` is stale. */
  updateAnnotations(
    ref: ComponentRef,
    request: UpdateComponentAnnotationsRequest,
  ): Promise<ComponentAnnotationsResponse>;
  getCiIntegrations(): Promise<CiIntegrationsResponse>;
}

/** API ref of {@link OpenChoreoApi}. */
export const openchoreoApiRef = createApiRef<OpenChoreoApi>({
  id: 'plugin.openchoreo.service',
});
