import { listAllPages } from '../pagination';
import { expectData, OpenChoreoHttp } from '../transport';
import type {
  ListAllQuery,
  ListWorkloadsQuery,
  Workload,
  WorkloadList,
} from '../types';

/** Operations on workloads of a namespace. @public */
export interface WorkloadsClient {
  /** Lists one page of workloads; `query.component` restricts it to one component. */
  list(namespace: string, query?: ListWorkloadsQuery): Promise<WorkloadList>;
  /** Lists all workloads (optionally of one component), following every page. */
  listAll(
    namespace: string,
    query?: ListAllQuery<ListWorkloadsQuery>,
  ): Promise<Workload[]>;
  /** Gets one workload; rejects with a 404 `OpenChoreoApiError` if it does not exist. */
  get(namespace: string, name: string): Promise<Workload>;
  /** Creates a workload (409 if it exists: then use `replace`). */
  create(namespace: string, workload: Workload): Promise<Workload>;
  /** Replaces an existing workload (PUT; 404 if missing, it is not an upsert). */
  replace(
    namespace: string,
    name: string,
    workload: Workload,
  ): Promise<Workload>;
  /** Deletes a workload. */
  delete(namespace: string, name: string): Promise<void>;
}

const ITEM_PATH = '/api/v1/namespaces/{namespaceName}/workloads/{workloadName}';
const LIST_PATH = '/api/v1/namespaces/{namespaceName}/workloads';

export function createWorkloadsClient(http: OpenChoreoHttp): WorkloadsClient {
  const client: WorkloadsClient = {
    async list(namespace, query) {
      const result = await http.GET(LIST_PATH, {
        params: { path: { namespaceName: namespace }, query },
      });
      return expectData(
        result,
        `the workload list of namespace "${namespace}"`,
      );
    },
    listAll(namespace, query) {
      return listAllPages(
        `workloads in namespace "${namespace}"`,
        page => client.list(namespace, page),
        query,
      );
    },
    async get(namespace, name) {
      const result = await http.GET(ITEM_PATH, {
        params: { path: { namespaceName: namespace, workloadName: name } },
      });
      return expectData(result, `workload "${namespace}/${name}"`);
    },
    async create(namespace, workload) {
      const result = await http.POST(LIST_PATH, {
        params: { path: { namespaceName: namespace } },
        body: workload,
      });
      return expectData(
        result,
        `the created workload "${namespace}/${workload.metadata.name}"`,
      );
    },
    async replace(namespace, name, workload) {
      const result = await http.PUT(ITEM_PATH, {
        params: { path: { namespaceName: namespace, workloadName: name } },
        body: workload,
      });
      return expectData(result, `the replaced workload "${namespace}/${name}"`);
    },
    async delete(namespace, name) {
      await http.DELETE(ITEM_PATH, {
        params: { path: { namespaceName: namespace, workloadName: name } },
      });
    },
  };
  return client;
}
