import { mockServices } from '@backstage/backend-test-utils';
import { createMemoryCacheService } from '../../__testUtils__/memoryCacheService';
import { StepLogCache, type LogLine } from './stepLogCache';

const T0 = Date.UTC(2026, 0, 1);

const logger = mockServices.logger.mock();

function lines(count: number, startSecond = 0): LogLine[] {
  return Array.from({ length: count }, (_, i) => ({
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, startSecond + i))
      .toISOString()
      .replace('.000', ''),
    log: `line ${i}`,
  }));
}

describe('StepLogCache', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('answers the lines after fromLine and the total, from one load shared by every reader', async () => {
    const store = createMemoryCacheService(clock);
    const cache = new StepLogCache({
      store,
      logger,
      ttlMs: 2000,
      chunkLines: 10,
    });
    const log = lines(45);
    const load = jest.fn(async () => log);

    const answers = await Promise.all([
      cache.read('k', {}, load),
      cache.read('k', { fromLine: 43 }, load),
      cache.read('k', { fromLine: 45 }, load),
      cache.read('k', { fromLine: 99 }, load),
    ]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(answers[0]).toEqual({ lines: log, total: 45 });
    expect(answers[1]).toEqual({ lines: log.slice(43), total: 45 });
    expect(answers[2]).toEqual({ lines: [], total: 45 });
    expect(answers[3]).toEqual({ lines: [], total: 45 });

    // A later reader (another replica would do the same) reads the stored chunks, not the source.
    const again = await new StepLogCache({
      store,
      logger,
      ttlMs: 2000,
      chunkLines: 10,
    }).read('k', { fromLine: 12 }, load);
    expect(again).toEqual({ lines: log.slice(12), total: 45 });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('reads only the chunks that hold the asked-for lines (a tail poll costs the tail)', async () => {
    const store = createMemoryCacheService(clock);
    const options = { store, logger, ttlMs: 2000, chunkLines: 100 };
    const log = lines(10_000);
    await new StepLogCache(options).read('k', {}, async () => log);

    const reader = new StepLogCache(options);
    const before = store.operations.get;
    const tail = await reader.read('k', { fromLine: 9_950 }, async () => {
      throw new Error('not loaded again');
    });
    expect(tail.lines).toEqual(log.slice(9_950));
    // The index and the one chunk of the last 100 lines.
    expect(store.operations.get - before).toBe(2);

    const across = await reader.read('k', { fromLine: 9_850 }, async () => []);
    expect(across.lines).toEqual(log.slice(9_850));
  });

  it('skips the chunks older than `since` and filters the rest by time', async () => {
    const store = createMemoryCacheService(clock);
    const options = { store, logger, ttlMs: 2000, chunkLines: 10 };
    const log = lines(100);
    await new StepLogCache(options).read('k', {}, async () => log);
    const reader = new StepLogCache(options);
    const before = store.operations.get;
    const since = log[73].timestamp!;
    const answer = await reader.read('k', { since }, async () => []);
    expect(answer).toEqual({ lines: log.slice(73), total: 100 });
    // The index, then chunks 70-79, 80-89 and 90-99 only.
    expect(store.operations.get - before).toBe(4);
    // Both: lines after fromLine that are also new enough.
    expect(
      (await reader.read('k', { since, fromLine: 95 }, async () => [])).lines,
    ).toEqual(log.slice(95));
    // Lines without a timestamp are not "newer than" anything.
    const untimed = new StepLogCache({
      ...options,
      store: createMemoryCacheService(clock),
    });
    expect(
      (await untimed.read('u', { since }, async () => [{ log: 'x' }])).lines,
    ).toEqual([]);
  });

  it('after the TTL answers from the last load while one refresh runs, and loads at once when a chunk has gone', async () => {
    const store = createMemoryCacheService(clock);
    const cache = new StepLogCache({
      store,
      logger,
      ttlMs: 2000,
      chunkLines: 10,
      now: clock,
    });
    let log = lines(15);
    let finish: () => void = () => {};
    const load = jest.fn(async () => {
      if (load.mock.calls.length > 1) {
        await new Promise<void>(r => {
          finish = r;
        });
      }
      return log;
    });
    await cache.read('k', {}, load);
    log = lines(25);
    now += 1000;
    expect((await cache.read('k', {}, load)).total).toBe(15);
    expect(load).toHaveBeenCalledTimes(1);
    now += 1000;
    // Due: answered at once from the last load; one refresh starts, whatever the readers.
    const stale = await Promise.all([
      cache.read('k', { fromLine: 10 }, load),
      cache.read('k', { fromLine: 15 }, load),
    ]);
    expect(stale).toEqual([
      { lines: lines(15).slice(10), total: 15 },
      { lines: [], total: 15 },
    ]);
    expect(load).toHaveBeenCalledTimes(2);
    expect((await cache.read('k', {}, load)).total).toBe(15);
    expect(load).toHaveBeenCalledTimes(2);
    finish();
    await new Promise(r => setImmediate(r));
    await new Promise(r => setImmediate(r));
    expect(await cache.read('k', { fromLine: 15 }, load)).toEqual({
      lines: log.slice(15),
      total: 25,
    });
    expect(load).toHaveBeenCalledTimes(2);

    load.mockImplementation(async () => log);
    for (const key of store.keys().filter(k => k.includes(':chunk:'))) {
      await store.delete(key);
    }
    expect(await cache.read('k', { fromLine: 20 }, load)).toEqual({
      lines: log.slice(20),
      total: 25,
    });
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('appends the lines since the last one (sinceSeconds) when the answer continues the log, and reads it whole otherwise', async () => {
    now = T0 + 100_000; // the log's lines are at T0 + 0 s, 1 s, ...
    const store = createMemoryCacheService(clock);
    const cache = new StepLogCache({
      store,
      logger,
      ttlMs: 2000,
      chunkLines: 10,
      now: clock,
    });
    let log = lines(95);
    const asked: Array<number | undefined> = [];
    const load = jest.fn(
      async ({ sinceSeconds }: { sinceSeconds?: number }) => {
        asked.push(sinceSeconds);
        if (sinceSeconds === undefined) return log;
        const from = new Date(now - sinceSeconds * 1000)
          .toISOString()
          .replace('.000', '');
        return log.filter(l => l.timestamp! >= from);
      },
    );
    await cache.read('k', {}, load);
    // 12 more lines (across the open chunk and a new one), 6 s later.
    log = lines(107);
    now = T0 + 106_000;
    await cache.read('k', {}, load); // due: refresh in the background
    await new Promise(r => setImmediate(r));
    await new Promise(r => setImmediate(r));
    const after = await cache.read('k', { fromLine: 90 }, load);
    expect(after).toEqual({ lines: log.slice(90), total: 107 });
    // Asked for the last 13 s only (the last stored line was 12 s old, plus one), not the whole log.
    expect(asked).toEqual([undefined, 13]);
    expect(
      (
        await new StepLogCache({
          store,
          logger,
          ttlMs: 2000,
          chunkLines: 10,
          now: clock,
        }).read('k', {}, load)
      ).lines,
    ).toEqual(log);

    // A log that does not continue what is stored (rewritten) is read whole.
    log = lines(107).map(l => ({ ...l, log: `${l.log} (again)` }));
    now += 2001;
    await cache.read('k', {}, load);
    await new Promise(r => setImmediate(r));
    await new Promise(r => setImmediate(r));
    await new Promise(r => setImmediate(r));
    expect(asked.slice(2)).toEqual([4, undefined]);
    expect((await cache.read('k', { fromLine: 100 }, load)).lines).toEqual(
      log.slice(100),
    );
  });

  it('never caches a failure, and with the TTL 0 shares only concurrent loads', async () => {
    const store = createMemoryCacheService(clock);
    const cache = new StepLogCache({ store, logger, ttlMs: 0 });
    const load = jest
      .fn<Promise<LogLine[]>, [{ sinceSeconds?: number }]>()
      .mockRejectedValueOnce(new Error('refused'))
      .mockResolvedValue(lines(3));
    await expect(cache.read('k', {}, load)).rejects.toThrow('refused');
    const [a, b] = await Promise.all([
      cache.read('k', {}, load),
      cache.read('k', { fromLine: 2 }, load),
    ]);
    expect(a.total).toBe(3);
    expect(b.lines).toHaveLength(1);
    expect(load).toHaveBeenCalledTimes(2);
    await cache.read('k', {}, load);
    expect(load).toHaveBeenCalledTimes(3);
    expect(store.keys()).toEqual([]);
  });
});
