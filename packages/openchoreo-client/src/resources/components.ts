import { listAllPages } from '../pagination';
import { expectData, OpenChoreoHttp } from '../transport';
import type {
  Component,
  ComponentList,
  ListAllQuery,
  ListComponentsQuery,
} from '../types';

/** Operations on components of a namespace. @public */
export interface ComponentsClient {
  /** Lists one page of components; `query.project` restricts it to one project. */
  list(namespace: string, query?: ListComponentsQuery): Promise<ComponentList>;
  /** Lists all components (optionally of one project), following every page. */
  listAll(
    namespace: string,
    query?: ListAllQuery<ListComponentsQuery>,
  ): Promise<Component[]>;
  /** Gets one component; rejects with a 404 `OpenChoreoApiError` if it does not exist. */
  get(namespace: string, name: string): Promise<Component>;
  /** Creates a component (409 if the name is taken, 422 if the spec is invalid). */
  create(namespace: string, component: Component): Promise<Component>;
  /** Replaces a component's spec, labels and annotations (PUT; there is no PATCH). */
  replace(
    namespace: string,
    name: string,
    component: Component,
  ): Promise<Component>;
  /** Deletes a component. */
  delete(namespace: string, name: string): Promise<void>;
}

const ITEM_PATH =
  '/api/v1/namespaces/{namespaceName}/components/{componentName}';
const LIST_PATH = '/api/v1/namespaces/{namespaceName}/components';

export function createComponentsClient(http: OpenChoreoHttp): ComponentsClient {
  const client: ComponentsClient = {
    async list(namespace, query) {
      const result = await http.GET(LIST_PATH, {
        params: { path: { namespaceName: namespace }, query },
      });
      return expectData(
        result,
        `the component list of namespace "${namespace}"`,
      );
    },
    listAll(namespace, query) {
      return listAllPages(
        `components in namespace "${namespace}"`,
        page => client.list(namespace, page),
        query,
      );
    },
    async get(namespace, name) {
      const result = await http.GET(ITEM_PATH, {
        params: { path: { namespaceName: namespace, componentName: name } },
      });
      return expectData(result, `component "${namespace}/${name}"`);
    },
    async create(namespace, component) {
      const result = await http.POST(LIST_PATH, {
        params: { path: { namespaceName: namespace } },
        body: component,
      });
      return expectData(
        result,
        `the created component "${namespace}/${component.metadata.name}"`,
      );
    },
    async replace(namespace, name, component) {
      const result = await http.PUT(ITEM_PATH, {
        params: { path: { namespaceName: namespace, componentName: name } },
        body: component,
      });
      return expectData(
        result,
        `the replaced component "${namespace}/${name}"`,
      );
    },
    async delete(namespace, name) {
      await http.DELETE(ITEM_PATH, {
        params: { path: { namespaceName: namespace, componentName: name } },
      });
    },
  };
  return client;
}
