import { useMemo } from 'react';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
  type DiscoveryApi,
  type FetchApi,
} from '@backstage/frontend-plugin-api';
import type {
  CiIntegrationsResponse,
  ComponentTypeList,
  NamedResourceList,
  WorkflowInfoList,
  WorkflowRef,
  WorkflowSchemaResponse,
} from '@openchoreo-ci/plugin-openchoreo-common';

/** The backend routes the component creation wizard reads (`/api/openchoreo`). */
export interface WizardApi {
  listNamespaces(): Promise<NamedResourceList>;
  listProjects(namespace: string): Promise<NamedResourceList>;
  listComponentTypes(namespace: string): Promise<ComponentTypeList>;
  listAllowedWorkflows(
    componentType: { kind: string; name: string },
    namespace: string,
  ): Promise<WorkflowInfoList>;
  getWorkflowSchema(
    workflow: WorkflowRef,
    namespace: string,
  ): Promise<WorkflowSchemaResponse>;
  getCiIntegrations(): Promise<CiIntegrationsResponse>;
}

/** {@link WizardApi} over `fetchApi` at `discoveryApi.getBaseUrl('openchoreo')`. */
export class WizardClient implements WizardApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  listNamespaces() {
    return this.get<NamedResourceList>('/namespaces');
  }

  listProjects(namespace: string) {
    return this.get<NamedResourceList>(
      `/namespaces/${enc(namespace)}/projects`,
    );
  }

  listComponentTypes(namespace: string) {
    return this.get<ComponentTypeList>(
      `/namespaces/${enc(namespace)}/component-types`,
    );
  }

  listAllowedWorkflows(
    componentType: { kind: string; name: string },
    namespace: string,
  ) {
    // The route takes the type's resource name: `deployment/service` → `service`.
    const typeName = componentType.name.split('/').pop() ?? componentType.name;
    return this.get<WorkflowInfoList>(
      `/component-types/${enc(componentType.kind)}/${enc(
        typeName,
      )}/workflows?namespace=${enc(namespace)}`,
    );
  }

  getWorkflowSchema(workflow: WorkflowRef, namespace: string) {
    return this.get<WorkflowSchemaResponse>(
      `/workflows/${enc(workflow.kind)}/${enc(
        workflow.name,
      )}/schema?namespace=${enc(namespace)}`,
    );
  }

  getCiIntegrations() {
    return this.get<CiIntegrationsResponse>('/ci-integrations');
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('openchoreo');
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      let message = `${response.status} ${response.statusText}`;
      try {
        const body = (await response.json()) as {
          error?: { message?: string };
        };
        message = body.error?.message ?? message;
      } catch {
        // Not JSON: keep the status line.
      }
      throw new Error(`Could not load ${path}: ${message}`);
    }
    return (await response.json()) as T;
  }
}

function enc(value: string): string {
  return encodeURIComponent(value);
}

/** The wizard API of the current app. */
export function useWizardApi(): WizardApi {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useMemo(
    () => new WizardClient({ discoveryApi, fetchApi }),
    [discoveryApi, fetchApi],
  );
}
