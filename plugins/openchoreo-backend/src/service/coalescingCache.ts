/** Options of {@link CoalescingCache}. */
export interface CoalescingCacheOptions {
  /** How long a loaded value is reused, in ms (0: only concurrent callers share). */
  ttlMs: number;
  /** Upper bound of remembered values; the oldest are dropped first (default 1000). */
  maxEntries?: number;
  /** Clock in ms; for tests. */
  now?: () => number;
}

interface Entry {
  value?: unknown;
  loadedAt?: number;
  inFlight?: Promise<unknown>;
}

/**
 * A tiny read-through cache for upstream reads: concurrent callers of the same key share one
 * in-flight load, and a loaded value is reused for `ttlMs`. Failures are shared by the callers
 * that were waiting but never cached.
 */
export class CoalescingCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: CoalescingCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** Returns the fresh value of `key`, joining an in-flight load or starting `load`. */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry?.inFlight) {
      return entry.inFlight as Promise<T>;
    }
    if (
      entry?.loadedAt !== undefined &&
      this.now() - entry.loadedAt < this.ttlMs
    ) {
      return Promise.resolve(entry.value as T);
    }
    const fresh: Entry = {};
    const inFlight = load().then(
      value => {
        if (this.entries.get(key) === fresh) {
          fresh.inFlight = undefined;
          fresh.value = value;
          fresh.loadedAt = this.now();
        }
        return value;
      },
      (error: unknown) => {
        if (this.entries.get(key) === fresh) {
          this.entries.delete(key);
        }
        throw error;
      },
    );
    fresh.inFlight = inFlight;
    this.entries.delete(key);
    this.entries.set(key, fresh);
    this.evict();
    return inFlight;
  }

  /** Forgets every key starting with `prefix` (after a write), so the next read goes upstream. */
  invalidate(prefix: string): void {
    for (const key of [...this.entries.keys()]) {
      if (key.startsWith(prefix)) {
        this.entries.delete(key);
      }
    }
  }

  private evict(): void {
    // Map iteration is insertion order: the first keys are the oldest loads.
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) {
        return;
      }
      this.entries.delete(key);
    }
  }
}
