import { listAllPages } from '../pagination';
import { expectData, OpenChoreoHttp } from '../transport';
import type {
  ClusterComponentType,
  ClusterComponentTypeList,
  ComponentType,
  ComponentTypeList,
  ListAllQuery,
  ListQuery,
  ParameterSchema,
} from '../types';

/** Read operations on the component types of a namespace. @public */
export interface ComponentTypesClient {
  /** Lists one page of the component types in `namespace`. */
  list(namespace: string, query?: ListQuery): Promise<ComponentTypeList>;
  /** Lists all component types in `namespace`, following every page. */
  listAll(namespace: string, query?: ListAllQuery): Promise<ComponentType[]>;
  /** Gets one component type. */
  get(namespace: string, name: string): Promise<ComponentType>;
  /** Gets the parameter schema of a component type. */
  getSchema(namespace: string, name: string): Promise<ParameterSchema>;
}

/** Read operations on cluster-scoped component types. @public */
export interface ClusterComponentTypesClient {
  /** Lists one page of cluster component types. */
  list(query?: ListQuery): Promise<ClusterComponentTypeList>;
  /** Lists all cluster component types, following every page. */
  listAll(query?: ListAllQuery): Promise<ClusterComponentType[]>;
  /** Gets one cluster component type. */
  get(name: string): Promise<ClusterComponentType>;
  /** Gets the parameter schema of a cluster component type. */
  getSchema(name: string): Promise<ParameterSchema>;
}

export function createComponentTypesClient(
  http: OpenChoreoHttp,
): ComponentTypesClient {
  const client: ComponentTypesClient = {
    async list(namespace, query) {
      const result = await http.GET(
        '/api/v1/namespaces/{namespaceName}/componenttypes',
        { params: { path: { namespaceName: namespace }, query } },
      );
      return expectData(
        result,
        `the component type list of namespace "${namespace}"`,
      );
    },
    listAll(namespace, query) {
      return listAllPages(
        `component types in namespace "${namespace}"`,
        page => client.list(namespace, page),
        query,
      );
    },
    async get(namespace, name) {
      const result = await http.GET(
        '/api/v1/namespaces/{namespaceName}/componenttypes/{ctName}',
        { params: { path: { namespaceName: namespace, ctName: name } } },
      );
      return expectData(result, `component type "${namespace}/${name}"`);
    },
    async getSchema(namespace, name) {
      const result = await http.GET(
        '/api/v1/namespaces/{namespaceName}/componenttypes/{ctName}/schema',
        { params: { path: { namespaceName: namespace, ctName: name } } },
      );
      return expectData(
        result,
        `the schema of component type "${namespace}/${name}"`,
      );
    },
  };
  return client;
}

export function createClusterComponentTypesClient(
  http: OpenChoreoHttp,
): ClusterComponentTypesClient {
  const client: ClusterComponentTypesClient = {
    async list(query) {
      const result = await http.GET('/api/v1/clustercomponenttypes', {
        params: { query },
      });
      return expectData(result, 'the cluster component type list');
    },
    listAll(query) {
      return listAllPages('cluster component types', client.list, query);
    },
    async get(name) {
      const result = await http.GET('/api/v1/clustercomponenttypes/{cctName}', {
        params: { path: { cctName: name } },
      });
      return expectData(result, `cluster component type "${name}"`);
    },
    async getSchema(name) {
      const result = await http.GET(
        '/api/v1/clustercomponenttypes/{cctName}/schema',
        { params: { path: { cctName: name } } },
      );
      return expectData(
        result,
        `the schema of cluster component type "${name}"`,
      );
    },
  };
  return client;
}
