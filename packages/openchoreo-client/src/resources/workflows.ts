import { listAllPages } from '../pagination';
import { expectData, OpenChoreoHttp } from '../transport';
import type {
  ClusterWorkflow,
  ClusterWorkflowList,
  ListAllQuery,
  ListQuery,
  ParameterSchema,
  Workflow,
  WorkflowList,
} from '../types';

/** Read operations on the workflows of a namespace. @public */
export interface WorkflowsClient {
  /** Lists one page of the workflows in `namespace`. */
  list(namespace: string, query?: ListQuery): Promise<WorkflowList>;
  /** Lists all workflows in `namespace`, following every page. */
  listAll(namespace: string, query?: ListAllQuery): Promise<Workflow[]>;
  /** Gets one workflow. */
  get(namespace: string, name: string): Promise<Workflow>;
  /** Gets the parameter schema of a workflow. */
  getSchema(namespace: string, name: string): Promise<ParameterSchema>;
}

/** Read operations on cluster-scoped workflows. @public */
export interface ClusterWorkflowsClient {
  /** Lists one page of cluster workflows. */
  list(query?: ListQuery): Promise<ClusterWorkflowList>;
  /** Lists all cluster workflows, following every page. */
  listAll(query?: ListAllQuery): Promise<ClusterWorkflow[]>;
  /** Gets one cluster workflow. */
  get(name: string): Promise<ClusterWorkflow>;
  /** Gets the parameter schema of a cluster workflow. */
  getSchema(name: string): Promise<ParameterSchema>;
}

export function createWorkflowsClient(http: OpenChoreoHttp): WorkflowsClient {
  const client: WorkflowsClient = {
    async list(namespace, query) {
      const result = await http.GET(
        '/api/v1/namespaces/{namespaceName}/workflows',
        {
          params: { path: { namespaceName: namespace }, query },
        },
      );
      return expectData(
        result,
        `the workflow list of namespace "${namespace}"`,
      );
    },
    listAll(namespace, query) {
      return listAllPages(
        `workflows in namespace "${namespace}"`,
        page => client.list(namespace, page),
        query,
      );
    },
    async get(namespace, name) {
      const result = await http.GET(
        '/api/v1/namespaces/{namespaceName}/workflows/{workflowName}',
        { params: { path: { namespaceName: namespace, workflowName: name } } },
      );
      return expectData(result, `workflow "${namespace}/${name}"`);
    },
    async getSchema(namespace, name) {
      const result = await http.GET(
        '/api/v1/namespaces/{namespaceName}/workflows/{workflowName}/schema',
        { params: { path: { namespaceName: namespace, workflowName: name } } },
      );
      return expectData(
        result,
        `the schema of workflow "${namespace}/${name}"`,
      );
    },
  };
  return client;
}

export function createClusterWorkflowsClient(
  http: OpenChoreoHttp,
): ClusterWorkflowsClient {
  const client: ClusterWorkflowsClient = {
    async list(query) {
      const result = await http.GET('/api/v1/clusterworkflows', {
        params: { query },
      });
      return expectData(result, 'the cluster workflow list');
    },
    listAll(query) {
      return listAllPages('cluster workflows', client.list, query);
    },
    async get(name) {
      const result = await http.GET(
        '/api/v1/clusterworkflows/{clusterWorkflowName}',
        {
          params: { path: { clusterWorkflowName: name } },
        },
      );
      return expectData(result, `cluster workflow "${name}"`);
    },
    async getSchema(name) {
      const result = await http.GET(
        '/api/v1/clusterworkflows/{clusterWorkflowName}/schema',
        { params: { path: { clusterWorkflowName: name } } },
      );
      return expectData(result, `the schema of cluster workflow "${name}"`);
    },
  };
  return client;
}
