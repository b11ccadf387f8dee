import express, {
  type ErrorRequestHandler,
  type Express,
  type Request,
  type Response,
} from 'express';
import { createAuthMiddleware, type ApiAuthOptions } from '../api/auth';
import { callerOf } from '../api/authz/enforce';
import { decide } from '../api/authz/decide';
import type { AuthzHierarchy } from '../api/authz/actions';
import { requestLog } from '../api/requestLog';
import type { ResourceStore } from '../api/store';
import type { RunObservability } from '../api/simulation/types';
import {
  archiveRun,
  isCompletedRun,
  type ArchivedRun,
  type ObserverArchive,
} from './archive';

/** The Observer's error titles (`ErrorResponse.title` in observer-api.yaml). */
type ErrorTitle =
  | 'badRequest'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'internalServerError';

const STATUS: Record<ErrorTitle, number> = {
  badRequest: 400,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  internalServerError: 500,
};

/** An error answered as the Observer's `{title, errorCode, message}`. */
export class ObserverError extends Error {
  constructor(
    readonly title: ErrorTitle,
    message: string,
    readonly errorCode = '',
  ) {
    super(message);
  }
}

const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 100;

/** Options of the Observer stand-in's express app. */
export interface ObserverRouterOptions {
  auth: ApiAuthOptions;
  archive: ObserverArchive;
  /** The OpenChoreo API's state (for the `/_devstack` pod collection control). */
  store?: ResourceStore;
  /** The workflow plane's live logs (the simulation), archived on collection. */
  source?: RunObservability;
  /** Collects a completed run's pods on the workflow plane (the simulation's `expireLogs`). */
  collectPods?: (namespace: string, name: string) => boolean;
  logger?: (line: string) => void;
}

interface WorkflowScope {
  namespace: string;
  workflowRunName?: string;
  taskName?: string;
}

interface ParsedQuery {
  start: number;
  end: number;
  limit: number;
  sortOrder: 'asc' | 'desc';
  /** Undefined for a component scope (the devstack has no component logs). */
  scope?: WorkflowScope;
  searchPhrase?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseTime(body: Record<string, unknown>, field: string): number {
  const value = body[field];
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) {
    throw new ObserverError(
      'badRequest',
      `Invalid '${field}': expected an RFC 3339 date-time`,
    );
  }
  return time;
}

/** Checks a `LogsQueryRequest` or `EventsQueryRequest` as the Observer does. */
function parseQuery(body: unknown, withPhrase: boolean): ParsedQuery {
  if (!isObject(body)) {
    throw new ObserverError('badRequest', 'Invalid request body');
  }
  if (body.startTime === undefined || body.endTime === undefined) {
    throw new ObserverError(
      'badRequest',
      "Missing required fields 'startTime' and 'endTime'",
    );
  }
  const start = parseTime(body, 'startTime');
  const end = parseTime(body, 'endTime');
  if (end < start) {
    throw new ObserverError('badRequest', "'endTime' is before 'startTime'");
  }
  const scope = body.searchScope;
  if (
    !isObject(scope) ||
    typeof scope.namespace !== 'string' ||
    !scope.namespace
  ) {
    throw new ObserverError(
      'badRequest',
      "Missing required field 'searchScope.namespace'",
    );
  }
  const limit = body.limit ?? DEFAULT_LIMIT;
  if (
    typeof limit !== 'number' ||
    !Number.isInteger(limit) ||
    limit < 1 ||
    limit > MAX_LIMIT
  ) {
    throw new ObserverError(
      'badRequest',
      `'limit' must be an integer from 1 to ${MAX_LIMIT}`,
    );
  }
  const sortOrder = body.sortOrder ?? 'desc';
  if (sortOrder !== 'asc' && sortOrder !== 'desc') {
    throw new ObserverError('badRequest', "'sortOrder' must be asc or desc");
  }
  const text = (key: string) => {
    const value = scope[key];
    if (value !== undefined && typeof value !== 'string') {
      throw new ObserverError(
        'badRequest',
        `'searchScope.${key}' must be a string`,
      );
    }
    return value || undefined;
  };
  const componentScope = ['project', 'component', 'environment'].some(
    key => text(key) !== undefined,
  );
  const searchPhrase = body.searchPhrase;
  if (
    withPhrase &&
    searchPhrase !== undefined &&
    typeof searchPhrase !== 'string'
  ) {
    throw new ObserverError('badRequest', "'searchPhrase' must be a string");
  }
  return {
    start,
    end,
    limit,
    sortOrder,
    scope: componentScope
      ? undefined
      : {
          namespace: scope.namespace,
          workflowRunName: text('workflowRunName'),
          taskName: text('taskName'),
        },
    searchPhrase:
      typeof searchPhrase === 'string' && searchPhrase
        ? searchPhrase
        : undefined,
  };
}

