import { mockServices } from '@backstage/backend-test-utils';
import type { CacheService } from '@backstage/backend-plugin-api';
import { EventCoalescer } from './EventCoalescer';

/** A cache shared like Redis between "replicas" (one Map), without expiry. */
function sharedCache(): CacheService {
  const values = new Map<string, unknown>();
  const cache: CacheService = {
    get: async key => values.get(key) as any,
    set: async (key, value) => {
      values.set(key, value);
    },
    delete: async key => {
      values.delete(key);
    },
    withOptions: () => cache,
  };
  return cache;
}

const event = {
  kind: 'Component',
  namespace: 'default',
  name: 'greeting-service',
};

describe('EventCoalescer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function coalescer(cache: CacheService) {
    const publish = jest.fn(async () => {});
    const instance = new EventCoalescer({
      cache,
      windowMs: 2000,
      logger: mockServices.logger.mock(),
      publish,
    });
    return { instance, publish };
  }

  it('hands the first event on at once and absorbs concurrent repeats', async () => {
    const { instance, publish } = coalescer(sharedCache());

    const results = await Promise.all(
      Array.from({ length: 100 }, () => instance.offer(event)),
    );

    expect(results.filter(r => r === 'accepted')).toHaveLength(1);
    expect(publish).toHaveBeenCalledTimes(1);
    instance.stop();
  });

  it('reads once more at the end of a window with repeats, so no change is lost', async () => {
    const { instance, publish } = coalescer(sharedCache());
    await instance.offer(event);
    await instance.offer(event);
    expect(publish).toHaveBeenCalledTimes(1);

    await jest.advanceTimersByTimeAsync(2000);

    expect(publish).toHaveBeenCalledTimes(2);
    // A quiet window after that: nothing more.
    await jest.advanceTimersByTimeAsync(2000);
    expect(publish).toHaveBeenCalledTimes(2);
    instance.stop();
  });

  it('does not read again after a window without repeats', async () => {
    const { instance, publish } = coalescer(sharedCache());
    await instance.offer(event);

    await jest.advanceTimersByTimeAsync(2000);
    expect(publish).toHaveBeenCalledTimes(1);
    expect(await instance.offer(event)).toBe('accepted');
    expect(publish).toHaveBeenCalledTimes(2);
    instance.stop();
  });

  it('keeps different resources apart', async () => {
    const { instance, publish } = coalescer(sharedCache());
    await instance.offer(event);
    await instance.offer({ ...event, name: 'other' });
    await instance.offer({ ...event, namespace: 'other' });

    expect(publish).toHaveBeenCalledTimes(3);
    instance.stop();
  });

  it('shares the window between replicas through the cache: the owner re-reads for a repeat another replica got', async () => {
    const cache = sharedCache();
    const first = coalescer(cache);
    const second = coalescer(cache);

    expect(await first.instance.offer(event)).toBe('accepted');
    expect(await second.instance.offer(event)).toBe('coalesced');
    expect(await second.instance.offer(event)).toBe('coalesced');
    expect(first.publish).toHaveBeenCalledTimes(1);
    expect(second.publish).not.toHaveBeenCalled();

    await jest.advanceTimersByTimeAsync(2000);

    expect(first.publish).toHaveBeenCalledTimes(2);
    expect(second.publish).not.toHaveBeenCalled();
    first.instance.stop();
    second.instance.stop();
  });

  it('hands events on when the cache fails', async () => {
    const failing: CacheService = {
      get: async () => {
        throw new Error('cache down');
      },
      set: async () => {
        throw new Error('cache down');
      },
      delete: async () => {
        throw new Error('cache down');
      },
      withOptions: () => failing,
    };
    const { instance, publish } = coalescer(failing);

    expect(await instance.offer(event)).toBe('accepted');
    expect(publish).toHaveBeenCalledTimes(1);
    instance.stop();
  });
});
