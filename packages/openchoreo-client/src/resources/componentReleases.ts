import { listAllPages } from '../pagination';
import { expectData, OpenChoreoHttp } from '../transport';
import type {
  ComponentRelease,
  ComponentReleaseList,
  ListAllQuery,
  ListComponentReleasesQuery,
} from '../types';

/** Reads ComponentReleases (immutable snapshots of a component) of a namespace. @public */
export interface ComponentReleasesClient {
  /** Lists one page of releases; `query.component` restricts it to one component. */
  list(
    namespace: string,
    query?: ListComponentReleasesQuery,
  ): Promise<ComponentReleaseList>;
  /** Lists all releases (optionally of one component), following every page. */
  listAll(
    namespace: string,
    query?: ListAllQuery<ListComponentReleasesQuery>,
  ): Promise<ComponentRelease[]>;
  /** Gets one release; rejects with a 404 `OpenChoreoApiError` if it does not exist. */
  get(namespace: string, name: string): Promise<ComponentRelease>;
}

const ITEM_PATH =
  '/api/v1/namespaces/{namespaceName}/componentreleases/{componentReleaseName}';
const LIST_PATH = '/api/v1/namespaces/{namespaceName}/componentreleases';

export function createComponentReleasesClient(
  http: OpenChoreoHttp,
): ComponentReleasesClient {
  const client: ComponentReleasesClient = {
    async list(namespace, query) {
      const result = await http.GET(LIST_PATH, {
        params: { path: { namespaceName: namespace }, query },
      });
      return expectData(
        result,
        `the component release list of namespace "${namespace}"`,
      );
    },
    listAll(namespace, query) {
      return listAllPages(
        `component releases in namespace "${namespace}"`,
        page => client.list(namespace, page),
        query,
      );
    },
    async get(namespace, name) {
      const result = await http.GET(ITEM_PATH, {
        params: {
          path: { namespaceName: namespace, componentReleaseName: name },
        },
      });
      return expectData(result, `component release "${namespace}/${name}"`);
    },
  };
  return client;
}
