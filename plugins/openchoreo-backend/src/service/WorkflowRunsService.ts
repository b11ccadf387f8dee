import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type {
  WorkflowRun,
  WorkflowRunLogEntry,
  WorkflowRunStatusSummary,
} from '@openchoreo-ci/openchoreo-client';
import {
  OPENCHOREO_COMPONENT_LABEL,
  toWorkflowRef,
  type WorkflowRunDetails,
  type WorkflowRunEvent,
  type WorkflowRunEventsResponse,
  type WorkflowRunLogsResponse,
  type WorkflowRunPage,
  type WorkflowRunSummary,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { cacheKey, type OpenChoreoServiceContext } from './context';
import { componentIndexKey, RunIndex, runIndexKey } from './runIndex';
import { toWorkflowRunDetails, toWorkflowRunSummary } from './runMappers';
import type { StepLogCache } from './stepLogs/stepLogCache';
import { SharedRunIndex } from './sharedRunIndex';
import type { WorkflowFactsService } from './WorkflowFactsService';

/** A run's answer with the component it builds, which the route authorises before sending. */
export interface Authorizable<T> {
  /** The component of the run's `openchoreo.dev/component` label. */
  component: string;
  body: T;
}

/** How often builds started outside the portal are picked up in the lists (a rescan), in ms. */
export const RUN_RESCAN_MS = 30_000;

/**
 * Build (WorkflowRun) reads: pages of a component's runs (newest first, from the run index),
 * one run with its steps, its logs and its events. Each single-run read fetches the run (to
 * know its component, for authorisation) and what was asked for in parallel: one round trip.
 */
export class WorkflowRunsService {
  private readonly index: RunIndex;
  private readonly shared?: SharedRunIndex;
  private readonly logs: StepLogCache;

  constructor(
    private readonly ctx: OpenChoreoServiceContext,
    private readonly workflows: WorkflowFactsService,
    options: {
      /** The status cache TTL; 0 (cache off) also makes every list read every run. */
      statusTtlMs: number;
      logger: LoggerService;
      /** Default {@link RUN_RESCAN_MS}. */
      rescanAfterMs?: number;
      /**
       * The background indexer's interval (`openchoreo.builds.indexIntervalSeconds`), in ms;
       * 0 or absent: no shared index. Unused with the cache off (every list reads every run).
       */
      indexIntervalMs?: number;
      /** Where step logs are kept between reads (chunked, shared by every viewer). */
      logs: StepLogCache;
    },
  ) {
    this.logs = options.logs;
    const indexIntervalMs = options.indexIntervalMs ?? 0;
    if (indexIntervalMs > 0 && options.statusTtlMs > 0) {
      this.shared = new SharedRunIndex({
        freshMs: options.statusTtlMs,
        // A missed scan or two is fine; after that the callers scan for themselves again.
        maxAgeMs: 3 * indexIntervalMs,
      });
    }
    this.index = new RunIndex({
      rescanAfterMs:
        options.statusTtlMs === 0 ? 0 : options.rescanAfterMs ?? RUN_RESCAN_MS,
      freshMs: options.statusTtlMs,
      onBackgroundError: error =>
        options.logger.warn(
          `Could not refresh the build lists in the background; they are served as last read: ${error}`,
        ),
    });
  }

  /**
   * One page of a component's runs, newest first across all pages. With the shared index warm
   * (the background indexer scanned the namespace): one access probe as the signed-in user
   * (user tokens on), then the page from the shared index; otherwise the caller's own index (a
   * scan of every run when cold).
   */
  async listPage(
    namespace: string,
    component: string,
    page: { limit: number; cursor?: string },
  ): Promise<WorkflowRunPage> {
    const shared = this.shared;
    // As the service account (openchoreo.auth.userTokens off) the caller is who made the
    // index: there is nothing more to check than the Backstage permission the route checked.
    if (
      shared?.isWarm(namespace) &&
      (this.ctx.caller !== 'user' ||
        (await this.probeRunAccess(namespace, component)) ||
        !shared.hasRuns(namespace, component))
    ) {
      return shared.page(
        namespace,
        component,
        name => this.readSummary(namespace, name),
        page,
      );
    }
    const key = runIndexKey(this.ctx.partition, namespace, component);
    return this.index.page(
      key,
      {
        listAll: () => this.listAllRuns(namespace, component),
        read: name => this.readSummary(namespace, name),
      },
      page,
    );
  }

  /** A component's newest runs (what its summary card shows): the first page of `count`. */
  async latest(
    namespace: string,
    component: string,
    count: number,
  ): Promise<WorkflowRunSummary[]> {
    return (await this.listPage(namespace, component, { limit: count })).items;
  }

  /** Records a build the portal just started, so every list shows it at once. */
  recordStarted(namespace: string, run: WorkflowRunSummary): void {
    if (run.component) {
      this.index.add(componentIndexKey(namespace, run.component), run);
      this.shared?.add(namespace, run);
    }
  }

  /**
   * The background indexer's task: lists every run of every namespace as the service account
   * (pages of 100 per namespace, whatever the number of components) into the shared index.
   * Runs outside any request, so the context is the service account's.
   */
  async refreshSharedIndex(): Promise<void> {
    const shared = this.shared;
    if (!shared) return;
    const namespaces = await this.ctx.call('list namespaces', () =>
      this.ctx.client.namespaces.listAll(),
    );
    for (const { metadata } of namespaces) {
      const scannedAt = Date.now();
      const runs = await this.ctx.call(
        `list the builds of namespace "${metadata.name}"`,
        () => this.ctx.client.workflowRuns.listAll(metadata.name),
      );
      shared.replaceNamespace(
        metadata.name,
        runs.map(run => this.summarize(metadata.name, run)),
        scannedAt,
      );
    }
  }

  /** Forgets a run the portal just deleted, in the lists and the caches. */
  async recordDeleted(
    namespace: string,
    component: string,
    name: string,
  ): Promise<void> {
    this.index.remove(componentIndexKey(namespace, component), name);
    this.shared?.remove(namespace, component, name);
    await Promise.all([
      this.ctx.cache.invalidate(cacheKey('run', namespace, name)),
      this.forgetComponentRuns(namespace, component),
    ]);
  }

  /** Forgets the cached run lists of a component (after starting a build). */
  forgetComponentRuns(namespace: string, component: string): Promise<void> {
    return this.ctx.cache.invalidate(cacheKey('runs', namespace, component));
  }

  /** The raw run (cached briefly); NotFoundError if it does not exist. */
  getRun(namespace: string, name: string): Promise<WorkflowRun> {
    return this.ctx.cache.get(cacheKey('run', namespace, name), () =>
      this.ctx.call(`read build "${namespace}/${name}"`, () =>
        this.ctx.client.workflowRuns.get(namespace, name),
      ),
    );
  }

  /** The run as it is now, bypassing the cache (before acting on it). */
  getRunFresh(namespace: string, name: string): Promise<WorkflowRun> {
    return this.ctx.call(`read build "${namespace}/${name}"`, () =>
      this.ctx.client.workflowRuns.get(namespace, name),
    );
  }

  /** The summary of a run as the lists show it. */
  summarize(namespace: string, run: WorkflowRun): WorkflowRunSummary {
    const ref = run.spec?.workflow && toWorkflowRef(run.spec.workflow);
    const paths = ref && this.workflows.peek(namespace, ref)?.paths;
    return toWorkflowRunSummary(namespace, run, paths);
  }

  /**
   * The run with its steps and retention: one upstream read (the run carries its tasks with
   * their times and messages; `/status` would only add whether logs are live, which the logs
   * route tells when asked).
   */
  async getDetails(
    namespace: string,
    name: string,
  ): Promise<Authorizable<WorkflowRunDetails>> {
    const run = await this.getRun(namespace, name);
    const ref = run.spec?.workflow && toWorkflowRef(run.spec.workflow);
    // The workflow's markers (and retention, which OpenChoreo also copies onto the run): as
    // remembered, never a second round trip; learnt in the background for the next read.
    const facts = ref && this.workflows.peek(namespace, ref);
    if (ref && !facts) {
      this.workflows.get(namespace, ref).catch(() => undefined);
    }
    return {
      component: componentOf(namespace, run),
      body: toWorkflowRunDetails(namespace, run, {
        paths: facts?.paths,
        ttlAfterCompletion: facts?.ttlAfterCompletion,
        workflowExists: facts?.exists,
      }),
    };
  }

  /**
   * Logs of a run or one of its steps. Every viewer of a step shares one upstream read per cache
   * interval (the whole step, kept in chunks); each gets the lines after its `fromLine`, or newer
   * than `sinceSeconds`, at the cost of those lines. Says when there are none yet, or no longer
   * (the pods were collected).
   */
  async getLogs(
    namespace: string,
    name: string,
    query: { task?: string; sinceSeconds?: number; fromLine?: number },
  ): Promise<Authorizable<WorkflowRunLogsResponse>> {
    const since =
      query.sinceSeconds === undefined
        ? undefined
        : new Date(Date.now() - query.sinceSeconds * 1000).toISOString();
    const [run, window] = await Promise.all([
      this.getRun(namespace, name),
      this.logs
        .read(
          cacheKey(
            'run-logs',
            namespace,
            name,
            query.task ?? '*',
            `@${this.ctx.partition}`,
          ),
          { fromLine: query.fromLine, since },
          options => this.readLogs(namespace, name, query.task, options),
        )
        .catch((error: unknown) => error as Error),
    ]);
    const component = componentOf(namespace, run);
    if (window instanceof Error) {
      return {
        component,
        body: {
          items: [],
          nextLine: 0,
          ...(await this.whyNoLogs(namespace, run, window, 'logs')),
        },
      };
    }
    const items = window.lines.map(l => ({
      ...(l.timestamp ? { timestamp: l.timestamp } : {}),
      log: l.log,
    }));
    return {
      component,
      body: { items, nextLine: window.total, availability: 'live' },
    };
  }

  /** Kubernetes events of a run or one of its steps (shared by every viewer). */
  async getEvents(
    namespace: string,
    name: string,
    query: { task?: string },
  ): Promise<Authorizable<WorkflowRunEventsResponse>> {
    const [run, events] = await Promise.all([
      this.getRun(namespace, name),
      this.ctx.cache
        .get(cacheKey('run-events', namespace, name, query.task ?? '*'), () =>
          this.ctx.call(`read the events of build "${namespace}/${name}"`, () =>
            this.ctx.client.workflowRuns.getEvents(
              namespace,
              name,
              query.task ? { task: query.task } : undefined,
            ),
          ),
        )
        .catch((error: unknown) => error as Error),
    ]);
    const component = componentOf(namespace, run);
    if (events instanceof Error) {
      const why = await this.whyNoLogs(namespace, run, events, 'events');
      return { component, body: { items: [], ...why } };
    }
    return {
      component,
      body: { items: events as WorkflowRunEvent[], availability: 'live' },
    };
  }

  private async listAllRuns(
    namespace: string,
    component: string,
  ): Promise<WorkflowRunSummary[]> {
    const runs = await this.ctx.call(
      `list the builds of component "${namespace}/${component}"`,
      () =>
        this.ctx.client.workflowRuns.listAll(namespace, {
          labelSelector: `${OPENCHOREO_COMPONENT_LABEL}=${component}`,
        }),
    );
    return runs.map(run => this.summarize(namespace, run));
  }

  /**
   * Whether the caller sees the component's runs, asked of OpenChoreo as the caller (one run,
   * cached per caller for the status TTL). A refusal (403, or 401 for an expired sign-in) fails
   * the read as the caller's own listing would. OpenChoreo's lists drop what the caller may not
   * view instead of refusing, so an empty answer while the index holds runs means "not shown
   * to you" (or deleted since): the caller then lists for themselves. All runs of a component
   * share its scope (namespace, project, component), so seeing one means seeing all.
   */
  private async probeRunAccess(
    namespace: string,
    component: string,
  ): Promise<boolean> {
    return this.ctx.cache.get(
      cacheKey('runs-access', namespace, component),
      async () => {
        const page = await this.ctx.call(
          `list the builds of component "${namespace}/${component}"`,
          () =>
            this.ctx.client.workflowRuns.list(namespace, {
              labelSelector: `${OPENCHOREO_COMPONENT_LABEL}=${component}`,
              limit: 1,
            }),
        );
        return page.items.length > 0;
      },
    );
  }

  private async readSummary(
    namespace: string,
    name: string,
  ): Promise<WorkflowRunSummary | undefined> {
    try {
      return this.summarize(namespace, await this.getRun(namespace, name));
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  private getStatus(
    namespace: string,
    name: string,
  ): Promise<WorkflowRunStatusSummary> {
    return this.ctx.cache.get(cacheKey('run-status', namespace, name), () =>
      this.ctx.call(`read the status of build "${namespace}/${name}"`, () =>
        this.ctx.client.workflowRuns.getStatus(namespace, name),
      ),
    );
  }

  /** A run's or step's live log (all, or the last seconds), as the signed-in caller. */
  private readLogs(
    namespace: string,
    name: string,
    task: string | undefined,
    { sinceSeconds }: { sinceSeconds?: number },
  ): Promise<WorkflowRunLogEntry[]> {
    const query = {
      ...(task ? { task } : {}),
      ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
    };
    return this.ctx.call(`read the logs of build "${namespace}/${name}"`, () =>
      this.ctx.client.workflowRuns.getLogs(
        namespace,
        name,
        Object.keys(query).length > 0 ? query : undefined,
      ),
    );
  }

  /**
   * Why a run's logs or events could not be read: not started yet (OpenChoreo answers 404), or
   * gone with the run's pods (OpenChoreo answers 500 and `/status` says no live observability).
   * Any other failure is rethrown.
   */
  private async whyNoLogs(
    namespace: string,
    run: WorkflowRun,
    error: Error,
    what: 'logs' | 'events',
  ): Promise<Pick<WorkflowRunLogsResponse, 'availability' | 'message'>> {
    const started = (run.status?.tasks ?? []).some(t => !!t.startedAt);
    if (!started && error instanceof NotFoundError) {
      return {
        availability: 'not-started',
        message: `No ${what} yet: the build has not started a step.`,
      };
    }
    if (!started) throw error;
    const status = await this.getStatus(namespace, run.metadata.name).catch(
      () => undefined,
    );
    if (status && !status.hasLiveObservability) {
      const workflow = run.spec?.workflow?.name;
      return {
        availability: 'expired',
        message: `The ${what} of this build have expired: OpenChoreo keeps them only while the build's pods exist on the workflow plane${
          workflow ? ` and its workflow (${workflow}) exists` : ''
        }. The steps, their times and messages above are all that is kept.`,
      };
    }
    throw error;
  }
}

/** The component a run builds; a run without the label is not a component build (404). */
export function componentOf(namespace: string, run: WorkflowRun): string {
  const component = run.metadata.labels?.[OPENCHOREO_COMPONENT_LABEL];
  if (!component) {
    throw new NotFoundError(
      `Workflow run "${namespace}/${run.metadata.name}" is not the build of a component (no ${OPENCHOREO_COMPONENT_LABEL} label)`,
    );
  }
  return component;
}
