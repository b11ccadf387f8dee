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

/** Reads a whole log from its source (OpenChoreo's live logs today, archived logs later). */
export type LogLoader = () => Promise<LogLine[]>;

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
}

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
 * chunk. Failures are never cached; a transient one is retried once.
 *
 * Keys are opaque to this class: the caller puts in them whatever keeps logs apart (run, step,
 * whose rights the answer reflects).
 */
export class StepLogCache {
  private readonly inFlight = new Map<string, Promise<Loaded>>();
  private readonly shared: SharedStore;
  private readonly ttlMs: number;
  private readonly chunkLines: number;

  constructor(options: StepLogCacheOptions) {
    this.ttlMs = options.ttlMs;
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
    const loaded = await this.join(this.loaded(key, load, false));
    const lines = await this.window(loaded, query);
    if (lines) return { lines, total: loaded.index.total };
    // A chunk expired or was evicted between the index and its read: load again, once.
    const fresh = await this.join(this.loaded(key, load, true));
    return {
      lines: (await this.window(fresh, query)) ?? [],
      total: fresh.index.total,
    };
  }

  /** The shared load of `key`: joins the one in flight, or reads the index, or loads upstream. */
  private loaded(key: string, load: LogLoader, force: boolean): Promise<Loaded> {
    const running = this.inFlight.get(key);
    if (running) return running;
    // The load serves every reader that joins it, so no single reader's deadline cancels it
    // (each reader still gives up at its own deadline); the client's timeout bounds it.
    const promise = runInRequestScope(
      { signal: new AbortController().signal },
      () => this.readThrough(key, load, force),
    ).finally(() => {
      if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
    });
    promise.catch(() => undefined);
    this.inFlight.set(key, promise);
    return promise;
  }

  private async readThrough(
    key: string,
    load: LogLoader,
    force: boolean,
  ): Promise<Loaded> {
    if (this.ttlMs > 0 && !force) {
      const index = await this.shared.get<LogIndex & JsonValue>(indexKey(key));
      if (index) return { index };
    }
    const lines = await retryTransientOnce(load);
    const chunks: LogLine[][] = [];
    for (let at = 0; at < lines.length; at += this.chunkLines) {
      chunks.push(lines.slice(at, at + this.chunkLines));
    }
    const index: LogIndex = {
      generation: randomUUID(),
      total: lines.length,
      chunkLines: this.chunkLines,
      firsts: chunks.map(c => c[0].timestamp ?? ''),
    };
    if (this.ttlMs > 0) {
      // Chunks outlive the index, so a reader that got the index just before it expired still
      // finds them; the index is written last, so nobody sees an index without its chunks.
      const chunkTtlMs = 2 * this.ttlMs + 5_000;
      await Promise.all(
        chunks.map((chunk, i) =>
          this.shared.set(
            chunkKey(index.generation, i),
            chunk as unknown as JsonValue,
            {
              ttlMs: chunkTtlMs,
            },
          ),
        ),
      );
      await this.shared.set(indexKey(key), index as unknown as JsonValue, {
        ttlMs: this.ttlMs,
      });
    }
    return { index, chunks };
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
        chunks
          ? chunks[first + i]
          : this.shared.get<JsonValue>(chunkKey(index.generation, first + i)),
      ),
    );
    if (read.some(chunk => !Array.isArray(chunk))) return undefined;
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
