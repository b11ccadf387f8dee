import { listAllPages } from '../pagination';
import { expectData, OpenChoreoHttp } from '../transport';
import type {
  ListAllQuery,
  ListReleaseBindingsQuery,
  ReleaseBinding,
  ReleaseBindingList,
} from '../types';

/** Reads ReleaseBindings (a ComponentRelease bound to an environment, with its status). @public */
export interface ReleaseBindingsClient {
  /** Lists one page of bindings; `query.component` restricts it to one component. */
  list(
    namespace: string,
    query?: ListReleaseBindingsQuery,
  ): Promise<ReleaseBindingList>;
  /** Lists all bindings (optionally of one component), following every page. */
  listAll(
    namespace: string,
    query?: ListAllQuery<ListReleaseBindingsQuery>,
  ): Promise<ReleaseBinding[]>;
  /** Gets one binding; rejects with a 404 `OpenChoreoApiError` if it does not exist. */
  get(namespace: string, name: string): Promise<ReleaseBinding>;
}

const ITEM_PATH =
  '/api/v1/namespaces/{namespaceName}/releasebindings/{releaseBindingName}';
const LIST_PATH = '/api/v1/namespaces/{namespaceName}/releasebindings';

export function createReleaseBindingsClient(
  http: OpenChoreoHttp,
): ReleaseBindingsClient {
  const client: ReleaseBindingsClient = {
    async list(namespace, query) {
      const result = await http.GET(LIST_PATH, {
        params: { path: { namespaceName: namespace }, query },
      });
      return expectData(
        result,
        `the release binding list of namespace "${namespace}"`,
      );
    },
    listAll(namespace, query) {
      return listAllPages(
        `release bindings in namespace "${namespace}"`,
        page => client.list(namespace, page),
        query,
      );
    },
    async get(namespace, name) {
      const result = await http.GET(ITEM_PATH, {
        params: {
          path: { namespaceName: namespace, releaseBindingName: name },
        },
      });
      return expectData(result, `release binding "${namespace}/${name}"`);
    },
  };
  return client;
}
