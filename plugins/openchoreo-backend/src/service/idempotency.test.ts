import { IdempotencyStore } from './idempotency';
import { KeyedMutex } from './keyedMutex';

describe('IdempotencyStore', () => {
  it('runs once per key within the TTL and forgets failures', async () => {
    let clock = 0;
    const store = new IdempotencyStore({ ttlMs: 1000, now: () => clock });
    let n = 0;
    const op = async () => ++n;
    const [a, b] = await Promise.all([store.run('k', op), store.run('k', op)]);
    expect([a, b]).toEqual([
      { value: 1, replayed: false },
      { value: 1, replayed: true },
    ]);
    clock = 1000;
    expect(await store.run('k', op)).toEqual({ value: 2, replayed: false });
    await expect(
      store.run('f', async () => {
        throw new Error('nope');
      }),
    ).rejects.toThrow('nope');
    expect(await store.run('f', op)).toEqual({ value: 3, replayed: false });
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
});
