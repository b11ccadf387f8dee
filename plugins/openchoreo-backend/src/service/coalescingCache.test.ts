import { CoalescingCache } from './coalescingCache';

describe('CoalescingCache', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 0;
  });

  it('shares one in-flight load among concurrent callers', async () => {
    const cache = new CoalescingCache({ ttlMs: 0, now });
    let release!: (v: string) => void;
    const load = jest.fn(
      () =>
        new Promise<string>(r => {
          release = r;
        }),
    );
    const all = Promise.all(
      Array.from({ length: 10 }, () => cache.get('k', load)),
    );
    release('v');
    expect(await all).toEqual(Array(10).fill('v'));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('reuses a value for ttlMs, then loads again; keys are independent', async () => {
    const cache = new CoalescingCache({ ttlMs: 1000, now });
    let n = 0;
    const load = async () => ++n;
    expect(await cache.get('a', load)).toBe(1);
    clock = 999;
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('b', load)).toBe(2);
    clock = 1000;
    expect(await cache.get('a', load)).toBe(3);
  });

  it('never caches failures', async () => {
    const cache = new CoalescingCache({ ttlMs: 1000, now });
    await expect(
      cache.get('a', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await cache.get('a', async () => 'ok')).toBe('ok');
  });

  it('invalidates by prefix and bounds its size', async () => {
    const cache = new CoalescingCache({ ttlMs: 1000, maxEntries: 2, now });
    await cache.get('x|1|', async () => 'old');
    cache.invalidate('x|1|');
    expect(await cache.get('x|1|', async () => 'new')).toBe('new');
    await cache.get('y|', async () => 'y');
    await cache.get('z|', async () => 'z');
    // 'x|1|' was the oldest entry and got dropped
    expect(await cache.get('x|1|', async () => 'reloaded')).toBe('reloaded');
  });
});
