import { createHash } from 'node:crypto';
import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { SharedStore, type JsonValue } from './sharedStore';

/** Options of {@link IdempotencyStore}. */
export interface IdempotencyStoreOptions {
  /**
   * Where outcomes are recorded: Backstage's cache service (memory in one process, Redis shared
   * by every replica when `backend.cache.store: redis`).
   */
  store: CacheService;
  /** Receives a warning when the store fails. */
  logger: LoggerService;
  /** How long a key is remembered, in ms (default 10 minutes). */
  ttlMs?: number;
  /** How long to wait for the store before running the operation anyway, in ms (default 1000). */
  storeTimeoutMs?: number;
}

/** What an operation produced, and whether it was the replay of an earlier one. */
export interface IdempotentOutcome<T> {
  value: T;
  replayed: boolean;
}

/**
 * Remembers the outcome of non-idempotent operations by key (e.g. user + component +
 * `Idempotency-Key`), so a retried request gets the first result instead of a second effect.
 * Concurrent attempts in one process share the first; outcomes are recorded in the shared store
 * for every replica; failed attempts are not recorded, so they can be retried. The record is a
 * shortcut, not the guarantee: operations must themselves be safe to repeat (a build's run name
 * derives from its key), since two replicas may both miss the record at the same moment.
 */
export class IdempotencyStore {
  private readonly inFlight = new Map<
    string,
    Promise<IdempotentOutcome<unknown>>
  >();
  private readonly shared: SharedStore;
  private readonly ttlMs: number;

  constructor(options: IdempotencyStoreOptions) {
    this.ttlMs = options.ttlMs ?? 10 * 60 * 1000;
    this.shared = new SharedStore({
      store: options.store,
      logger: options.logger,
      timeoutMs: options.storeTimeoutMs ?? 1000,
    });
  }

  /**
   * Runs `operation` once per live `key`, or returns the recorded outcome as `replayed`. Values
   * must be JSON (they are recorded in the shared store).
   */
  async run<T>(
    key: string,
    operation: () => Promise<IdempotentOutcome<T>>,
  ): Promise<IdempotentOutcome<T>> {
    const running = this.inFlight.get(key);
    if (running) {
      const { value } = await running;
      return { value: value as T, replayed: true };
    }
    const attempt = this.attempt(key, operation);
    this.inFlight.set(key, attempt);
    try {
      return await attempt;
    } finally {
      if (this.inFlight.get(key) === attempt) {
        this.inFlight.delete(key);
      }
    }
  }

  private async attempt<T>(
    key: string,
    operation: () => Promise<IdempotentOutcome<T>>,
  ): Promise<IdempotentOutcome<T>> {
    const recordKey = `idempotency:${createHash('sha256')
      .update(key)
      .digest('hex')}`;
    const recorded = await this.shared.get<{ value: JsonValue }>(recordKey);
    if (recorded !== undefined) {
      return { value: recorded.value as T, replayed: true };
    }
    const outcome = await operation();
    await this.shared.set(
      recordKey,
      { value: outcome.value as JsonValue },
      { ttlMs: this.ttlMs },
    );
    return outcome;
  }
}
