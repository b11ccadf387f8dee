import { listAllPages } from '../pagination';
import { expectData, OpenChoreoHttp } from '../transport';
import type {
  ListAllQuery,
  ListWorkflowRunsQuery,
  WorkflowRun,
  WorkflowRunEventEntry,
  WorkflowRunEventsQuery,
  WorkflowRunList,
  WorkflowRunLogEntry,
  WorkflowRunLogsQuery,
  WorkflowRunStatusSummary,
} from '../types';

/** Operations on workflow runs (builds) of a namespace. @public */
export interface WorkflowRunsClient {
  /** Lists one page of runs, filtered by `workflow` and/or `labelSelector`. */
  list(
    namespace: string,
    query?: ListWorkflowRunsQuery,
  ): Promise<WorkflowRunList>;
  /** Lists all matching runs, following every page. */
  listAll(
    namespace: string,
    query?: ListAllQuery<ListWorkflowRunsQuery>,
  ): Promise<WorkflowRun[]>;
  /** Gets one run. */
  get(namespace: string, name: string): Promise<WorkflowRun>;
  /** Starts a build by creating a run; `metadata.name` is required (no generateName). */
  create(namespace: string, run: WorkflowRun): Promise<WorkflowRun>;
  /** Deletes a run. */
  delete(namespace: string, name: string): Promise<void>;
  /** Gets the run's summarised status and steps. */
  getStatus(namespace: string, name: string): Promise<WorkflowRunStatusSummary>;
  /** Gets the run's live logs, optionally of one task; 404 until the run has started. */
  getLogs(
    namespace: string,
    name: string,
    query?: WorkflowRunLogsQuery,
  ): Promise<WorkflowRunLogEntry[]>;
  /** Gets the run's Kubernetes events, optionally of one task. */
  getEvents(
    namespace: string,
    name: string,
    query?: WorkflowRunEventsQuery,
  ): Promise<WorkflowRunEventEntry[]>;
}

const LIST_PATH = '/api/v1/namespaces/{namespaceName}/workflowruns';
const ITEM_PATH = '/api/v1/namespaces/{namespaceName}/workflowruns/{runName}';

export function createWorkflowRunsClient(
  http: OpenChoreoHttp,
): WorkflowRunsClient {
  const client: WorkflowRunsClient = {
    async list(namespace, query) {
      const result = await http.GET(LIST_PATH, {
        params: { path: { namespaceName: namespace }, query },
      });
      return expectData(
        result,
        `the workflow run list of namespace "${namespace}"`,
      );
    },
    listAll(namespace, query) {
      return listAllPages(
        `workflow runs in namespace "${namespace}"`,
        page => client.list(namespace, page),
        query,
      );
    },
    async get(namespace, name) {
      const result = await http.GET(ITEM_PATH, {
        params: { path: { namespaceName: namespace, runName: name } },
      });
      return expectData(result, `workflow run "${namespace}/${name}"`);
    },
    async create(namespace, run) {
      const result = await http.POST(LIST_PATH, {
        params: { path: { namespaceName: namespace } },
        body: run,
      });
      return expectData(
        result,
        `the created workflow run "${namespace}/${run.metadata.name}"`,
      );
    },
    async delete(namespace, name) {
      await http.DELETE(ITEM_PATH, {
        params: { path: { namespaceName: namespace, runName: name } },
      });
    },
    async getStatus(namespace, name) {
      const result = await http.GET(`${ITEM_PATH}/status`, {
        params: { path: { namespaceName: namespace, runName: name } },
      });
      return expectData(
        result,
        `the status of workflow run "${namespace}/${name}"`,
      );
    },
    async getLogs(namespace, name, query) {
      const result = await http.GET(`${ITEM_PATH}/logs`, {
        params: { path: { namespaceName: namespace, runName: name }, query },
      });
      return expectData(
        result,
        `the logs of workflow run "${namespace}/${name}"`,
      );
    },
    async getEvents(namespace, name, query) {
      const result = await http.GET(`${ITEM_PATH}/events`, {
        params: { path: { namespaceName: namespace, runName: name }, query },
      });
      return expectData(
        result,
        `the events of workflow run "${namespace}/${name}"`,
      );
    },
  };
  return client;
}
