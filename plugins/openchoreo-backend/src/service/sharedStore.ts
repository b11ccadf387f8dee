import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';

/** A value Backstage's cache service can store. */
export type JsonValue = Parameters<CacheService['set']>[1];

/** How often a failing shared store is reported, at most. */
const WARN_INTERVAL_MS = 60_000;
/** How often expired keys this process wrote are removed from the store. */
const SWEEP_INTERVAL_MS = 60_000;
/** How many written keys are remembered for the sweep (the oldest are dropped first). */
const MAX_REMEMBERED_KEYS = 50_000;

/**
 * Backstage's cache service as the plugin's shared state (Redis across replicas), used so that
 * a slow or failing store never fails a request: a read that fails or takes longer than
 * `timeoutMs` is a miss, a failed write is skipped, and the failure is logged (once a minute).
 * Keys it wrote are deleted once a minute after they expire: Backstage's memory store drops an
 * expired key only when it is read again, and many keys (per user, per run) never are.
 */
export class SharedStore {
  private lastWarnedAt = -Infinity;
  private readonly written = new Map<string, number>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: {
      store: CacheService;
      logger: LoggerService;
      timeoutMs: number;
      /** Clock in ms; for tests. */
      now?: () => number;
    },
  ) {}

  /** The stored value, or undefined for a miss (or an unavailable store). */
  async get<T extends JsonValue>(key: string): Promise<T | undefined> {
    return this.bounded(`read ${key}`, () => this.options.store.get<T>(key));
  }

  /** Stores `value` for `ttlMs`; true when the store confirmed it. */
  async set(
    key: string,
    value: JsonValue,
    options: { ttlMs: number },
  ): Promise<boolean> {
    const done = await this.bounded(`write ${key}`, async () => {
      await this.options.store.set(key, value, { ttl: options.ttlMs });
      return true;
    });
    if (done) {
      this.remember(key, this.now() + options.ttlMs);
    }
    return done ?? false;
  }

  /** Deletes the keys this process wrote that have expired (runs once a minute by itself). */
  async sweep(): Promise<void> {
    const now = this.now();
    const expired = [...this.written].filter(([, at]) => at <= now);
    for (const [key] of expired) {
      this.written.delete(key);
    }
    await Promise.all(
      expired.map(([key]) => this.options.store.delete(key).catch(() => {})),
    );
  }

  private remember(key: string, expiresAt: number): void {
    this.written.delete(key);
    this.written.set(key, expiresAt);
    if (this.written.size > MAX_REMEMBERED_KEYS) {
      // Map order is insertion order: the first key is the one written longest ago.
      const oldest = this.written.keys().next().value;
      if (oldest !== undefined) this.written.delete(oldest);
    }
    if (!this.sweeper) {
      this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
      this.sweeper.unref();
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Removes `key`; true when the store confirmed it. */
  async delete(key: string): Promise<boolean> {
    const done = await this.bounded(`delete ${key}`, async () => {
      await this.options.store.delete(key);
      return true;
    });
    return done ?? false;
  }

  private async bounded<T>(
    what: string,
    operation: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>(resolve => {
      timer = setTimeout(() => resolve('timeout'), this.options.timeoutMs);
    });
    try {
      const result = await Promise.race([operation(), timeout]);
      if (result === 'timeout') {
        this.warn(`no answer within ${this.options.timeoutMs} ms to ${what}`);
        return undefined;
      }
      return result;
    } catch (error) {
      this.warn(`${what} failed: ${String(error)}`);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  private warn(problem: string): void {
    const now = Date.now();
    if (now - this.lastWarnedAt < WARN_INTERVAL_MS) {
      return;
    }
    this.lastWarnedAt = now;
    this.options.logger.warn(
      `The cache service (backend.cache) is failing, so the OpenChoreo plugin's status cache and idempotency records fall back to going upstream: ${problem}. Check backend.cache.connection.`,
    );
  }
}
