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
import type { BuildHistoryStore } from './history/BuildHistoryStore';
import { historyCursor } from './history/BuildHistoryStore';
import {
  isUnfinished,
  newestFirst,
  toWorkflowRunDetails,
  toWorkflowRunSummary,
} from './runMappers';
import type { StepLogCache } from './stepLogs/stepLogCache';
import type { WorkflowFactsService } from './WorkflowFactsService';

/** A run's answer with the component it builds, which the route authorises before sending. */
export interface Authorizable<T> {
  /** The component of the run's `openchoreo.dev/component` label. */
  component: string;
  body: T;
}

/** How long a namespace found scanned is remembered as such, in ms (a small bounded map). */
const WARM_MEMORY_MS = 60_000;
/** Namespaces remembered as scanned, at most. */
const MAX_WARM_NAMESPACES = 1000;

/**
 * Build (WorkflowRun) reads: pages of a component's runs (newest first, from the builds history
 * in the plugin's database), one run with its steps, its logs and its events. Each single-run
 * read fetches the run (to know its component, for authorisation) and what was asked for in
 * parallel: one round trip.
 */
export class WorkflowRunsService {
  private readonly history?: BuildHistoryStore;
  /** Namespaces the background scan has listed in full (then the history answers for them). */
  private readonly warm = new Map<string, number>();
  private readonly logs: StepLogCache;

  constructor(
    private readonly ctx: OpenChoreoServiceContext,
    private readonly workflows: WorkflowFactsService,
    options: {
      /**
       * The builds history. The lists read it once the background scan has listed a namespace
       * in full (the scan is off with `openchoreo.builds.indexIntervalSeconds` 0 or the cache
       * off: each list then reads the component's runs, shared for the status TTL).
       */
      history?: BuildHistoryStore;
      /** Whether the background scan runs (only then does the history answer the lists). */
      scanning?: boolean;
      /** Where step logs are kept between reads (chunked, shared by every viewer). */
      logs: StepLogCache;
    },
  ) {
    this.history = options.scanning ? options.history : undefined;
    this.recorder = options.history;
    this.logs = options.logs;
  }

  /** Where the portal's own starts and cancels are written (the history, scan or not). */
  private readonly recorder?: BuildHistoryStore;

  /**
   * One page of a component's runs, newest first across all pages. With the namespace in the
   * history (the background scan listed it): one access probe as the signed-in user (user
   * tokens on), then the page from the history; otherwise every run of the component read as
   * the caller (shared for the status TTL) and paged here.
   */
  async listPage(
    namespace: string,
    component: string,
    page: { limit: number; cursor?: string },
  ): Promise<WorkflowRunPage> {
    const history = this.history;
    // As the service account (openchoreo.auth.userTokens off) the caller is who made the
    // history: there is nothing more to check than the Backstage permission the route checked.
    if (
      history &&
      (await this.isWarm(history, namespace)) &&
      (this.ctx.caller !== 'user' ||
        (await this.probeRunAccess(namespace, component)) ||
        !(await history.hasLiveRuns(namespace, component)))
    ) {
      const found = await history.page(namespace, component, page);
      return { ...found, items: await this.refreshUnfinished(found.items) };
    }
    return this.pageOfAll(namespace, component, page);
  }

  /** A component's newest runs (what its summary card shows): the first page of `count`. */
  async latest(
    namespace: string,
    component: string,
    count: number,
  ): Promise<WorkflowRunSummary[]> {
    return (await this.listPage(namespace, component, { limit: count })).items;
  }

  /** Records a build the portal just started, so every list of every replica shows it at once. */
  async recordStarted(
    namespace: string,
    run: WorkflowRunSummary,
  ): Promise<void> {
    await Promise.all([
      this.recorder?.upsert([{ ...run, namespace }]),
      run.component && this.forgetComponentRuns(namespace, run.component),
    ]);
  }

  /** Marks a run the portal just deleted (cancelled), in the history and the caches. */
  async recordDeleted(
    namespace: string,
    component: string,
    name: string,
  ): Promise<void> {
    await Promise.all([
      this.recorder?.markDeleted(namespace, [name]),
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
    const facts = ref && this.workflows.peek(namespace, ref);
    return toWorkflowRunSummary(namespace, run, facts?.paths, facts?.exists);
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

  /** A page made from every run of the component, read as the caller (shared for the status TTL). */
  private async pageOfAll(
    namespace: string,
    component: string,
    page: { limit: number; cursor?: string },
  ): Promise<WorkflowRunPage> {
    const after = page.cursor ? historyCursor.decode(page.cursor) : undefined;
    const all = await this.ctx.cache.get(
      cacheKey('runs', namespace, component),
      async () => {
        const runs = await this.ctx.call(
          `list the builds of component "${namespace}/${component}"`,
          () =>
            this.ctx.client.workflowRuns.listAll(namespace, {
              labelSelector: `${OPENCHOREO_COMPONENT_LABEL}=${component}`,
            }),
        );
        return runs
          .map(run => this.summarize(namespace, run))
          .sort(newestFirst);
      },
    );
    const from = after
      ? all.findIndex(run => newestFirst(after, keyOf(run)) < 0)
      : 0;
    const start = from === -1 ? all.length : from;
    const items = all.slice(start, start + page.limit);
    const last = items[items.length - 1];
    return {
      items,
      ...(start + page.limit < all.length && last
        ? { nextCursor: historyCursor.encode(keyOf(last)) }
        : {}),
    };
  }

  /**
   * The unfinished runs of a page as they are now (read as the caller, shared for the status
   * TTL), written back to the history; runs OpenChoreo no longer has are marked and dropped.
   */
  private async refreshUnfinished(
    items: WorkflowRunSummary[],
  ): Promise<WorkflowRunSummary[]> {
    if (!items.some(isUnfinished)) return items;
    const refreshed = await Promise.all(
      items.map(run =>
        isUnfinished(run) ? this.readSummary(run.namespace, run.name) : run,
      ),
    );
    const changed = refreshed.filter(
      (run, i): run is WorkflowRunSummary =>
        !!run && run !== items[i] && run.status !== items[i].status,
    );
    const gone = items.filter((_, i) => !refreshed[i]);
    await Promise.all([
      changed.length ? this.recorder?.upsert(changed) : undefined,
      ...gone.map(run => this.recorder?.markDeleted(run.namespace, [run.name])),
    ]);
    return refreshed.filter((run): run is WorkflowRunSummary => !!run);
  }

  /** Whether the background scan has listed the namespace in full (remembered briefly once true). */
  private async isWarm(
    history: BuildHistoryStore,
    namespace: string,
  ): Promise<boolean> {
    const known = this.warm.get(namespace);
    if (known !== undefined && Date.now() - known < WARM_MEMORY_MS) {
      return true;
    }
    const state = await history.namespaceScan(namespace);
    if (state.fullScanAt === undefined) return false;
    this.warm.delete(namespace);
    this.warm.set(namespace, Date.now());
    if (this.warm.size > MAX_WARM_NAMESPACES) {
      const oldest = this.warm.keys().next().value;
      if (oldest !== undefined) this.warm.delete(oldest);
    }
    return true;
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

function keyOf(run: WorkflowRunSummary): { createdAt: string; name: string } {
  return { createdAt: run.createdAt ?? '', name: run.name };
}
