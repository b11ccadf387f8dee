import type {
  WorkflowRunPage,
  WorkflowRunSummary,
} from '@openchoreo-ci/plugin-openchoreo-common';
import {
  componentIndexKey,
  RunIndex,
  runIndexKey,
  type RunIndexReader,
} from './runIndex';

/** The partition of the shared index: runs listed by the service account, for every viewer. */
const SHARED_PARTITION = 'shared-index';

/** Options of {@link SharedRunIndex}. */
export interface SharedRunIndexOptions {
  /** Pages served within this long of a scan re-read no unfinished run (the status TTL). */
  freshMs: number;
  /** A namespace whose last scan is older than this is cold (callers scan for themselves). */
  maxAgeMs: number;
  now?: () => number;
}

/**
 * The builds of every component of the namespaces the background indexer scanned, listed as
 * the service account, newest first. It is served only after the caller's own access probe
 * (see `WorkflowRunsService.listPage`): it spares each viewer the scan of every run, not the
 * check of their rights. Paging, cursors and the re-reading of unfinished runs are
 * {@link RunIndex}'s.
 */
export class SharedRunIndex {
  private readonly index: RunIndex;
  private readonly scans = new Map<
    string,
    { scannedAt: number; components: Set<string> }
  >();
  private readonly now: () => number;

  constructor(private readonly options: SharedRunIndexOptions) {
    this.now = options.now ?? Date.now;
    this.index = new RunIndex({
      // Never scans on a read: the indexer replaces whole namespaces.
      rescanAfterMs: Number.MAX_SAFE_INTEGER,
      maxStaleMs: Infinity,
      freshMs: options.freshMs,
      maxEntries: Number.MAX_SAFE_INTEGER,
      now: this.now,
    });
  }

  /** Whether the namespace was scanned within `maxAgeMs`. */
  isWarm(namespace: string): boolean {
    const scan = this.scans.get(namespace);
    return !!scan && this.now() - scan.scannedAt < this.options.maxAgeMs;
  }

  /** Replaces a namespace with every run a scan started at `scannedAt` found in it. */
  replaceNamespace(
    namespace: string,
    runs: WorkflowRunSummary[],
    scannedAt: number,
  ): void {
    const byComponent = new Map<string, WorkflowRunSummary[]>();
    for (const run of runs) {
      if (!run.component) continue;
      const list = byComponent.get(run.component) ?? [];
      list.push(run);
      byComponent.set(run.component, list);
    }
    const previous = this.scans.get(namespace)?.components ?? new Set();
    for (const component of new Set([...previous, ...byComponent.keys()])) {
      this.index.put(
        this.key(namespace, component),
        byComponent.get(component) ?? [],
        scannedAt,
      );
    }
    this.scans.set(namespace, {
      scannedAt,
      components: new Set([...previous, ...byComponent.keys()]),
    });
  }

  /** Whether the last scan (or the portal since) found runs of the component. */
  hasRuns(namespace: string, component: string): boolean {
    return this.index.count(this.key(namespace, component)) > 0;
  }

  /** One page of a component of a warm namespace; `read` re-reads its unfinished runs. */
  page(
    namespace: string,
    component: string,
    read: RunIndexReader['read'],
    query: { limit: number; cursor?: string },
  ): Promise<WorkflowRunPage> {
    this.ensure(namespace, component);
    return this.index.page(
      this.key(namespace, component),
      {
        listAll: () =>
          Promise.reject(new Error('The shared build index never scans')),
        read,
      },
      query,
    );
  }

  /** Adds a build the portal just started. */
  add(namespace: string, run: WorkflowRunSummary): void {
    if (!run.component) return;
    this.ensure(namespace, run.component);
    this.index.add(componentIndexKey(namespace, run.component), run);
  }

  /** Removes a build the portal just deleted (cancelled). */
  remove(namespace: string, component: string, name: string): void {
    this.index.remove(componentIndexKey(namespace, component), name);
  }

  /** A component of a scanned namespace without runs gets an empty entry to add to. */
  private ensure(namespace: string, component: string): void {
    const scan = this.scans.get(namespace);
    const key = this.key(namespace, component);
    if (!scan || this.index.has(key)) return;
    this.index.put(key, [], scan.scannedAt);
    scan.components.add(component);
  }

  private key(namespace: string, component: string): string {
    return runIndexKey(SHARED_PARTITION, namespace, component);
  }
}
