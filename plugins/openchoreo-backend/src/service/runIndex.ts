import { InputError } from '@backstage/errors';
import type {
  WorkflowRunPage,
  WorkflowRunSummary,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { isUnfinished, newestFirst } from './runMappers';

/** How the index reads OpenChoreo for one request (with that request's client and cache). */
export interface RunIndexReader {
  /** Every run of the component, summarised; any order (OpenChoreo's lists follow run names). */
  listAll(): Promise<WorkflowRunSummary[]>;
  /** One run, fresh enough for a page; `undefined` when it no longer exists. */
  read(name: string): Promise<WorkflowRunSummary | undefined>;
}

/** Options of {@link RunIndex}. */
export interface RunIndexOptions {
  /** After this long a read starts a rescan in the background (0: every read rescans first). */
  rescanAfterMs: number;
  /** After this long a read waits for a rescan instead of answering from the old index. */
  maxStaleMs?: number;
  /** How long a scan counts as fresh: pages served within it re-read no unfinished run. */
  freshMs?: number;
  /** Components (per caller) kept; the least recently read are dropped first. Default 500. */
  maxEntries?: number;
  /** Told when a background rescan fails (the old index keeps serving). */
  onBackgroundError?: (error: unknown) => void;
  now?: () => number;
}

interface Entry {
  runs: WorkflowRunSummary[];
  scannedAt: number;
  scanning?: Promise<Entry>;
}

interface Cursor {
  createdAt: string;
  name: string;
}

/**
 * The builds of each component, newest first, for paging. OpenChoreo lists runs in name order
 * (Kubernetes' order; run names end in random hex) with no sort option and no count, so the
 * newest run can be on any upstream page: the only correct first page is one made from all of
 * them. The index reads them all once (100 per request), answers every page, the summary card
 * and every viewer from that, and keeps up cheaply: a page re-reads only its unfinished runs;
 * builds the portal starts or cancels are added and removed at once; a rescan (in the background
 * after `rescanAfterMs`) picks up builds started elsewhere. Entries are kept per caller
 * partition, so nobody is shown runs listed with someone else's rights.
 *
 * Cursors are keyset cursors (the last run's creation time and name), so a build started while
 * someone pages never shifts or repeats the older pages.
 */
export class RunIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: RunIndexOptions) {
    this.now = options.now ?? Date.now;
  }

  /** One page of a component's builds, newest first. */
  async page(
    key: string,
    reader: RunIndexReader,
    query: { limit: number; cursor?: string },
  ): Promise<WorkflowRunPage> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const entry = await this.current(key, reader);
    const start = after
      ? entry.runs.findIndex(run => newestFirst(after, toCursor(run)) < 0)
      : 0;
    const from = start === -1 ? entry.runs.length : start;
    let items = entry.runs.slice(from, from + query.limit);
    if (this.now() - entry.scannedAt >= (this.options.freshMs ?? 0)) {
      items = await this.refreshUnfinished(entry, items, reader);
    }
    const last = items[items.length - 1];
    const more = from + query.limit < entry.runs.length;
    return {
      items,
      ...(more && last ? { nextCursor: encodeCursor(toCursor(last)) } : {}),
    };
  }

  /**
   * Replaces the runs of `key` with what a scan made elsewhere found (the background indexer),
   * keeping builds the portal added since that scan started.
   */
  put(key: string, runs: WorkflowRunSummary[], scannedAt: number): void {
    const entry = this.entries.get(key);
    const merged = mergeNewer(
      [...runs].sort(newestFirst),
      entry?.runs ?? [],
      scannedAt,
    );
    if (entry) {
      entry.runs = merged;
      entry.scannedAt = scannedAt;
      return;
    }
    this.entries.set(key, { runs: merged, scannedAt });
    this.evict();
  }

  /** Whether `key` has an entry in the index (scanned or put). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** How many runs the entry of `key` holds (0 without one). */
  count(key: string): number {
    return this.entries.get(key)?.runs.length ?? 0;
  }

  /** Adds a build the portal just started to every caller's index of its component. */
  add(componentKey: string, run: WorkflowRunSummary): void {
    for (const [key, entry] of this.entries) {
      if (partOf(key) !== componentKey) continue;
      entry.runs = [
        run,
        ...entry.runs.filter(existing => existing.name !== run.name),
      ].sort(newestFirst);
    }
  }

  /** Removes a build the portal just deleted (cancelled) from every caller's index. */
  remove(componentKey: string, name: string): void {
    for (const [key, entry] of this.entries) {
      if (partOf(key) !== componentKey) continue;
      entry.runs = entry.runs.filter(run => run.name !== name);
    }
  }

  private async current(key: string, reader: RunIndexReader): Promise<Entry> {
    const entry = this.entries.get(key);
    if (entry) {
      // Least recently read first when evicting: Map iteration is insertion order.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    const age = entry ? this.now() - entry.scannedAt : Infinity;
    const { rescanAfterMs, maxStaleMs = 10 * 60_000 } = this.options;
    if (!entry || rescanAfterMs === 0 || age >= maxStaleMs) {
      return this.scan(key, reader);
    }
    if (age >= rescanAfterMs && !entry.scanning) {
      this.scan(key, reader).catch(error =>
        this.options.onBackgroundError?.(error),
      );
    }
    return entry;
  }

  /** Reads every run of the component once, however many callers wait for it. */
  private scan(key: string, reader: RunIndexReader): Promise<Entry> {
    const existing = this.entries.get(key);
    if (existing?.scanning) return existing.scanning;
    const entry: Entry = existing ?? { runs: [], scannedAt: -Infinity };
    if (!existing) {
      this.entries.set(key, entry);
      this.evict();
    }
    const startedAt = this.now();
    entry.scanning = reader.listAll().then(
      runs => {
        // Keep what the portal added while the scan ran (the scan may have missed it).
        entry.runs = mergeNewer(
          [...runs].sort(newestFirst),
          entry.runs,
          startedAt,
        );
        entry.scannedAt = startedAt;
        entry.scanning = undefined;
        return entry;
      },
      error => {
        entry.scanning = undefined;
        if (entry.scannedAt === -Infinity && this.entries.get(key) === entry) {
          this.entries.delete(key);
        }
        throw error;
      },
    );
    return entry.scanning;
  }

  private async refreshUnfinished(
    entry: Entry,
    items: WorkflowRunSummary[],
    reader: RunIndexReader,
  ): Promise<WorkflowRunSummary[]> {
    const refreshed = await Promise.all(
      items.map(run => (isUnfinished(run) ? reader.read(run.name) : run)),
    );
    const gone = new Set<string>();
    refreshed.forEach((run, i) => {
      if (!run) gone.add(items[i].name);
    });
    const byName = new Map(
      refreshed.flatMap(run => (run ? [[run.name, run] as const] : [])),
    );
    entry.runs = entry.runs
      .filter(run => !gone.has(run.name))
      .map(run => byName.get(run.name) ?? run);
    return refreshed.filter((run): run is WorkflowRunSummary => !!run);
  }

  private evict(): void {
    const max = this.options.maxEntries ?? 500;
    for (const key of this.entries.keys()) {
      if (this.entries.size <= max) return;
      this.entries.delete(key);
    }
  }
}

