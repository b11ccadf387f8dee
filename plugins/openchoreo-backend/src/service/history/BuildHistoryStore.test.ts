import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { WorkflowRunSummary } from '@openchoreo-ci/plugin-openchoreo-common';
import { BuildHistoryStore } from './BuildHistoryStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/** A run of `component` created `minute` minutes after 10:00. */
function run(
  component: string,
  minute: number,
  extra: Partial<WorkflowRunSummary> = {},
): WorkflowRunSummary {
  return {
    name: `${component}-run-${String(minute).padStart(4, '0')}`,
    namespace: 'default',
    project: 'shop',
    component,
    workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
    status: 'Succeeded',
    createdAt: new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString(),
    commit: '0123456789abcdef0123456789abcdef01234567',
    branch: 'main',
    trigger: { kind: 'build', user: 'user:default/jane' },
    ...extra,
  };
}

describe('BuildHistoryStore', () => {
  it('runs on PostgreSQL in the test command', () => {
    // TestDatabases leaves out engines it cannot reach: the test command starts PostgreSQL,
    // so it must be among them (otherwise the store would be tested on SQLite alone).
    const engines = databases.eachSupportedId().map(([id]) => id);
    const postgresStarted = !!process.env.TEST_POSTGRES_HOST;
    expect(engines.includes('POSTGRES_15') || !postgresStarted).toBe(true);
  });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let now: number;
    let store: BuildHistoryStore;

    beforeEach(async () => {
      const knex = await databases.init(databaseId);
      now = 1_000_000;
      store = await BuildHistoryStore.create({
        database: mockServices.database({ knex }),
        now: () => now,
      });
    });

    it('pages a component newest first with keyset cursors, whatever the write order', async () => {
      const runs = [3, 1, 4, 0, 2].map(m => run('api', m));
      await store.upsert(runs);
      await store.upsert([run('web', 9)]);
      const first = await store.page('default', 'api', { limit: 2 });
      expect(first.items.map(r => r.name)).toEqual([
        'api-run-0004',
        'api-run-0003',
      ]);
      // A build started while someone pages does not shift the next page.
      await store.upsert([run('api', 5)]);
      const second = await store.page('default', 'api', {
        limit: 2,
        cursor: first.nextCursor,
      });
      expect(second.items.map(r => r.name)).toEqual([
        'api-run-0002',
        'api-run-0001',
      ]);
      const last = await store.page('default', 'api', {
        limit: 2,
        cursor: second.nextCursor,
      });
      expect(last.items.map(r => r.name)).toEqual(['api-run-0000']);
      expect(last.nextCursor).toBeUndefined();
    });

    it('keeps the whole summary the views show', async () => {
      const full = run('api', 1, {
        status: 'Failed',
        reason: 'ComponentValidationFailed',
        message: 'Step build-image failed',
        failure: { title: 'Bad', action: 'Fix it', beforeStart: true },
        commitUrl: 'https://github.com/acme/api/commit/0123',
        ttlAfterCompletion: '7d',
      });
      await store.upsert([full]);
      expect((await store.page('default', 'api', { limit: 5 })).items).toEqual([
        full,
      ]);
    });

    it('updates a run in place, and counts and lists only what OpenChoreo still has', async () => {
      await store.upsert([run('api', 1, { status: 'Running' }), run('api', 2)]);
      expect(await store.unfinished('default')).toEqual(['api-run-0001']);
      await store.upsert([run('api', 1, { status: 'Failed' })]);
      expect(await store.unfinished('default')).toEqual([]);
      expect(await store.liveCount('default')).toBe(2);

      await store.markDeleted('default', ['api-run-0002']);
      expect(await store.liveCount('default')).toBe(1);
      const page = await store.page('default', 'api', { limit: 5 });
      expect(page.items.map(r => [r.name, r.status])).toEqual([
        ['api-run-0001', 'Failed'],
      ]);
      expect(await store.hasLiveRuns('default', 'api')).toBe(true);
      await store.markDeleted('default', ['api-run-0001']);
      expect(await store.hasLiveRuns('default', 'api')).toBe(false);
    });

    it('marks what a complete listing did not find, sparing what was written since it started', async () => {
      await store.upsert([run('api', 1), run('api', 2), run('web', 3)], now);
      now += 60_000;
      const listedFrom = now;
      await store.upsert([run('api', 2)], listedFrom);
      now += 10;
      await store.upsert([run('api', 9)]); // the portal started it mid-listing
      expect(await store.markUnseenDeleted('default', listedFrom, 'api')).toBe(
        1,
      );
      expect(
        (await store.page('default', 'api', { limit: 5 })).items.map(
          r => r.name,
        ),
      ).toEqual(['api-run-0009', 'api-run-0002']);
      // Another component is left alone by a listing of one component.
      expect(await store.hasLiveRuns('default', 'web')).toBe(true);
    });

    it('keeps deleted runs for the retention, then removes them; a run found again is live again', async () => {
      await store.upsert([run('api', 1), run('api', 2)]);
      await store.markDeleted('default', ['api-run-0001', 'api-run-0002']);
      await store.upsert([run('api', 2)]);
      expect(await store.liveCount('default')).toBe(1);
      now += 1000;
      expect(await store.purgeDeleted(2000)).toBe(0);
      now += 1000;
      expect(await store.purgeDeleted(2000)).toBe(1);
      expect(await store.liveCount('default')).toBe(1);
    });

    it('lets one claimant scan per interval', async () => {
      expect(await store.claimScan(1000)).toBe(true);
      expect(await store.claimScan(1000)).toBe(false);
      now += 999;
      expect(await store.claimScan(1000)).toBe(false);
      now += 1;
      expect(await store.claimScan(1000)).toBe(true);
    });

    it('remembers full and partial scans of each namespace', async () => {
      expect(await store.namespaceScan('default')).toEqual({});
      await store.recordNamespaceScan('default', 500);
      expect(await store.namespaceScan('default')).toEqual({
        fullScanAt: 500,
        completedAt: now,
      });
      now += 10;
      await store.recordNamespaceScan('default');
      expect(await store.namespaceScan('default')).toEqual({
        fullScanAt: 500,
        completedAt: now,
      });
    });

    it('refuses a cursor it did not make', async () => {
      await expect(
        store.page('default', 'api', { limit: 5, cursor: 'bm9wZQ' }),
      ).rejects.toThrow(/Invalid cursor/);
    });
  });
});
