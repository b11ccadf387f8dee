import { normalizeBaseUrl, createOpenChoreoFetch } from './transport';

/*
 * The parts of the Observer API (observer-api.yaml, committed in spec/) the portal uses: the
 * logs and events of workflow runs, kept by the observability plane after the build's pods are
 * gone. Types written from the spec's schemas (the client's generated types cover only the
 * OpenChoreo API); the devstack's Observer stand-in is contract-tested against the same spec.
 */

/** `WorkflowSearchScope`: the logs of a namespace's workflow runs, one run, one task. @public */
export interface ObserverWorkflowSearchScope {
  namespace: string;
  workflowRunName?: string;
  taskName?: string;
}

/** The Observer's maximum `limit` per query. @public */
export const OBSERVER_MAX_LIMIT = 1000;

/** `LogsQueryRequest` with a workflow scope. @public */
export interface ObserverLogsQuery {
  /** RFC 3339; required. */
  startTime: string;
  /** RFC 3339; required. */
  endTime: string;
  searchScope: ObserverWorkflowSearchScope;
  /** 1..{@link OBSERVER_MAX_LIMIT}, default 100. */
  limit?: number;
  /** Default `desc`. */
  sortOrder?: 'asc' | 'desc';
  logLevels?: Array<'DEBUG' | 'INFO' | 'WARN' | 'ERROR'>;
  searchPhrase?: string;
}

/** `WorkflowLogEntry`. @public */
export interface ObserverWorkflowLogEntry {
  timestamp?: string;
  log?: string;
}

/** `LogsQueryResponse` of a workflow scope. @public */
export interface ObserverLogsResponse {
  logs?: ObserverWorkflowLogEntry[];
  /** Matching entries, capped at 1000. */
  total?: number;
  tookMs?: number;
}

/** `EventsQueryRequest` with a workflow scope. @public */
export interface ObserverEventsQuery {
  startTime: string;
  endTime: string;
  searchScope: ObserverWorkflowSearchScope;
  limit?: number;
  sortOrder?: 'asc' | 'desc';
}

/** `EventEntry`. @public */
export interface ObserverEventEntry {
  timestamp?: string;
  message?: string;
  type?: string;
  reason?: string;
  metadata?: {
    objectKind?: string;
    objectName?: string;
    objectNamespace?: string;
    [key: string]: unknown;
  };
}

/** `EventsQueryResponse`. @public */
export interface ObserverEventsResponse {
  events?: ObserverEventEntry[];
  total?: number;
  tookMs?: number;
}

/**
 * Client of one Observer (an observability plane's `observerURL`), sending the same token as
 * the OpenChoreo client it was made from. Failures reject like the OpenChoreo client's:
 * `OpenChoreoApiError` (status, `errorCode` or the status's code, message) or
 * `OpenChoreoUnavailableError`. @public
 */
export interface ObserverClient {
  /** The Observer's base URL. */
  readonly baseUrl: string;
  queryLogs(query: ObserverLogsQuery): Promise<ObserverLogsResponse>;
  queryEvents(query: ObserverEventsQuery): Promise<ObserverEventsResponse>;
}

export function createObserverClient(options: {
  baseUrl: string;
  getToken: () => Promise<string | undefined>;
  fetch?: typeof fetch;
  timeoutMs: number;
}): ObserverClient {
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const send = createOpenChoreoFetch(options);
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await send(
      new Request(`${baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body: JSON.stringify(body),
      }),
    );
    return (await response.json()) as T;
  };
  return {
    baseUrl,
    queryLogs: query => post('/api/v1/logs/query', query),
    queryEvents: query => post('/api/v1/events/query', query),
  };
}
