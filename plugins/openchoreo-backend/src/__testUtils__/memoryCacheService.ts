import type { CacheService } from '@backstage/backend-plugin-api';

type JsonValue = Parameters<CacheService['set']>[1];

/** An in-memory `CacheService` on a clock the test controls, counting what it was asked. */
export interface MemoryCacheService extends CacheService {
  /** Number of `get`, `set` and `delete` calls so far. */
  operations: { get: number; set: number; delete: number };
  /** Keys currently stored and not expired. */
  keys(): string[];
}

/** Creates a {@link MemoryCacheService}; `now` is its clock in ms (default `Date.now`). */
export function createMemoryCacheService(
  now: () => number = Date.now,
): MemoryCacheService {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const service: MemoryCacheService = {
    operations: { get: 0, set: 0, delete: 0 },
    keys: () => [...entries.keys()].filter(key => live(key)),
    async get<T extends JsonValue>(key: string) {
      service.operations.get += 1;
      const entry = live(key);
      // Stored as JSON, like Redis: callers never share object references.
      return entry ? (JSON.parse(entry.value) as T) : undefined;
    },
    async set(key, value, options) {
      service.operations.set += 1;
      const ttl = typeof options?.ttl === 'number' ? options.ttl : Infinity;
      entries.set(key, {
        value: JSON.stringify(value),
        expiresAt: now() + ttl,
      });
    },
    async delete(key) {
      service.operations.delete += 1;
      entries.delete(key);
    },
    withOptions: () => service,
  };
  return service;
}
