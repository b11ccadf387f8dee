import type { WorkflowRunSummary } from '@openchoreo-ci/plugin-openchoreo-common';
import { RunIndex, type RunIndexReader } from './runIndex';

function run(
  name: string,
  minute: number,
  status: WorkflowRunSummary['status'] = 'Succeeded',
): WorkflowRunSummary {
  return {
    name,
    namespace: 'default',
    component: 'api',
    status,
    createdAt: new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString(),
  };
}

/** A reader over a mutable list of runs that counts its upstream reads. */
function fakeReader(runs: WorkflowRunSummary[]) {
  const calls = { listAll: 0, read: [] as string[] };
  const reader: RunIndexReader = {
    async listAll() {
      calls.listAll += 1;
      await new Promise(r => setTimeout(r, 5));
      return [...runs].sort((a, b) => a.name.localeCompare(b.name));
    },
    async read(name) {
      calls.read.push(name);
      return runs.find(r => r.name === name);
    },
  };
  return { reader, calls };
}

const names = (page: { items: WorkflowRunSummary[] }) =>
  page.items.map(r => r.name);

describe('RunIndex', () => {
  let now: number;
  const index = (options: Partial<ConstructorParameters<typeof RunIndex>[0]>) =>
    new RunIndex({ rescanAfterMs: 30_000, now: () => now, ...options });
  beforeEach(() => {
    now = 1_000_000;
  });

  it('reads every run once for any number of concurrent first pages, newest first', async () => {
    const runs = [run('b', 1), run('c', 3), run('a', 2)];
    const { reader, calls } = fakeReader(runs);
    const idx = index({});
    const pages = await Promise.all(
      Array.from({ length: 20 }, () => idx.page('k', reader, { limit: 2 })),
    );
    expect(calls.listAll).toBe(1);
    expect(names(pages[0])).toEqual(['c', 'a']);
    const next = await idx.page('k', reader, {
      limit: 2,
      cursor: pages[0].nextCursor,
    });
    expect(names(next)).toEqual(['b']);
    expect(next.nextCursor).toBeUndefined();
    expect(calls.listAll).toBe(1);
  });

  it('rescans in the background after rescanAfterMs and answers from the old index meanwhile', async () => {
    const runs = [run('a', 1)];
    const { reader, calls } = fakeReader(runs);
    const idx = index({});
    await idx.page('k', reader, { limit: 5 });
    runs.push(run('z', 2)); // started outside the portal
    now += 30_000;
    expect(names(await idx.page('k', reader, { limit: 5 }))).toEqual(['a']);
    await new Promise(r => setTimeout(r, 20));
    expect(calls.listAll).toBe(2);
    expect(names(await idx.page('k', reader, { limit: 5 }))).toEqual([
      'z',
      'a',
    ]);
  });

  it('waits for a rescan when the index is older than maxStaleMs, and on every read with rescanAfterMs 0', async () => {
    const runs = [run('a', 1)];
    const { reader, calls } = fakeReader(runs);
    const stale = index({ maxStaleMs: 60_000 });
    await stale.page('k', reader, { limit: 5 });
    runs.push(run('z', 2));
    now += 60_000;
    expect(names(await stale.page('k', reader, { limit: 5 }))).toEqual([
      'z',
      'a',
    ]);
    const uncached = index({ rescanAfterMs: 0 });
    await uncached.page('k', reader, { limit: 5 });
    await uncached.page('k', reader, { limit: 5 });
    expect(calls.listAll).toBe(4);
  });

  it('shows builds the portal starts and cancels at once, in every caller’s index', async () => {
    const runs = [run('a', 1), run('b', 2)];
    const { reader, calls } = fakeReader(runs);
    const idx = index({});
    await idx.page('default/api@alice', reader, { limit: 5 });
    await idx.page('default/api@bob', reader, { limit: 5 });
    await idx.page('default/other@alice', reader, { limit: 5 });
    runs.push(run('new', 9, 'Pending'));
    idx.add('default/api', run('new', 9, 'Pending'));
    idx.remove('default/api', 'a');
    for (const who of ['alice', 'bob']) {
      expect(
        names(await idx.page(`default/api@${who}`, reader, { limit: 5 })),
      ).toEqual(['new', 'b']);
    }
    expect(
      names(await idx.page('default/other@alice', reader, { limit: 5 })),
    ).toEqual(['b', 'a']);
    expect(calls.listAll).toBe(3);
  });

  it('re-reads only the unfinished runs of the page, and drops those that are gone', async () => {
    const runs = [
      run('done', 1),
      run('running', 2, 'Running'),
      run('deleted', 3, 'Pending'),
      run('older-running', 0, 'Running'),
    ];
    const { reader, calls } = fakeReader(runs);
    const idx = index({ freshMs: 2000 });
    await idx.page('k', reader, { limit: 3 });
    expect(calls.read).toEqual([]); // just scanned: fresh
    runs[1] = run('running', 2, 'Succeeded');
    runs.splice(2, 1);
    now += 2000;
    const page = await idx.page('k', reader, { limit: 3 });
    expect(calls.read.sort()).toEqual(['deleted', 'running']);
    expect(page.items.map(r => `${r.name}:${r.status}`)).toEqual([
      'running:Succeeded',
      'done:Succeeded',
    ]);
  });

  it('refuses a cursor it did not make', async () => {
    const { reader } = fakeReader([run('a', 1)]);
    await expect(
      index({}).page('k', reader, { limit: 1, cursor: 'not-a-cursor' }),
    ).rejects.toThrow('Invalid cursor');
  });

  it('forgets a failed first scan, so the next read tries again', async () => {
    const { reader, calls } = fakeReader([run('a', 1)]);
    const failing: RunIndexReader = {
      ...reader,
      listAll: async () => {
        calls.listAll += 1;
        throw new Error('OpenChoreo unavailable');
      },
    };
    const idx = index({});
    await expect(idx.page('k', failing, { limit: 1 })).rejects.toThrow(
      'unavailable',
    );
    expect(names(await idx.page('k', reader, { limit: 1 }))).toEqual(['a']);
  });
});
