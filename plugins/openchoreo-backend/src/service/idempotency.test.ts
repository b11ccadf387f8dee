import { mockServices } from '@backstage/backend-test-utils';
import { createMemoryCacheService } from '../__testUtils__/memoryCacheService';
import { IdempotencyStore } from './idempotency';
import { KeyedMutex } from './keyedMutex';

describe('IdempotencyStore', () => {
  const logger = mockServices.logger.mock();

  it('runs once per key within the TTL, across replicas sharing the store, and forgets failures', async () => {
    let clock = 0;
    const store = createMemoryCacheService(() => clock);
    const replicaA = new IdempotencyStore({ store, logger, ttlMs: 1000 });
    const replicaB = new IdempotencyStore({ store, logger, ttlMs: 1000 });
    let n = 0;
    const op = async () => ({ value: ++n, replayed: false });

    const [a, b] = await Promise.all([
      replicaA.run('k', op),
      replicaA.run('k', op),
    ]);
    expect([a, b]).toEqual([
      { value: 1, replayed: false },
      { value: 1, replayed: true },
    ]);
    expect(await replicaB.run('k', op)).toEqual({ value: 1, replayed: true });
    clock = 1000;
    expect(await replicaB.run('k', op)).toEqual({ value: 2, replayed: false });

    await expect(
      replicaA.run('f', async () => {
        throw new Error('nope');
      }),
    ).rejects.toThrow('nope');
    expect(await replicaB.run('f', op)).toEqual({ value: 3, replayed: false });
  });

  it('keeps user input out of the store keys', async () => {
    const store = createMemoryCacheService();
    const idempotency = new IdempotencyStore({ store, logger });
    await idempotency.run('["user:default/jane","secret-key"]', async () => ({
      value: 'v',
      replayed: false,
    }));
    expect(store.keys()).toEqual([
      expect.stringMatching(/^idempotency:[0-9a-f]{64}$/),
    ]);
  });
});

describe('KeyedMutex', () => {
  it('serialises tasks of one key, even when one fails', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    const task =
      (name: string, ms: number, fail = false) =>
      async () => {
        order.push(`start ${name}`);
        await new Promise(r => setTimeout(r, ms));
        order.push(`end ${name}`);
        if (fail) throw new Error(name);
      };
    await Promise.allSettled([
      mutex.run('k', task('a', 20, true)),
      mutex.run('k', task('b', 1)),
    ]);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('a waiter whose signal aborts never runs and does not break the queue', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    const task = (name: string, ms: number) => async () => {
      order.push(`start ${name}`);
      await new Promise(r => setTimeout(r, ms));
      order.push(`end ${name}`);
    };
    const gaveUp = new AbortController();
    const first = mutex.run('k', task('a', 40));
    const second = mutex.run('k', task('b', 1), gaveUp.signal);
    const third = mutex.run('k', task('c', 1));
    const reason = new Error('deadline');
    gaveUp.abort(reason);
    await expect(second).rejects.toBe(reason);
    await Promise.all([first, third]);
    expect(order).toEqual(['start a', 'end a', 'start c', 'end c']);
  });
});
