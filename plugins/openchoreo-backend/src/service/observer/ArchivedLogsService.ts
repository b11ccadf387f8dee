import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type {
  ObserverClient,
  WorkflowRun,
} from '@openchoreo-ci/openchoreo-client';
import {
  toWorkflowRef,
  type BuildLogSearchBuild,
  type BuildLogSearchResponse,
  type WorkflowRef,
  type WorkflowRunEventsResponse,
  type WorkflowRunLogsResponse,
  type WorkflowRunSummary,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { OpenChoreoRequestAccess } from '@openchoreo-ci/plugin-openchoreo-node';
import { cacheKey, type OpenChoreoServiceContext } from '../context';
import type { Authorizable, WorkflowRunsService } from '../WorkflowRunsService';
import {
  readAllArchivedLines,
  runWindow,
  type ArchivedLines,
} from './archivedReads';

/** Where a run's logs are kept after its pods are gone, or why nowhere. */
export type ObserverResolution =
  | { kind: 'observer'; observerUrl: string; plane: string }
  | { kind: 'none'; message: string };

/** Builds searched at most by one log search (the newest). */
export const MAX_SEARCHED_BUILDS = 200;
/** Matches listed per step of a search result. */
const MAX_MATCHES_PER_STEP = 20;
/** Observer queries in flight at once for one search. */
const SEARCH_CONCURRENCY = 6;
/** The default workflow plane of a workflow without `workflowPlaneRef` (OpenChoreo's rule). */
const DEFAULT_WORKFLOW_PLANE = {
  kind: 'ClusterWorkflowPlane',
  name: 'default',
} as const;

const ADD_PLANE_HINT =
  'A platform engineer can install an observability plane and reference it from the workflow plane (spec.observabilityPlaneRef) so build logs outlive the pods.';

/**
 * Build logs and events after the build's pods are gone: the Observer of the run's observability
 * plane (workflow -> workflow plane -> observability plane -> `observerURL`, resolved with the
 * service account and cached) is read as the user, paging past its 1,000-entry limit. Also
 * searches the logs of a component's builds.
 */
export class ArchivedLogsService {
  constructor(
    private readonly ctx: OpenChoreoServiceContext,
    /** Reads the plane topology (not user data; a user may not be allowed to list planes). */
    private readonly serviceAccount: Pick<
      OpenChoreoRequestAccess,
      'client' | 'call'
    >,
    private readonly runs: WorkflowRunsService,
    private readonly logger: LoggerService,
  ) {}

  /** The Observer that keeps the logs of runs of `workflow`, or why there is none. */
  resolveObserver(
    namespace: string,
    workflow: WorkflowRef | undefined,
  ): Promise<ObserverResolution> {
    return this.ctx.cache.get(
      cacheKey('observer-of', namespace, workflow?.kind, workflow?.name),
      () => this.resolveUncached(namespace, workflow),
    );
  }

  private async resolveUncached(
    namespace: string,
    workflow: WorkflowRef | undefined,
  ): Promise<ObserverResolution> {
    const { client, call } = this.serviceAccount;
    let planeRef: { kind?: string; name?: string } = DEFAULT_WORKFLOW_PLANE;
    if (workflow) {
      try {
        const found =
          workflow.kind === 'Workflow'
            ? await call(`read workflow "${namespace}/${workflow.name}"`, () =>
                client.workflows.get(namespace, workflow.name),
              )
            : await call(`read cluster workflow "${workflow.name}"`, () =>
                client.clusterWorkflows.get(workflow.name),
              );
        planeRef =
          (found.spec as { workflowPlaneRef?: typeof planeRef } | undefined)
            ?.workflowPlaneRef ?? DEFAULT_WORKFLOW_PLANE;
      } catch (error) {
        // A deleted workflow: its runs ran on the default plane unless it named another.
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    const planeName = planeRef.name ?? DEFAULT_WORKFLOW_PLANE.name;
    const described = `${
      planeRef.kind ?? 'ClusterWorkflowPlane'
    } "${planeName}"`;
    let plane;
    try {
      plane =
        planeRef.kind === 'WorkflowPlane'
          ? await call(`read workflow plane "${namespace}/${planeName}"`, () =>
              client.planes.getWorkflowPlane(namespace, planeName),
            )
          : await call(`read cluster workflow plane "${planeName}"`, () =>
              client.planes.getClusterWorkflowPlane(planeName),
            );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      return {
        kind: 'none',
        message: `The build's workflow plane (${described}) does not exist, so no observability plane is known for it. ${ADD_PLANE_HINT}`,
      };
    }
    const obsRef = plane.spec?.observabilityPlaneRef;
    if (!obsRef?.name) {
      return {
        kind: 'none',
        message: `The build's workflow plane (${described}) has no observability plane, so nothing keeps build logs after the pods are gone. ${ADD_PLANE_HINT}`,
      };
    }
    let obs;
    try {
      obs =
        obsRef.kind === 'ObservabilityPlane'
          ? await call(
              `read observability plane "${namespace}/${obsRef.name}"`,
              () => client.planes.getObservabilityPlane(namespace, obsRef.name),
            )
          : await call(
              `read cluster observability plane "${obsRef.name}"`,
              () => client.planes.getClusterObservabilityPlane(obsRef.name),
            );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      return {
        kind: 'none',
        message: `The observability plane of the build's workflow plane (${obsRef.kind} "${obsRef.name}") does not exist. ${ADD_PLANE_HINT}`,
      };
    }
    const observerUrl = obs.spec?.observerURL;
    if (!observerUrl) {
      return {
        kind: 'none',
        message: `The observability plane ${obsRef.kind} "${obsRef.name}" has no observerURL, so its logs cannot be read.`,
      };
    }
    return {
      kind: 'observer',
      observerUrl,
      plane: `${obsRef.kind} "${obsRef.name}"`,
    };
  }

  /** The Observer client of `url`, sending the caller's token (the user's with user tokens on). */
  private observer(url: string): ObserverClient {
    return this.ctx.client.observer(url);
  }

  /** All archived lines of a run (or one step), shared per caller for the cache TTL. */
  private archivedLines(
    namespace: string,
    run: WorkflowRun,
    observerUrl: string,
    task: string | undefined,
  ): Promise<ArchivedLines> {
    const name = run.metadata.name;
    return this.ctx.cache.get(
      cacheKey('archived-logs', namespace, name, task ?? '*'),
      () =>
        this.ctx.call(
          `read the archived logs of build "${namespace}/${name}"`,
          () =>
            readAllArchivedLines(this.observer(observerUrl), {
              scope: {
                namespace,
                workflowRunName: name,
                ...(task ? { taskName: task } : {}),
              },
              ...runWindow(run),
            }),
        ),
    );
  }

  /**
   * The live logs answer, or, when the live logs are gone (`expired`), the lines the
   * observability plane kept (`archived`); says plainly when there is no observability plane.
   */
  async withArchivedLogs(
    namespace: string,
    name: string,
    query: { task?: string; fromLine?: number },
    live: Promise<Authorizable<WorkflowRunLogsResponse>>,
  ): Promise<Authorizable<WorkflowRunLogsResponse>> {
    const answer = await live;
    if (answer.body.availability !== 'expired') return answer;
    const run = await this.runs.getRun(namespace, name);
    const archived = await this.fromArchive(
      namespace,
      run,
      answer.body.message,
      observerUrl =>
        this.archivedLines(namespace, run, observerUrl, query.task),
    );
    if ('message' in archived) {
      return { ...answer, body: { ...answer.body, message: archived.message } };
    }
    const { lines, complete } = archived.found;
    return {
      component: answer.component,
      body: {
        items: lines.slice(query.fromLine ?? 0),
        nextLine: lines.length,
        availability: 'archived',
        message: complete
          ? `Archived by the observability plane (${archived.plane}): the build's pods are gone.`
          : `Archived by the observability plane (${archived.plane}); showing the first ${lines.length} lines: more than 1,000 lines share one timestamp, or the step is too long to read whole.`,
      },
    };
  }

  /** Like {@link withArchivedLogs}, for the run's (or a step's) Kubernetes events. */
  async withArchivedEvents(
    namespace: string,
    name: string,
    query: { task?: string },
    live: Promise<Authorizable<WorkflowRunEventsResponse>>,
  ): Promise<Authorizable<WorkflowRunEventsResponse>> {
    const answer = await live;
    if (answer.body.availability !== 'expired') return answer;
    const run = await this.runs.getRun(namespace, name);
    const archived = await this.fromArchive(
      namespace,
      run,
      answer.body.message,
      observerUrl =>
        this.ctx.call(
          `read the archived events of build "${namespace}/${name}"`,
          async () => {
            const page = await this.observer(observerUrl).queryEvents({
              ...runWindow(run),
              searchScope: {
                namespace,
                workflowRunName: name,
                ...(query.task ? { taskName: query.task } : {}),
              },
              sortOrder: 'asc',
              limit: 1000,
            });
            const events = (page.events ?? []).map(e => ({
              timestamp: e.timestamp ?? '',
              type: e.type ?? '',
              reason: e.reason ?? '',
              message: e.message ?? '',
            }));
            return { lines: events, complete: true, requests: 1 };
          },
        ),
    );
    if ('message' in archived) {
      return { ...answer, body: { ...answer.body, message: archived.message } };
    }
    return {
      component: answer.component,
      body: {
        items: archived.found.lines,
        availability: 'archived',
        message: `Archived by the observability plane (${archived.plane}): the build's pods are gone.`,
      },
    };
  }

  /**
   * Reads from the run's Observer; a run without an observability plane, an Observer that kept
   * nothing or could not be read all keep the "expired" answer with a message saying so.
   */
  private async fromArchive<T extends { lines: unknown[] }>(
    namespace: string,
    run: WorkflowRun,
    expiredMessage: string | undefined,
    read: (observerUrl: string) => Promise<T>,
  ): Promise<{ found: T; plane: string } | { message: string }> {
    const workflow = run.spec?.workflow && toWorkflowRef(run.spec.workflow);
    let resolution: ObserverResolution;
    try {
      resolution = await this.resolveObserver(namespace, workflow);
    } catch (error) {
      this.logger.warn(
        `Could not resolve the observability plane of build "${namespace}/${run.metadata.name}": ${error}`,
      );
      return {
        message: `${
          expiredMessage ?? ''
        } The observability plane that may keep them could not be looked up: ${errorMessage(
          error,
        )}`.trim(),
      };
    }
    if (resolution.kind === 'none') {
      return {
        message: `${expiredMessage ?? ''} ${resolution.message}`.trim(),
      };
    }
    try {
      const found = await read(resolution.observerUrl);
      if (found.lines.length === 0) {
        return {
          message: `${expiredMessage ?? ''} The observability plane (${
            resolution.plane
          }) kept none either.`.trim(),
        };
      }
      return { found, plane: resolution.plane };
    } catch (error) {
      return {
        message: `${
          expiredMessage ?? ''
        } Reading them from the observability plane (${
          resolution.plane
        }) failed: ${errorMessage(error)}`.trim(),
      };
    }
  }

  /**
   * Searches the logs of the component's newest builds (up to {@link MAX_SEARCHED_BUILDS}) for
   * `phrase` through their Observer (as the caller): one query per build, then the steps of the
   * builds with matches are read to place each match at its line. Newest build first.
   */
  async search(
    namespace: string,
    component: string,
    phrase: string,
    options: { maxBuilds?: number } = {},
  ): Promise<BuildLogSearchResponse> {
    const maxBuilds = options.maxBuilds ?? MAX_SEARCHED_BUILDS;
    const summaries: WorkflowRunSummary[] = [];
    let cursor: string | undefined;
    let truncated = false;
    do {
      const page = await this.runs.listPage(namespace, component, {
        limit: 100,
        cursor,
      });
      summaries.push(...page.items);
      cursor = page.nextCursor;
      if (summaries.length >= maxBuilds) {
        truncated = summaries.length > maxBuilds || !!cursor;
        summaries.length = Math.min(summaries.length, maxBuilds);
        break;
      }
    } while (cursor);

    const resolutions = new Map<string, Promise<ObserverResolution>>();
    const resolutionOf = (summary: WorkflowRunSummary) => {
      const key = `${summary.workflow?.kind}|${summary.workflow?.name}`;
      if (!resolutions.has(key)) {
        resolutions.set(key, this.resolveObserver(namespace, summary.workflow));
      }
      return resolutions.get(key)!;
    };

    let unsearched = 0;
    let noneMessage: string | undefined;
    const needle = phrase.toLowerCase();
    const found = await mapLimit(
      summaries,
      SEARCH_CONCURRENCY,
      async summary => {
        const resolution = await resolutionOf(summary);
        if (resolution.kind === 'none') {
          unsearched += 1;
          noneMessage ??= resolution.message;
          return undefined;
        }
        const observer = this.observer(resolution.observerUrl);
        const window = runWindow({
          metadata: { creationTimestamp: summary.createdAt },
          status: {
            startedAt: summary.startedAt,
            completedAt: summary.completedAt,
          },
        });
        const hits = await this.ctx.call(
          `search the archived logs of build "${namespace}/${summary.name}"`,
          () =>
            observer.queryLogs({
              ...window,
              searchScope: { namespace, workflowRunName: summary.name },
              searchPhrase: phrase,
              sortOrder: 'asc',
              limit: 1,
            }),
        );
        if (!hits.logs?.length) return undefined;
        const run = await this.runs.getRun(namespace, summary.name);
        const tasks = (run.status?.tasks ?? [])
          .filter(t => t.startedAt)
          .map(t => t.name);
        const steps = [];
        for (const task of tasks) {
          const { lines } = await this.archivedLines(
            namespace,
            run,
            resolution.observerUrl,
            task,
          );
          const matches = [];
          let more = false;
          for (let i = 0; i < lines.length; i++) {
            if (!lines[i].log.toLowerCase().includes(needle)) continue;
            if (matches.length === MAX_MATCHES_PER_STEP) {
              more = true;
              break;
            }
            matches.push({
              line: i + 1,
              ...(lines[i].timestamp ? { timestamp: lines[i].timestamp } : {}),
              text: lines[i].log,
            });
          }
          if (matches.length) {
            steps.push({ step: task, matches, ...(more ? { more } : {}) });
          }
        }
        if (!steps.length) return undefined;
        const build: BuildLogSearchBuild = {
          run: summary.name,
          status: summary.status,
          ...(summary.createdAt ? { createdAt: summary.createdAt } : {}),
          ...(summary.commit ? { commit: summary.commit } : {}),
          steps,
        };
        return build;
      },
    );

    const none = summaries.length > 0 && unsearched === summaries.length;
    return {
      phrase,
      // listPage is newest first; mapLimit keeps the order.
      builds: found.filter((b): b is BuildLogSearchBuild => !!b),
      searchedBuilds: summaries.length - unsearched,
      truncated,
      observability: none ? 'none' : 'available',
      ...(unsearched ? { unsearchedBuilds: unsearched } : {}),
      ...(noneMessage ? { message: noneMessage } : {}),
    };
  }
}

/** Maps `items` with at most `limit` calls in flight, keeping the order. */
async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
