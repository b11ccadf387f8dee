import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  createMemoryCacheService,
  type MemoryCacheService,
} from '../__testUtils__/memoryCacheService';
import { CoalescingCache, scopeOf } from './coalescingCache';
import { currentRequestScope, runInRequestScope } from './requestDeadline';

describe('CoalescingCache', () => {
  let clock = 0;
  let store: MemoryCacheService;
  const logger = mockServices.logger.mock();
  const cacheOf = (ttlMs: number, options: { storeTimeoutMs?: number } = {}) =>
    new CoalescingCache({ ttlMs, store, logger, ...options });

  beforeEach(() => {
    clock = 0;
    store = createMemoryCacheService(() => clock);
    logger.warn.mockClear();
  });

  it('shares one in-flight load among concurrent callers', async () => {
    const cache = cacheOf(0);
    let release!: (v: string) => void;
    const load = jest.fn(
      () =>
        new Promise<string>(r => {
          release = r;
        }),
    );
    const all = Promise.all(
      Array.from({ length: 10 }, () => cache.get('k|', load)),
    );
    await new Promise(r => setImmediate(r));
    release('v');
    expect(await all).toEqual(Array(10).fill('v'));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps values for ttlMs in the shared store, so another replica reuses them', async () => {
    const replicaA = cacheOf(1000);
    const replicaB = cacheOf(1000);
    let n = 0;
    const load = async () => ({ n: ++n });
    expect(await replicaA.get('a|', load)).toEqual({ n: 1 });
    clock = 999;
    expect(await replicaB.get('a|', load)).toEqual({ n: 1 });
    expect(await replicaB.get('b|', load)).toEqual({ n: 2 });
    clock = 1000;
    expect(await replicaA.get('a|', load)).toEqual({ n: 3 });
  });

  it('stores undefined as a value, never failures', async () => {
    const cache = cacheOf(1000);
    const empty = jest.fn(async () => undefined);
    expect(await cache.get('none|', empty)).toBeUndefined();
    expect(await cache.get('none|', empty)).toBeUndefined();
    expect(empty).toHaveBeenCalledTimes(1);
    await expect(
      cache.get('a|', async () => {
        throw new NotFoundError('nope');
      }),
    ).rejects.toThrow('nope');
    expect(await cache.get('a|', async () => 'ok')).toBe('ok');
  });

  it('invalidates a <kind>|<namespace>|<name>| scope in every replica, whatever follows in the key', async () => {
    const replicaA = cacheOf(60_000);
    const replicaB = cacheOf(60_000);
    let n = 0;
    const load = async () => ++n;
    await replicaA.get('runs|ns|api|page|20||@user:1', load);
    await replicaA.get('runs|ns|api|all|@user:2', load);
    await replicaA.get('runs|ns|web|all|@user:1', load);
    await replicaB.invalidate('runs|ns|api|');
    expect(await replicaA.get('runs|ns|api|page|20||@user:1', load)).toBe(4);
    expect(await replicaA.get('runs|ns|api|all|@user:2', load)).toBe(5);
    expect(await replicaA.get('runs|ns|web|all|@user:1', load)).toBe(3);
  });

  it('retries a transient failure once, never a final one', async () => {
    const cache = cacheOf(0);
    const flaky = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(new ServiceUnavailableError('blip'))
      .mockResolvedValueOnce('ok');
    expect(await cache.get('f|', flaky)).toBe('ok');
    expect(flaky).toHaveBeenCalledTimes(2);

    const down = jest.fn(async () => {
      throw new ServiceUnavailableError('down');
    });
    await expect(cache.get('d|', down)).rejects.toThrow('down');
    expect(down).toHaveBeenCalledTimes(2);

    const missing = jest.fn(async () => {
      throw new NotFoundError('missing');
    });
    await expect(cache.get('m|', missing)).rejects.toThrow('missing');
    expect(missing).toHaveBeenCalledTimes(1);
  });

  it('goes upstream when the shared store hangs or fails, and warns once', async () => {
    const hanging = {
      ...store,
      get: () => new Promise<undefined>(() => undefined),
      set: () => Promise.reject(new Error('ECONNREFUSED')),
    };
    const cache = new CoalescingCache({
      ttlMs: 1000,
      store: hanging,
      logger,
      storeTimeoutMs: 20,
    });
    let n = 0;
    expect(await cache.get('a|', async () => ++n)).toBe(1);
    expect(await cache.get('a|', async () => ++n)).toBe(2);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toContain('backend.cache');
  });

  it('cancels a shared load only when every waiting request has given up', async () => {
    const cache = cacheOf(0);
    const loadSignals: Array<AbortSignal | undefined> = [];
    let release!: (v: string) => void;
    const load = () => {
      loadSignals.push(currentRequestScope()?.signal);
      return new Promise<string>(r => {
        release = r;
      });
    };
    const first = new AbortController();
    const second = new AbortController();
    const a = runInRequestScope({ signal: first.signal }, () =>
      cache.get('k|', load),
    );
    const b = runInRequestScope({ signal: second.signal }, () =>
      cache.get('k|', load),
    );
    const late = new Error('deadline of a');
    first.abort(late);
    await expect(a).rejects.toBe(late);
    expect(loadSignals[0]?.aborted).toBe(false);
    release('v');
    expect(await b).toBe('v');

    const third = new AbortController();
    const c = runInRequestScope({ signal: third.signal }, () =>
      cache.get('k2|', load),
    );
    third.abort(new Error('deadline of c'));
    await expect(c).rejects.toThrow('deadline of c');
    expect(loadSignals[1]?.aborted).toBe(true);
  });
});

describe('scopeOf', () => {
  it('is the first three parts of a key or prefix', () => {
    expect(scopeOf('runs|ns|api|page|20||@user:1')).toBe('runs|ns|api|');
    expect(scopeOf('runs|ns|api|')).toBe('runs|ns|api|');
    expect(scopeOf('namespaces|@service-account')).toBe('namespaces|');
    expect(scopeOf('projects|ns|@user:1')).toBe('projects|ns|');
  });
});