/** `Namespace default, Project p, Component c`, for the 403 message. */
function describeHierarchy(h: AuthzHierarchy, run?: string) {
  return [
    h.namespace && `Namespace ${h.namespace}`,
    h.project && `Project ${h.project}`,
    h.component && `Component ${h.component}`,
    run && `WorkflowRun ${run}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * The archived runs a query reaches, each checked against the caller's `workflowrun:view`: a
 * named run the caller may not view is a 403 (as the Observer refuses a scope); across a
 * namespace, runs the caller may not view are left out.
 */
function runsInScope(
  archive: ObserverArchive,
  res: Response,
  scope: WorkflowScope,
  what: 'logs' | 'events',
): ArchivedRun[] {
  const subject = callerOf(res);
  const mayView = (run: ArchivedRun) =>
    decide(subject, 'workflowrun:view', run.hierarchy).allowed;
  if (scope.workflowRunName) {
    const run = archive.get(scope.namespace, scope.workflowRunName);
    if (!run) return [];
    if (!mayView(run)) {
      throw new ObserverError(
        'forbidden',
        `Subject ${
          subject.sub ?? '(unknown)'
        } has no permission to view ${what} of ${describeHierarchy(
          run.hierarchy,
          run.name,
        )}`,
      );
    }
    return [run];
  }
  return archive.inNamespace(scope.namespace).filter(mayView);
}

function select<T extends { timestamp: string }>(
  entries: T[],
  query: ParsedQuery,
): { page: T[]; total: number } {
  const sorted = entries
    .map((entry, i) => ({ entry, i, t: Date.parse(entry.timestamp) }))
    .filter(({ t }) => t >= query.start && t <= query.end)
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map(({ entry }) => entry);
  if (query.sortOrder === 'desc') sorted.reverse();
  return {
    page: sorted.slice(0, query.limit),
    total: Math.min(sorted.length, MAX_LIMIT),
  };
}

/**
 * The Observer stand-in's express app: `GET /health`, `POST /api/v1/logs/query` and
 * `POST /api/v1/events/query` for workflow scopes (bearer JWT of the devstack's identity
 * provider; the caller needs `workflowrun:view` on the runs), and the test control
 * `POST /_devstack/workflowruns/:namespace/:name/collect` (no auth, loopback only) that
 * collects a completed run's pods now: its live logs are gone, the archive keeps them.
 */
export function createObserverRouter(options: ObserverRouterOptions): Express {
  const { archive } = options;
  const app = express();
  app.disable('x-powered-by');
  if (options.logger) app.use(requestLog(options.logger));

  app.get('/health', (_req, res) => {
    res.json({ status: 'healthy' });
  });

  app.post('/_devstack/workflowruns/:namespace/:name/collect', (req, res) => {
    const { namespace, name } = req.params;
    const run = options.store?.get('WorkflowRun', namespace, name);
    if (!run) {
      res.status(404).json({
        message: `WorkflowRun ${namespace}/${name} not found`,
      });
      return;
    }
    if (!isCompletedRun(run)) {
      res.status(409).json({
        message: `WorkflowRun ${namespace}/${name} has not completed: its pods are still needed`,
      });
      return;
    }
    if (!archive.has(namespace, name) && options.source) {
      archiveRun(archive, options.source, run);
    }
    options.collectPods?.(namespace, name);
    res.json({
      collected: true,
      archivedLines: archive.get(namespace, name)?.lines.length ?? 0,
    });
  });

  app.use(
    '/api',
    createAuthMiddleware(options.auth, (_code, message) => ({
      title: 'unauthorized',
      errorCode: '',
      message,
    })),
  );
  app.use(express.json({ limit: '1mb' }));

  app.post('/api/v1/logs/query', (req: Request, res: Response) => {
    const started = Date.now();
    const query = parseQuery(req.body, true);
    if (!query.scope) {
      res.json({ logs: [], total: 0, tookMs: Date.now() - started });
      return;
    }
    const scope = query.scope;
    const phrase = query.searchPhrase?.toLowerCase();
    const lines = runsInScope(archive, res, scope, 'logs').flatMap(run =>
      run.lines.filter(
        line =>
          (!scope.taskName || line.task === scope.taskName) &&
          (!phrase || line.log.toLowerCase().includes(phrase)),
      ),
    );
    const { page, total } = select(lines, query);
    res.json({
      logs: page.map(({ timestamp, log }) => ({ timestamp, log })),
      total,
      tookMs: Date.now() - started,
    });
  });

  app.post('/api/v1/events/query', (req: Request, res: Response) => {
    const started = Date.now();
    const query = parseQuery(req.body, false);
    if (!query.scope) {
      res.json({ events: [], total: 0, tookMs: Date.now() - started });
      return;
    }
    const scope = query.scope;
    const events = runsInScope(archive, res, scope, 'events').flatMap(run =>
      run.events
        .filter(event => !scope.taskName || event.task === scope.taskName)
        .map(event => ({ event, run })),
    );
    const { page, total } = select(
      events.map(e => ({ ...e, timestamp: e.event.timestamp })),
      query,
    );
    res.json({
      events: page.map(({ event, run }) => ({
        timestamp: event.timestamp,
        message: event.message,
        type: event.type,
        reason: event.reason,
        metadata: {
          namespaceName: run.namespace,
          ...(run.hierarchy.project
            ? { projectName: run.hierarchy.project }
            : {}),
          ...(run.hierarchy.component
            ? { componentName: run.hierarchy.component }
            : {}),
          objectKind: event.task ? 'Pod' : 'WorkflowRun',
          objectName: event.objectName,
          objectNamespace: event.objectNamespace,
        },
      })),
      total,
      tookMs: Date.now() - started,
    });
  });

  app.use((_req, res) => {
    res.status(404).json({
      title: 'notFound',
      errorCode: '',
      message: 'Not found',
    });
  });
  const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
    if (error instanceof ObserverError) {
      res.status(STATUS[error.title]).json({
        title: error.title,
        errorCode: error.errorCode,
        message: error.message,
      });
      return;
    }
    if (error?.type === 'entity.parse.failed') {
      res.status(400).json({
        title: 'badRequest',
        errorCode: '',
        message: 'Invalid JSON request body',
      });
      return;
    }
    res.status(500).json({
      title: 'internalServerError',
      errorCode: 'OBS-V1-L-29',
      message: '',
    });
  };
  app.use(errorHandler);
  return app;
}
