import { randomUUID } from 'node:crypto';
import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  currentRequestScope,
  raceWithSignal,
  runInRequestScope,
} from '../requestDeadline';
import { SharedStore, type JsonValue } from '../sharedStore';
import { retryTransientOnce } from '../transientRetry';

/** One line of a step's log, as OpenChoreo answers it and the logs route sends it. */
export interface LogLine {
  timestamp?: string;
  log: string;
}

/** Which lines of a log to answer: from a line number, and/or newer than a time. */
export interface LogWindowQuery {
  /** The first line to answer (0-based); lines before it are neither read nor sent. */
  fromLine?: number;
  /** Only lines whose timestamp is at or after this ISO time (lines without one are dropped). */
  since?: string;
}

/** The lines asked for, and how many lines the whole log has (the next `fromLine`). */
export interface LogWindow {
  lines: LogLine[];
  total: number;
}

/**
 * Reads a log from its source (OpenChoreo's live logs today, archived logs later), in time
 * order: the whole log, or with `sinceSeconds` the lines of the last that many seconds (a source
 * that cannot may answer the whole log: the cache then finds the new lines itself).
 */
export type LogLoader = (options: {
  sinceSeconds?: number;
}) => Promise<LogLine[]>;

/** Options of {@link StepLogCache}. */
export interface StepLogCacheOptions {
  /** Backstage's cache service (memory in one process, Redis shared by every replica). */
  store: CacheService;
  logger: LoggerService;
  /** How long a loaded log is reused, in ms (0: only concurrent readers share one load). */
  ttlMs: number;
  /** Lines per stored chunk (default {@link DEFAULT_CHUNK_LINES}). */
  chunkLines?: number;
  /** How long to wait for the store before going upstream, in ms (default 1000). */
  storeTimeoutMs?: number;
  /** Clock in ms (default `Date.now`); for tests. */
  now?: () => number;
}

/** Lines per stored chunk: a tail poll reads one or two chunks of this size. */
export const DEFAULT_CHUNK_LINES = 500;

/** What is stored per log: its size and where its chunks are; small, so cheap to read. */
interface LogIndex {
  /** Names this load's chunks: a new load never mixes with an older one's chunks. */
  generation: string;
  total: number;
  chunkLines: number;
  /** Timestamp of each chunk's first line ('' without one): `since` skips older chunks. */
  firsts: string[];
  /** Until when (ms since the epoch) this load is fresh; after it, one reader refreshes it. */
  freshUntil: number;
  /** When this generation was loaded whole (ms since the epoch): it is reloaded whole later. */
  loadedAt: number;
  /** The last line, to find where a read of the last seconds continues the log. */
  last?: LogLine;
}

/** How long a generation grows by appending before the log is read whole again, in ms. */
const GENERATION_MS = 5 * 60_000;
/** A refresh asks for the lines since the last one only when it is at most this old, in s. */
const MAX_SINCE_SECONDS = 3600;

/** A load's index, with its chunks in hand for the readers that waited on it. */
interface Loaded {
  index: LogIndex;
  chunks?: LogLine[][];
}

/**
 * Cache of whole step logs for readers that want only part of them (a viewer tailing a running
 * step asks for the lines after the last one it has). A log is loaded once per `ttlMs` for all
 * readers (concurrent readers in this process share one load; replicas share the stored result)
 * and stored as chunks of `chunkLines` lines with a small index, so a read costs the chunks it
 * answers from, not the whole log: a tail poll of a 50,000-line log reads the index and the last
 * chunk. Once a load is older than `ttlMs`, readers are still answered from it while one refresh
 * (per key and process) runs in the background, so no poll waits for a big log; new lines appear
 * at the next poll after it (`ttlMs` plus the refresh's time at most). A refresh asks the source
 * only for the lines since the last one it has (`sinceSeconds`) and appends them, when the answer
 * continues the stored log exactly; otherwise (and every {@link GENERATION_MS}) it reads the
 * whole log again. Failures are never cached; a transient one is retried once.
 *
 * Keys are opaque to this class: the caller puts in them whatever keeps logs apart (run, step,
 * whose rights the answer reflects).
 */
export class StepLogCache {
  private readonly inFlight = new Map<string, Promise<Loaded>>();
  private readonly shared: SharedStore;
  private readonly ttlMs: number;
  private readonly chunkLines: number;
  private readonly now: () => number;

