import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
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
import type {
  ComponentRef,
  OpenChoreoApi,
  WorkflowRunRef,
} from './OpenChoreoApi';

/**
 * A failed call to the OpenChoreo backend. `message` is the backend's own message (what the
 * user needs to act), `statusCode` lets callers tell a conflict or a denial from an outage.
 */
export class OpenChoreoRequestError extends Error {
  readonly statusCode: number;

  constructor(message: string, statusCode: number) {
    super(message);
    this.name = 'OpenChoreoRequestError';
    this.statusCode = statusCode;
  }
}

/** {@link OpenChoreoApi} over `fetchApi`, at `discoveryApi.getBaseUrl('openchoreo')`. */
export class OpenChoreoClient implements OpenChoreoApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getComponentSummary(ref: ComponentRef): Promise<ComponentSummary> {
    return this.request(`${componentPath(ref)}/summary`);
  }

  listWorkflowRuns(
    ref: ComponentRef,
    options: { limit?: number; cursor?: string } = {},
  ): Promise<WorkflowRunPage> {
    return this.request(`${componentPath(ref)}/workflow-runs`, {
      query: { limit: options.limit, cursor: options.cursor },
    });
  }

  triggerWorkflowRun(
    ref: ComponentRef,
    options: { idempotencyKey: string },
  ): Promise<TriggerWorkflowRunResponse> {
    return this.request(`${componentPath(ref)}/workflow-runs`, {
      method: 'POST',
      headers: { 'Idempotency-Key': options.idempotencyKey },
      body: {},
    });
  }

  getWorkflowRun(ref: WorkflowRunRef): Promise<WorkflowRunDetails> {
    return this.request(runPath(ref));
  }

  getWorkflowRunLogs(
    ref: WorkflowRunRef,
    options: { task?: string; sinceSeconds?: number } = {},
  ): Promise<WorkflowRunLogsResponse> {
    return this.request(`${runPath(ref)}/logs`, {
      query: { task: options.task, sinceSeconds: options.sinceSeconds },
    });
  }

  getWorkflowRunEvents(
    ref: WorkflowRunRef,
    options: { task?: string } = {},
  ): Promise<WorkflowRunEventsResponse> {
    return this.request(`${runPath(ref)}/events`, {
      query: { task: options.task },
    });
  }

  getWorkload(ref: ComponentRef): Promise<WorkloadInfo> {
    return this.request(`${componentPath(ref)}/workload`);
  }

  getAnnotations(ref: ComponentRef): Promise<ComponentAnnotationsResponse> {
    return this.request(`${componentPath(ref)}/annotations`);
  }

  updateAnnotations(
    ref: ComponentRef,
    request: UpdateComponentAnnotationsRequest,
  ): Promise<ComponentAnnotationsResponse> {
    return this.request(`${componentPath(ref)}/annotations`, {
      method: 'PUT',
      body: request,
    });
  }

  getCiIntegrations(): Promise<CiIntegrationsResponse> {
    return this.request('/ci-integrations');
  }

  private async request<T>(
    path: string,
    options: {
      method?: string;
      query?: Record<string, string | number | undefined>;
      headers?: Record<string, string>;
      body?: unknown;
    } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('openchoreo');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) params.set(key, String(value));
    }
    const query = params.toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${query ? `?${query}` : ''}`,
      {
        method: options.method ?? 'GET',
        headers: {
          ...(options.body !== undefined
            ? { 'Content-Type': 'application/json' }
            : {}),
          ...options.headers,
        },
        body:
          options.body !== undefined ? JSON.stringify(options.body) : undefined,
      },
    );
    if (!response.ok) {
      const error = await ResponseError.fromResponse(response);
      throw new OpenChoreoRequestError(
        error.body?.error?.message || error.message,
        response.status,
      );
    }
    return (await response.json()) as T;
  }
}

function componentPath(ref: ComponentRef): string {
  return `/components/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
    ref.component,
  )}`;
}

function runPath(ref: WorkflowRunRef): string {
  return `/workflow-runs/${encodeURIComponent(
    ref.namespace,
  )}/${encodeURIComponent(ref.run)}`;
}