/** The key of a component's index for one caller partition. */
export function runIndexKey(
  partition: string,
  namespace: string,
  component: string,
): string {
  return `${componentIndexKey(namespace, component)}@${partition}`;
}

/** The part of {@link runIndexKey} shared by every caller. */
export function componentIndexKey(namespace: string, component: string) {
  return `${namespace}/${component}`;
}

function partOf(key: string): string {
  return key.slice(0, key.lastIndexOf('@'));
}

/** Runs the portal added after the scan started survive it (the scan may have missed them). */
function mergeNewer(
  scanned: WorkflowRunSummary[],
  current: WorkflowRunSummary[],
  scanStartedAt: number,
): WorkflowRunSummary[] {
  const names = new Set(scanned.map(run => run.name));
  const added = current.filter(
    run =>
      !names.has(run.name) &&
      Date.parse(run.createdAt ?? '') >= scanStartedAt - 60_000,
  );
  return [...scanned, ...added].sort(newestFirst);
}

function toCursor(run: WorkflowRunSummary): Cursor {
  return { createdAt: run.createdAt ?? '', name: run.name };
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.name])).toString(
    'base64url',
  );
}

function decodeCursor(text: string): Cursor {
  try {
    const [createdAt, name] = JSON.parse(
      Buffer.from(text, 'base64url').toString('utf8'),
    );
    if (typeof createdAt === 'string' && typeof name === 'string' && name) {
      return { createdAt, name };
    }
  } catch {
    // reported below
  }
  throw new InputError(
    'Invalid cursor: pass the nextCursor of the previous page unchanged, or leave it out for the first page',
  );
}
