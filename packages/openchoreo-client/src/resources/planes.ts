import { expectData, OpenChoreoHttp } from '../transport';
import type {
  ClusterObservabilityPlane,
  ClusterWorkflowPlane,
  ObservabilityPlane,
  WorkflowPlane,
} from '../types';

/**
 * Reads of the planes a build runs on and is observed by: a workflow's (Cluster)WorkflowPlane
 * and the (Cluster)ObservabilityPlane it references, whose `observerURL` is the Observer API.
 * @public
 */
export interface PlanesClient {
  getWorkflowPlane(namespace: string, name: string): Promise<WorkflowPlane>;
  getClusterWorkflowPlane(name: string): Promise<ClusterWorkflowPlane>;
  getObservabilityPlane(
    namespace: string,
    name: string,
  ): Promise<ObservabilityPlane>;
  getClusterObservabilityPlane(
    name: string,
  ): Promise<ClusterObservabilityPlane>;
}

export function createPlanesClient(http: OpenChoreoHttp): PlanesClient {
  return {
    async getWorkflowPlane(namespace, name) {
      const result = await http.GET(
        '/api/v1/namespaces/{namespaceName}/workflowplanes/{workflowPlaneName}',
        {
          params: {
            path: { namespaceName: namespace, workflowPlaneName: name },
          },
        },
      );
      return expectData(result, `workflow plane "${namespace}/${name}"`);
    },
    async getClusterWorkflowPlane(name) {
      const result = await http.GET(
        '/api/v1/clusterworkflowplanes/{clusterWorkflowPlaneName}',
        { params: { path: { clusterWorkflowPlaneName: name } } },
      );
      return expectData(result, `cluster workflow plane "${name}"`);
    },
    async getObservabilityPlane(namespace, name) {
      const result = await http.GET(
        '/api/v1/namespaces/{namespaceName}/observabilityplanes/{observabilityPlaneName}',
        {
          params: {
            path: { namespaceName: namespace, observabilityPlaneName: name },
          },
        },
      );
      return expectData(result, `observability plane "${namespace}/${name}"`);
    },
    async getClusterObservabilityPlane(name) {
      const result = await http.GET(
        '/api/v1/clusterobservabilityplanes/{clusterObservabilityPlaneName}',
        { params: { path: { clusterObservabilityPlaneName: name } } },
      );
      return expectData(result, `cluster observability plane "${name}"`);
    },
  };
}