  constructor(options: StepLogCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
    this.chunkLines = Math.max(1, options.chunkLines ?? DEFAULT_CHUNK_LINES);
    this.shared = new SharedStore({
      store: options.store,
      logger: options.logger,
      timeoutMs: options.storeTimeoutMs ?? 1000,
    });
  }

  /** The lines of the log at `key` that `query` asks for, loading it with `load` when needed. */
  async read(
    key: string,
    query: LogWindowQuery,
    load: LogLoader,
  ): Promise<LogWindow> {
    const loaded = await this.join(this.loaded(key, load));
    const lines = await this.window(loaded, query);
    if (lines) return { lines, total: loaded.index.total };
    // A chunk expired or was evicted between the index and its read: read the whole log again,
    // answering from the lines in hand (never a count ahead of the lines sent).
    const fresh = await this.join(
      runInRequestScope({ signal: new AbortController().signal }, () =>
        this.loadAndStore(key, load),
      ),
    );
    const again = await this.window(fresh, query);
    if (!again) throw new Error('The step log changed while it was read');
    return { lines: again, total: fresh.index.total };
  }

  /**
   * The load to answer from: the stored one (refreshed in the background once stale), or the one
   * in flight, or a new one.
   */
  private async loaded(key: string, load: LogLoader): Promise<Loaded> {
    if (this.ttlMs > 0) {
      const index = await this.shared.get<LogIndex & JsonValue>(indexKey(key));
      if (index) {
        if (index.freshUntil <= this.now()) {
          this.loading(key, load, index).catch(() => undefined);
        }
        return { index };
      }
    }
    return this.loading(key, load);
  }

  /**
   * The shared load of `key` from its source: joins the one in flight or starts one, appending
   * to `previous` when it can.
   */
  private loading(
    key: string,
    load: LogLoader,
    previous?: LogIndex,
  ): Promise<Loaded> {
    const running = this.inFlight.get(key);
    if (running) return running;
    // The load serves every reader that joins it, so no single reader's deadline cancels it
    // (each reader still gives up at its own deadline); the client's timeout bounds it.
    const promise = runInRequestScope(
      { signal: new AbortController().signal },
      async () =>
        (previous && (await this.append(key, load, previous))) ||
        this.loadAndStore(key, load),
    ).finally(() => {
      if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
    });
    promise.catch(() => undefined);
    this.inFlight.set(key, promise);
    return promise;
  }

  /**
   * Appends the lines since `previous`'s last one, read with `sinceSeconds`; undefined (read the
   * whole log) when the answer does not continue the stored log exactly, or on any doubt.
   */
  private async append(
    key: string,
    load: LogLoader,
    previous: LogIndex,
  ): Promise<Loaded | undefined> {
    const { last, total, chunkLines: size } = previous;
    const now = this.now();
    if (
      !last?.timestamp ||
      size !== this.chunkLines ||
      now - previous.loadedAt >= GENERATION_MS
    ) {
      return undefined;
    }
    const age = now - Date.parse(last.timestamp);
    const sinceSeconds = Math.ceil(Math.max(0, age) / 1000) + 1;
    if (!Number.isFinite(age) || sinceSeconds > MAX_SINCE_SECONDS) {
      return undefined;
    }
    const recent = await retryTransientOnce(() => load({ sinceSeconds }));
    const start = recent[0]?.timestamp;
    if (!start || start > last.timestamp) return undefined;
    // The stored lines at or after the first recent one must open the answer, line for line.
    const tail: LogLine[] = [];
    for (let c = previous.firsts.length - 1; c >= 0; c--) {
      const chunk = await this.chunk(previous, c);
      if (!chunk) return undefined;
      tail.unshift(...chunk);
      if (previous.firsts[c] !== '' && previous.firsts[c] < start) break;
    }
    const known = tail.filter(l => (l.timestamp ?? '') >= start);
    if (
      known.length === 0 ||
      known.length > recent.length ||
      known.some(
        (l, i) =>
          l.log !== recent[i].log || l.timestamp !== recent[i].timestamp,
      )
    ) {
      return undefined;
    }
    const added = recent.slice(known.length);
    const index: LogIndex = {
      ...previous,
      freshUntil: now + this.ttlMs,
    };
    if (added.length > 0) {
      const open = Math.floor(total / size);
      const partial =
        total % size === 0 ? [] : tail.slice(tail.length - (total % size));
      const grown = [...partial, ...added];
      const chunks: LogLine[][] = [];
      for (let at = 0; at < grown.length; at += size) {
        chunks.push(grown.slice(at, at + size));
      }
      index.total = total + added.length;
      index.firsts = [
        ...previous.firsts.slice(0, open),
        ...chunks.map(c => c[0].timestamp ?? ''),
      ];
      index.last = added[added.length - 1];
      // Rewritten chunks only grow: a reader of the previous index still reads its lines.
      await this.storeChunks(index, chunks, open);
    }
    await this.storeIndex(key, index);
    return { index };
  }

