import { listAllPages } from '../pagination';
import { expectData, OpenChoreoHttp } from '../transport';
import type {
  ListAllQuery,
  ListQuery,
  Namespace,
  NamespaceList,
} from '../types';

/** Operations on OpenChoreo control-plane namespaces. @public */
export interface NamespacesClient {
  /** Lists one page of namespaces. */
  list(query?: ListQuery): Promise<NamespaceList>;
  /** Lists all namespaces, following every page. */
  listAll(query?: ListAllQuery): Promise<Namespace[]>;
}

export function createNamespacesClient(http: OpenChoreoHttp): NamespacesClient {
  const client: NamespacesClient = {
    async list(query) {
      const result = await http.GET('/api/v1/namespaces', {
        params: { query },
      });
      return expectData(result, 'the namespace list');
    },
    listAll(query) {
      return listAllPages('namespaces', client.list, query);
    },
  };
  return client;
}
