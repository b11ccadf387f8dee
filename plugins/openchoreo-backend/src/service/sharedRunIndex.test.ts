import type { WorkflowRunSummary } from '@openchoreo-ci/plugin-openchoreo-common';
import { SharedRunIndex } from './sharedRunIndex';

function run(
  name: string,
  minute: number,
  component = 'api',
  status: WorkflowRunSummary['status'] = 'Succeeded',
): WorkflowRunSummary {
  return {
    name,
    namespace: 'default',
    component,
    status,
    createdAt: new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString(),
  };
}

const names = (page: { items: WorkflowRunSummary[] }) =>
  page.items.map(r => r.name);

describe('SharedRunIndex', () => {
  let now: number;
  let reads: string[];
  let index: SharedRunIndex;
  const scannedAt = Date.UTC(2026, 0, 1, 11);
  const read = async (name: string) => {
    reads.push(name);
    return run(name, 59, 'api', 'Succeeded');
  };

  beforeEach(() => {
    now = scannedAt;
    reads = [];
    index = new SharedRunIndex({
      freshMs: 2000,
      maxAgeMs: 180_000,
      now: () => now,
    });
  });

  it('is cold until a scan, and again when the last scan is older than maxAgeMs', () => {
    expect(index.isWarm('default')).toBe(false);
    index.replaceNamespace('default', [], scannedAt);
    expect(index.isWarm('default')).toBe(true);
    expect(index.isWarm('other')).toBe(false);
    now += 180_000;
    expect(index.isWarm('default')).toBe(false);
  });

  it('splits a namespace scan per component, newest first, with keyset cursors', async () => {
    index.replaceNamespace(
      'default',
      [
        run('b', 2),
        run('x', 9, 'web'),
        run('a', 1),
        run('c', 3),
        run('unlabelled', 8, ''),
      ],
      scannedAt,
    );
    const first = await index.page('default', 'api', read, { limit: 2 });
    expect(names(first)).toEqual(['c', 'b']);
    const second = await index.page('default', 'api', read, {
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(names(second)).toEqual(['a']);
    expect(second.nextCursor).toBeUndefined();
    expect(
      names(await index.page('default', 'web', read, { limit: 5 })),
    ).toEqual(['x']);
    expect(index.hasRuns('default', 'api')).toBe(true);
    expect(index.hasRuns('default', 'none')).toBe(false);
    expect(reads).toEqual([]);
  });

  it('empties a component whose runs are gone at the next scan', async () => {
    index.replaceNamespace('default', [run('a', 1)], scannedAt);
    now += 60_000;
    index.replaceNamespace('default', [], now);
    expect(index.hasRuns('default', 'api')).toBe(false);
    expect(
      names(await index.page('default', 'api', read, { limit: 5 })),
    ).toEqual([]);
  });

  it('adds and removes what the portal starts and cancels at once, and a scan keeps the new build', async () => {
    index.replaceNamespace('default', [run('a', 1)], scannedAt);
    index.add('default', run('new', 30, 'fresh-component'));
    index.add('default', run('b', 40));
    expect(
      names(await index.page('default', 'api', read, { limit: 5 })),
    ).toEqual(['b', 'a']);
    expect(
      names(await index.page('default', 'fresh-component', read, { limit: 5 })),
    ).toEqual(['new']);
    // A scan that started before the build was created (and so missed it) keeps it.
    index.replaceNamespace(
      'default',
      [run('a', 1)],
      Date.UTC(2026, 0, 1, 10, 39),
    );
    expect(
      names(await index.page('default', 'api', read, { limit: 5 })),
    ).toEqual(['b', 'a']);
    index.remove('default', 'api', 'b');
    expect(
      names(await index.page('default', 'api', read, { limit: 5 })),
    ).toEqual(['a']);
  });

  it('re-reads the unfinished runs of a page once the scan is older than freshMs', async () => {
    index.replaceNamespace(
      'default',
      [run('done', 1), run('running', 2, 'api', 'Running')],
      scannedAt,
    );
    const fresh = await index.page('default', 'api', read, { limit: 5 });
    expect(fresh.items[0]).toMatchObject({
      name: 'running',
      status: 'Running',
    });
    expect(reads).toEqual([]);
    now += 2000;
    const later = await index.page('default', 'api', read, { limit: 5 });
    expect(reads).toEqual(['running']);
    expect(later.items.find(r => r.name === 'running')?.status).toBe(
      'Succeeded',
    );
  });
});