  private async loadAndStore(key: string, load: LogLoader): Promise<Loaded> {
    const lines = await retryTransientOnce(() => load({}));
    const chunks: LogLine[][] = [];
    for (let at = 0; at < lines.length; at += this.chunkLines) {
      chunks.push(lines.slice(at, at + this.chunkLines));
    }
    const index: LogIndex = {
      generation: randomUUID(),
      total: lines.length,
      chunkLines: this.chunkLines,
      firsts: chunks.map(c => c[0].timestamp ?? ''),
      freshUntil: this.now() + this.ttlMs,
      loadedAt: this.now(),
      last: lines[lines.length - 1],
    };
    if (this.ttlMs > 0) {
      // The index is written last: nobody sees an index without its chunks.
      await this.storeChunks(index, chunks, 0);
      await this.storeIndex(key, index);
    }
    return { index, chunks };
  }

  /**
   * The index stays (stale) for a while after it is due, to answer readers during a refresh.
   * Chunks outlive every index of their generation, so a reader that got an index just before
   * it went still finds them.
   */
  private indexTtlMs(): number {
    return 2 * this.ttlMs + 5_000;
  }

  private async storeChunks(
    index: LogIndex,
    chunks: LogLine[][],
    from: number,
  ): Promise<void> {
    const ttlMs = GENERATION_MS + this.indexTtlMs() + this.ttlMs + 5_000;
    await Promise.all(
      chunks.map((chunk, i) =>
        this.shared.set(
          chunkKey(index.generation, from + i),
          chunk as unknown as JsonValue,
          { ttlMs },
        ),
      ),
    );
  }

  private async storeIndex(key: string, index: LogIndex): Promise<void> {
    await this.shared.set(indexKey(key), index as unknown as JsonValue, {
      ttlMs: this.indexTtlMs(),
    });
  }

  /**
   * Chunk `c` of a stored log as far as `index` counts it; undefined when it is missing or
   * shorter than the index says (then the log is read again).
   */
  private async chunk(
    index: LogIndex,
    c: number,
    loaded?: LogLine[][],
  ): Promise<LogLine[] | undefined> {
    const chunk =
      loaded?.[c] ??
      (await this.shared.get<JsonValue>(chunkKey(index.generation, c)));
    if (!Array.isArray(chunk)) return undefined;
    const expected = Math.min(
      index.chunkLines,
      index.total - c * index.chunkLines,
    );
    if (chunk.length < expected) return undefined;
    return (chunk as unknown as LogLine[]).slice(0, expected);
  }

  /** The asked-for lines from the chunks that hold them; undefined if a chunk is missing. */
  private async window(
    { index, chunks }: Loaded,
    query: LogWindowQuery,
  ): Promise<LogLine[] | undefined> {
    const from = Math.max(0, query.fromLine ?? 0);
    const count = index.firsts.length;
    let first = Math.floor(from / index.chunkLines);
    const since = query.since;
    if (since !== undefined) {
      // Lines come in time order: a chunk whose successor starts before `since` is all older.
      while (
        first + 1 < count &&
        index.firsts[first + 1] !== '' &&
        index.firsts[first + 1] < since
      ) {
        first += 1;
      }
    }
    if (first >= count) return [];
    const read = await Promise.all(
      Array.from({ length: count - first }, (_, i) =>
        this.chunk(index, first + i, chunks),
      ),
    );
    if (read.some(chunk => chunk === undefined)) return undefined;
    const lines = (read as LogLine[][]).flat();
    const skip = Math.max(0, from - first * index.chunkLines);
    const answer = skip > 0 ? lines.slice(skip) : lines;
    return since === undefined
      ? answer
      : answer.filter(l => (l.timestamp ?? '') >= since);
  }

  /** Waits for a shared load within the caller's own deadline. */
  private join<T>(promise: Promise<T>): Promise<T> {
    const signal = currentRequestScope()?.signal;
    return signal ? raceWithSignal(promise, signal) : promise;
  }
}

function indexKey(key: string): string {
  return `step-logs:index:${key}`;
}

function chunkKey(generation: string, chunk: number): string {
  return `step-logs:chunk:${generation}:${chunk}`;
}
