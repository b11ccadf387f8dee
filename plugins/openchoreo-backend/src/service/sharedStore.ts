import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';

/** A value Backstage's cache service can store. */
export type JsonValue = Parameters<CacheService['set']>[1];

/** How often a failing shared store is reported, at most. */
const WARN_INTERVAL_MS = 60_000;

/**
 * Backstage's cache service as the plugin's shared state (Redis across replicas), used so that
 * a slow or failing store never fails a request: a read that fails or takes longer than
 * `timeoutMs` is a miss, a failed write is skipped, and the failure is logged (once a minute).
 */
export class SharedStore {
  private lastWarnedAt = -Infinity;

  constructor(
    private readonly options: {
      store: CacheService;
      logger: LoggerService;
      timeoutMs: number;
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
    return done ?? false;
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
