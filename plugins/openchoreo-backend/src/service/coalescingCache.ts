import { randomUUID } from 'node:crypto';
import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  currentRequestScope,
  raceWithSignal,
  runInRequestScope,
} from './requestDeadline';
import { SharedStore, type JsonValue } from './sharedStore';
import { retryTransientOnce } from './transientRetry';

/** Options of {@link CoalescingCache}. */
export interface CoalescingCacheOptions {
  /**
   * Where loaded values live: Backstage's cache service (memory in one process, Redis shared by
   * every replica when `backend.cache.store: redis`).
   */
  store: CacheService;
  /** How long a loaded value is reused, in ms (0: only concurrent callers share). */
  ttlMs: number;
  /** Receives a warning when the shared store fails (then reads go upstream). */
  logger: LoggerService;
  /** How long to wait for the shared store before going upstream, in ms (default 1000). */
  storeTimeoutMs?: number;
  /** Keeps the stored keys of this cache apart from other caches on the same store. */
  name?: string;
}

interface InFlight {
  promise: Promise<unknown>;
  controller: AbortController;
  /** Callers still waiting that may give up (their request has a deadline). */
  waiting: number;
  /** A caller without a deadline joined: never cancel the load. */
  pinned: boolean;
}

/** Values are stored wrapped, so that a cached `undefined` is a hit too. */
type Stored = {
  value?: JsonValue;
};

/**
 * Read-through cache for upstream reads, in two layers: concurrent callers of one key in this
 * process share one in-flight load (one upstream call per key per replica), and loaded values
 * live for `ttlMs` in the shared store, so replicas reuse each other's reads. Failures are never
 * cached; a transient failure (OpenChoreo unavailable or failing) is retried once.
 *
 * Keys are built with `cacheKey` as `<kind>|<namespace>|<name>|...`: {@link invalidate} works
 * per `<kind>|<namespace>|<name>|` scope, whatever follows in the key (page, task, partition).
 */
export class CoalescingCache {
  private readonly inFlight = new Map<string, InFlight>();
  private readonly shared: SharedStore;
  private readonly ttlMs: number;
  private readonly name: string;

  constructor(options: CoalescingCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.name = options.name ?? 'status';
    this.shared = new SharedStore({
      store: options.store,
      logger: options.logger,
      timeoutMs: options.storeTimeoutMs ?? 1000,
    });
  }

  /** Returns the fresh value of `key`, joining an in-flight load or starting `load`. */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const signal = currentRequestScope()?.signal;
    if (signal?.aborted) {
      return Promise.reject(signal.reason);
    }
    const entry = this.inFlight.get(key) ?? this.start(key, load);
    return this.join(entry, signal) as Promise<T>;
  }

  /**
   * Forgets every value of the `<kind>|<namespace>|<name>|` scope of `prefix` (after a write), in
   * every replica: the next read goes upstream.
   */
  async invalidate(prefix: string): Promise<void> {
    for (const key of [...this.inFlight.keys()]) {
      if (key.startsWith(prefix)) {
        this.inFlight.delete(key);
      }
    }
    if (this.ttlMs > 0) {
      await this.shared.set(this.versionKey(scopeOf(prefix)), randomUUID(), {
        ttlMs: Math.max(10 * 60 * 1000, 10 * this.ttlMs),
      });
    }
  }

  private start<T>(key: string, load: () => Promise<T>): InFlight {
    const controller = new AbortController();
    const entry: InFlight = {
      promise: Promise.resolve(),
      controller,
      waiting: 0,
      pinned: false,
    };
    // The load serves every caller that joins it, so it runs in its own scope: it is cancelled
    // only when all of them have given up, not at the first caller's deadline.
    entry.promise = runInRequestScope({ signal: controller.signal }, () =>
      this.readThrough(key, load, controller.signal),
    ).finally(() => {
      if (this.inFlight.get(key) === entry) {
        this.inFlight.delete(key);
      }
    });
    entry.promise.catch(() => undefined);
    this.inFlight.set(key, entry);
    return entry;
  }

  private join(
    entry: InFlight,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    if (!signal) {
      entry.pinned = true;
      return entry.promise;
    }
    entry.waiting += 1;
    const leave = () => {
      entry.waiting -= 1;
      if (entry.waiting === 0 && !entry.pinned) {
        entry.controller.abort(signal.reason);
      }
    };
    signal.addEventListener('abort', leave, { once: true });
    entry.promise.then(
      () => signal.removeEventListener('abort', leave),
      () => signal.removeEventListener('abort', leave),
    );
    return raceWithSignal(entry.promise, signal);
  }

  private async readThrough<T>(
    key: string,
    load: () => Promise<T>,
    signal: AbortSignal,
  ): Promise<T> {
    if (this.ttlMs <= 0) {
      return retryTransientOnce(load, signal);
    }
    const version =
      (await this.shared.get<string>(this.versionKey(scopeOf(key)))) ?? '0';
    const valueKey = `${this.name}:${version}:${key}`;
    const stored = await this.shared.get<Stored>(valueKey);
    if (stored !== undefined) {
      return stored.value as T;
    }
    const value = await retryTransientOnce(load, signal);
    // Upstream bodies are JSON, and so is everything the services derive from them.
    const wrapped: Stored = { value: value as JsonValue };
    await this.shared.set(valueKey, wrapped as JsonValue, {
      ttlMs: this.ttlMs,
    });
    return value;
  }

  private versionKey(scope: string): string {
    return `${this.name}-version:${scope}`;
  }
}

/**
 * `<kind>|<namespace>|<name>|` of a key or prefix (the whole of a shorter one). A last part
 * `@<partition>` (appended to keep entries per caller) is not part of the scope.
 */
export function scopeOf(keyOrPrefix: string): string {
  const parts = keyOrPrefix.split('|');
  if (
    parts[parts.length - 1] === '' ||
    parts[parts.length - 1].startsWith('@')
  ) {
    parts.pop();
  }
  return `${parts.slice(0, 3).join('|')}|`;
}
