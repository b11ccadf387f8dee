import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { WorkflowRun } from '@openchoreo-ci/openchoreo-client';
import {
  OPENCHOREO_COMPONENT_LABEL,
  type WorkflowRunSummary,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { OpenChoreoRequestAccess } from '@openchoreo-ci/plugin-openchoreo-node';
import type { BuildHistoryStore } from './BuildHistoryStore';

/** Page size of the scan: the API's maximum. */
const PAGE = 100;

/** Options of {@link BuildHistoryScanner}. */
export interface BuildHistoryScannerOptions {
  store: BuildHistoryStore;
  /** The service account's client (the history is what the service account sees). */
  ctx: Pick<OpenChoreoRequestAccess, 'client' | 'call'>;
  /** A run as the lists show it. */
  summarize(namespace: string, run: WorkflowRun): WorkflowRunSummary;
  logger: LoggerService;
  /** The task's interval: no replica scans again sooner (80% of it, for timer jitter). */
  intervalMs: number;
  /** Every namespace is listed in full at least this often (0: every scan). */
  fullScanEveryMs: number;
  /** Runs deleted upstream are kept this long. */
  retentionMs: number;
  now?: () => number;
}

/** What one scan did, for logs, tests and the benchmark. */
export interface ScanReport {
  namespaces: number;
  fullScans: number;
  /** Unfinished runs re-read one by one. */
  reread: number;
  purged: number;
}

/**
 * Keeps the builds history up to date for every replica: one replica at a time (the scheduler's
 * global scope, and a claim in the database so that no two replicas scan within an interval).
 *
 * OpenChoreo's run list has no "changed since" filter, no sort and no watch (only
 * `labelSelector`, `limit` <= 100 and `cursor`), so a new run can be on any page: finding it
 * costs a full listing. What the API does offer is the list's `remainingCount` (Kubernetes'
 * count of what follows a page), so a scan asks one run per namespace to learn how many runs it
 * has, and lists the namespace in full only when that number differs from the history's (runs
 * were created or deleted elsewhere), when OpenChoreo does not send it, or when the last full
 * listing is older than `fullScanEveryMs` (a creation and a deletion in one interval cancel
 * out in the count). Otherwise it re-reads only the runs still pending or running. Steady state:
 * 1 + namespaces + unfinished runs requests per interval, whatever the number of runs.
 */
export class BuildHistoryScanner {
  private readonly now: () => number;
  private readonly refreshing = new Map<string, Promise<void>>();

  constructor(private readonly options: BuildHistoryScannerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** One scan, if no other replica scanned within the interval; undefined when skipped. */
  async run(): Promise<ScanReport | undefined> {
    const { store, ctx, intervalMs, retentionMs } = this.options;
    if (!(await store.claimScan(Math.floor(intervalMs * 0.8)))) {
      return undefined;
    }
    const namespaces = await ctx.call('list namespaces', () =>
      ctx.client.namespaces.listAll(),
    );
    const report: ScanReport = {
      namespaces: namespaces.length,
      fullScans: 0,
      reread: 0,
      purged: 0,
    };
    for (const { metadata } of namespaces) {
      const done = await this.scanNamespace(metadata.name);
      report.fullScans += done.full ? 1 : 0;
      report.reread += done.reread;
    }
    report.purged = await store.purgeDeleted(retentionMs);
    return report;
  }

  /**
   * Lists one component's runs in full as the service account (after an event about it):
   * new runs are added, runs gone upstream marked. Concurrent calls for one component share one
   * listing.
   */
  refreshComponent(namespace: string, component: string): Promise<void> {
    const key = `${namespace}/${component}`;
    const running = this.refreshing.get(key);
    if (running) return running;
    const done = this.listComponent(namespace, component).finally(() =>
      this.refreshing.delete(key),
    );
    this.refreshing.set(key, done);
    return done;
  }

  /** Reads one run after an event about it: written as it is, or marked gone. */
  async refreshRun(namespace: string, name: string): Promise<void> {
    const { store, ctx, summarize } = this.options;
    try {
      const run = await ctx.call(`read build "${namespace}/${name}"`, () =>
        ctx.client.workflowRuns.get(namespace, name),
      );
      await store.upsert([summarize(namespace, run)]);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      await store.markDeleted(namespace, [name]);
    }
  }

  private async listComponent(
    namespace: string,
    component: string,
  ): Promise<void> {
    const { store, ctx, summarize } = this.options;
    const from = this.now();
    const runs = await ctx.call(
      `list the builds of component "${namespace}/${component}"`,
      () =>
        ctx.client.workflowRuns.listAll(namespace, {
          labelSelector: `${OPENCHOREO_COMPONENT_LABEL}=${component}`,
        }),
    );
    await store.upsert(
      runs.map(run => summarize(namespace, run)),
      from,
    );
    await store.markUnseenDeleted(namespace, from, component);
  }

  private async scanNamespace(
    namespace: string,
  ): Promise<{ full: boolean; reread: number }> {
    const { store, fullScanEveryMs } = this.options;
    const state = await store.namespaceScan(namespace);
    const due =
      state.fullScanAt === undefined ||
      this.now() - state.fullScanAt >= fullScanEveryMs;
    if (due || (await this.countChanged(namespace))) {
      await this.fullScan(namespace);
      return { full: true, reread: 0 };
    }
    const reread = await this.rereadUnfinished(namespace);
    await store.recordNamespaceScan(namespace);
    return { full: false, reread };
  }

  /** Whether OpenChoreo's count of the namespace's runs differs from the history's (or is unknown). */
  private async countChanged(namespace: string): Promise<boolean> {
    const { store, ctx } = this.options;
    const page = await ctx.call(
      `count the builds of namespace "${namespace}"`,
      () => ctx.client.workflowRuns.list(namespace, { limit: 1 }),
    );
    const remaining = page.pagination?.remainingCount;
    let total: number | undefined;
    if (!page.pagination?.nextCursor) total = page.items.length;
    else if (typeof remaining === 'number')
      total = page.items.length + remaining;
    return total === undefined || total !== (await store.liveCount(namespace));
  }

  /** Every page of the namespace, written as it comes (nothing held beyond one page). */
  private async fullScan(namespace: string): Promise<void> {
    const { store, ctx, summarize } = this.options;
    const from = this.now();
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const at = cursor;
      const page = await ctx.call(
        `list the builds of namespace "${namespace}"`,
        () =>
          ctx.client.workflowRuns.list(namespace, {
            limit: PAGE,
            ...(at ? { cursor: at } : {}),
          }),
      );
      await store.upsert(
        page.items.map(run => summarize(namespace, run)),
        from,
      );
      cursor = page.pagination?.nextCursor || undefined;
      if (cursor !== undefined) {
        if (seen.has(cursor)) {
          throw new Error(
            `OpenChoreo returned the same cursor twice while listing the builds of namespace "${namespace}"`,
          );
        }
        seen.add(cursor);
      }
    } while (cursor !== undefined);
    await store.markUnseenDeleted(namespace, from);
    await store.recordNamespaceScan(namespace, from);
  }

  private async rereadUnfinished(namespace: string): Promise<number> {
    const { store, ctx, summarize } = this.options;
    const names = await store.unfinished(namespace);
    const gone: string[] = [];
    for (const name of names) {
      try {
        const run = await ctx.call(`read build "${namespace}/${name}"`, () =>
          ctx.client.workflowRuns.get(namespace, name),
        );
        await store.upsert([summarize(namespace, run)]);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        gone.push(name);
      }
    }
    await store.markDeleted(namespace, gone);
    return names.length;
  }
}
