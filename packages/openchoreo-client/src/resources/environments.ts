import { listAllPages } from '../pagination';
import { expectData, OpenChoreoHttp } from '../transport';
import type {
  Environment,
  EnvironmentList,
  ListAllQuery,
  ListQuery,
} from '../types';

/** Reads the Environments (deployment targets) of a namespace. @public */
export interface EnvironmentsClient {
  /** Lists one page of environments. */
  list(namespace: string, query?: ListQuery): Promise<EnvironmentList>;
  /** Lists all environments, following every page. */
  listAll(namespace: string, query?: ListAllQuery): Promise<Environment[]>;
  /** Gets one environment; rejects with a 404 `OpenChoreoApiError` if it does not exist. */
  get(namespace: string, name: string): Promise<Environment>;
}

export function createEnvironmentsClient(
  http: OpenChoreoHttp,
): EnvironmentsClient {
  const client: EnvironmentsClient = {
    async list(namespace, query) {
      const result = await http.GET(
        '/api/v1/namespaces/{namespaceName}/environments',
        { params: { path: { namespaceName: namespace }, query } },
      );
      return expectData(
        result,
        `the environment list of namespace "${namespace}"`,
      );
    },
    listAll(namespace, query) {
      return listAllPages(
        `environments in namespace "${namespace}"`,
        page => client.list(namespace, page),
        query,
      );
    },
    async get(namespace, name) {
      const result = await http.GET(
        '/api/v1/namespaces/{namespaceName}/environments/{envName}',
        { params: { path: { namespaceName: namespace, envName: name } } },
      );
      return expectData(result, `environment "${namespace}/${name}"`);
    },
  };
  return client;
}
