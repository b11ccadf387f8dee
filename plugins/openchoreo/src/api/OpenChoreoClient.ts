import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import {
  OPENCHOREO_USER_TOKEN_HEADER,
  parseComponentTypeName,
  type BuildLogSearchResponse,
  type BuildOptionsResponse,
  type CancelWorkflowRunResponse,
  type CiIntegrationsResponse,
  type TriggerWorkflowRunRequest,
  type ComponentActionsResponse,
  type ComponentAnnotationsResponse,
  type ComponentDeploymentsResponse,
  type ExternalCiRerunResponse,
  type ExternalCiRunsResponse,
  type ComponentSummary,
  type ComponentTypeList,
  type NamedResourceList,
  type TriggerWorkflowRunResponse,
  type UpdateComponentAnnotationsRequest,
  type WorkflowInfoList,
  type WorkflowRef,
  type WorkflowRunDetails,
  type WorkflowRunEventsResponse,
  type WorkflowRunLogsResponse,
  type WorkflowRunPage,
  type WorkflowSchemaResponse,
  type WorkloadInfo,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type {
  ComponentRef,
  ComponentTypeRef,
  OpenChoreoApi,
  WorkflowRunRef,
} from './OpenChoreoApi';
import { OpenChoreoRequestError } from './OpenChoreoRequestError';

type Query = Record<string, string | number | undefined>;

/** {@link OpenChoreoApi} over `fetchApi`, at `discoveryApi.getBaseUrl('openchoreo')`. */
export class OpenChoreoClient implements OpenChoreoApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly userToken?: () => Promise<string | undefined>;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /**
     * The signed-in user's OpenChoreo access token, sent as `x-openchoreo-token` so that the
     * backend calls OpenChoreo as the user (`openchoreo.auth.userTokens`).
     */
    userToken?: () => Promise<string | undefined>;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.userToken = options.userToken;
  }

  getComponentSummary(ref: ComponentRef): Promise<ComponentSummary> {
    return this.request(`${componentPath(ref)}/summary`);
  }

  getComponentActions(ref: ComponentRef): Promise<ComponentActionsResponse> {
    return this.request(`${componentPath(ref)}/actions`);
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
    options: { idempotencyKey: string; request?: TriggerWorkflowRunRequest },
  ): Promise<TriggerWorkflowRunResponse> {
    return this.request(`${componentPath(ref)}/workflow-runs`, {
      method: 'POST',
      headers: { 'Idempotency-Key': options.idempotencyKey },
      body: options.request ?? {},
    });
  }

  getBuildOptions(ref: ComponentRef): Promise<BuildOptionsResponse> {
    return this.request(`${componentPath(ref)}/build-options`);
  }

  searchBuildLogs(
    ref: ComponentRef,
    phrase: string,
  ): Promise<BuildLogSearchResponse> {
    return this.request(`${componentPath(ref)}/log-search`, {
      query: { phrase },
    });
  }

  rerunWorkflowRun(
    ref: WorkflowRunRef,
    options: { idempotencyKey: string },
  ): Promise<TriggerWorkflowRunResponse> {
    return this.request(`${runPath(ref)}/rerun`, {
      method: 'POST',
      headers: { 'Idempotency-Key': options.idempotencyKey },
      body: {},
    });
  }

  cancelWorkflowRun(ref: WorkflowRunRef): Promise<CancelWorkflowRunResponse> {
    return this.request(runPath(ref), { method: 'DELETE' });
  }

  getWorkflowRun(ref: WorkflowRunRef): Promise<WorkflowRunDetails> {
    return this.request(runPath(ref));
  }

  getWorkflowRunLogs(
    ref: WorkflowRunRef,
    options: { task?: string; sinceSeconds?: number; fromLine?: number } = {},
  ): Promise<WorkflowRunLogsResponse> {
    return this.request(`${runPath(ref)}/logs`, {
      query: {
        task: options.task,
        sinceSeconds: options.sinceSeconds,
        fromLine: options.fromLine,
      },
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

  getDeployments(ref: ComponentRef): Promise<ComponentDeploymentsResponse> {
    return this.request(`${componentPath(ref)}/deployments`);
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

  getCiRuns(
    entity: CompoundEntityRef,
    options: { page?: number; perPage?: number } = {},
  ): Promise<ExternalCiRunsResponse> {
    return this.request(`${entityPath(entity)}/ci-runs`, {
      query: { page: options.page, perPage: options.perPage },
    });
  }

  rerunCiRun(
    entity: CompoundEntityRef,
    runId: string,
  ): Promise<ExternalCiRerunResponse> {
    return this.request(`${entityPath(entity)}/ci-runs/${enc(runId)}/rerun`, {
      method: 'POST',
    });
  }

  listNamespaces(): Promise<NamedResourceList> {
    return this.request('/namespaces');
  }

  listProjects(namespace: string): Promise<NamedResourceList> {
    return this.request(`/namespaces/${enc(namespace)}/projects`);
  }

  listComponentTypes(namespace: string): Promise<ComponentTypeList> {
    return this.request(`/namespaces/${enc(namespace)}/component-types`);
  }

  listAllowedWorkflows(
    componentType: ComponentTypeRef,
    namespace: string,
  ): Promise<WorkflowInfoList> {
    // The route takes the type's resource name: `deployment/service` → `service`.
    const typeName =
      parseComponentTypeName(componentType.name)?.name ?? componentType.name;
    return this.request(
      `/component-types/${enc(componentType.kind)}/${enc(typeName)}/workflows`,
      { query: { namespace } },
    );
  }

  getWorkflowSchema(
    workflow: WorkflowRef,
    namespace: string,
  ): Promise<WorkflowSchemaResponse> {
    return this.request(
      `/workflows/${enc(workflow.kind)}/${enc(workflow.name)}/schema`,
      { query: { namespace } },
    );
  }

  private async request<T>(
    path: string,
    options: {
      method?: string;
      query?: Query;
      headers?: Record<string, string>;
      body?: unknown;
    } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('openchoreo');
    const token = await this.userToken?.();
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${toQueryString(options.query)}`,
      {
        method: options.method ?? 'GET',
        headers: {
          ...(options.body !== undefined
            ? { 'Content-Type': 'application/json' }
            : {}),
          ...(token ? { [OPENCHOREO_USER_TOKEN_HEADER]: token } : {}),
          ...options.headers,
        },
        body:
          options.body !== undefined ? JSON.stringify(options.body) : undefined,
      },
    );
    if (!response.ok) {
      throw await OpenChoreoRequestError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function toQueryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function enc(value: string): string {
  return encodeURIComponent(value);
}

function componentPath(ref: ComponentRef): string {
  return `/components/${enc(ref.namespace)}/${enc(ref.component)}`;
}

function entityPath(entity: CompoundEntityRef): string {
  return `/entities/${enc(entity.kind.toLocaleLowerCase('en-US'))}/${enc(
    entity.namespace,
  )}/${enc(entity.name)}`;
}

function runPath(ref: WorkflowRunRef): string {
  return `/workflow-runs/${enc(ref.namespace)}/${enc(ref.run)}`;
}
