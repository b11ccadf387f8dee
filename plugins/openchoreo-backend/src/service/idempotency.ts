/** Options of {@link IdempotencyStore}. */
export interface IdempotencyStoreOptions {
  /** How long a key is remembered, in ms (default 10 minutes). */
  ttlMs?: number;
  /** Clock in ms; for tests. */
  now?: () => number;
}

interface Remembered {
  result: Promise<unknown>;
  expiresAt: number;
}

/**
 * Remembers the outcome of non-idempotent operations by key (e.g. user + component +
 * `Idempotency-Key`), so a retried request gets the first result instead of a second effect.
 * Concurrent retries share the first attempt; failed attempts are forgotten so they can be
 * retried. In-memory: one backend replica.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Remembered>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: IdempotencyStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  /** Runs `operation` once per live `key`; `replayed` tells whether an earlier result was returned. */
  async run<T>(
    key: string,
    operation: () => Promise<T>,
  ): Promise<{ value: T; replayed: boolean }> {
    this.sweep();
    const existing = this.entries.get(key);
    if (existing) {
      return { value: (await existing.result) as T, replayed: true };
    }
    const result = operation();
    const entry: Remembered = {
      result,
      expiresAt: this.now() + this.ttlMs,
    };
    this.entries.set(key, entry);
    try {
      return { value: await result, replayed: false };
    } catch (error) {
      if (this.entries.get(key) === entry) {
        this.entries.delete(key);
      }
      throw error;
    }
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) {
        this.entries.delete(key);
      }
    }
  }
}
