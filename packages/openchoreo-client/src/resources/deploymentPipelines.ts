import { listAllPages } from '../pagination';
import { expectData, OpenChoreoHttp } from '../transport';
import type {
  DeploymentPipeline,
  DeploymentPipelineList,
  ListAllQuery,
  ListQuery,
} from '../types';

/** Reads DeploymentPipelines (the promotion paths between environments) of a namespace. @public */
export interface DeploymentPipelinesClient {
  /** Lists one page of deployment pipelines. */
  list(namespace: string, query?: ListQuery): Promise<DeploymentPipelineList>;
  /** Lists all deployment pipelines, following every page. */
  listAll(
    namespace: string,
    query?: ListAllQuery,
  ): Promise<DeploymentPipeline[]>;
  /** Gets one pipeline; rejects with a 404 `OpenChoreoApiError` if it does not exist. */
  get(namespace: string, name: string): Promise<DeploymentPipeline>;
}

export function createDeploymentPipelinesClient(
  http: OpenChoreoHttp,
): DeploymentPipelinesClient {
  const client: DeploymentPipelinesClient = {
    async list(namespace, query) {
      const result = await http.GET(
        '/api/v1/namespaces/{namespaceName}/deploymentpipelines',
        { params: { path: { namespaceName: namespace }, query } },
      );
      return expectData(
        result,
        `the deployment pipeline list of namespace "${namespace}"`,
      );
    },
    listAll(namespace, query) {
      return listAllPages(
        `deployment pipelines in namespace "${namespace}"`,
        page => client.list(namespace, page),
        query,
      );
    },
    async get(namespace, name) {
      const result = await http.GET(
        '/api/v1/namespaces/{namespaceName}/deploymentpipelines/{deploymentPipelineName}',
        {
          params: {
            path: { namespaceName: namespace, deploymentPipelineName: name },
          },
        },
      );
      return expectData(result, `deployment pipeline "${namespace}/${name}"`);
    },
  };
  return client;
}
