import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import type {
  OpenChoreoClient,
  WorkflowRun,
} from '@openchoreo-ci/openchoreo-client';
import { toWorkflowRunSummary } from '../runMappers';
import { BuildHistoryScanner } from './BuildHistoryScanner';
import { BuildHistoryStore } from './BuildHistoryStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** An OpenChoreo namespace of runs, listed in name order in pages, counting every request. */
class FakeOpenChoreo {
  runs = new Map<string, WorkflowRun>();
  requests: string[] = [];
  sendsRemainingCount = true;

  add(name: string, component: string, state = 'WorkflowSucceeded') {
    this.runs.set(name, {
      metadata: {
        name,
        namespace: 'default',
        creationTimestamp: new Date(
          Date.UTC(2026, 0, 1) + this.runs.size * 60_000,
        ).toISOString(),
        labels: { 'openchoreo.dev/component': component },
      },
      status: {
        conditions:
          state === 'running'
            ? [{ type: 'WorkflowRunning', status: 'True' }]
            : [{ type: state, status: 'True' }],
      },
    } as unknown as WorkflowRun);
  }

  list(query: { limit?: number; cursor?: string; labelSelector?: string }) {
    this.requests.push(`list ${query.limit}${query.cursor ? ' +' : ''}`);
    const component = query.labelSelector?.split('=')[1];
    const all = [...this.runs.values()]
      .filter(
        r =>
          !component ||
          r.metadata.labels?.['openchoreo.dev/component'] === component,
      )
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    const from = Number(query.cursor ?? 0);
    const limit = query.limit ?? 20;
    const items = all.slice(from, from + limit);
    const more = from + limit < all.length;
    return {
      items,
      pagination: {
        ...(more ? { nextCursor: String(from + limit) } : {}),
        ...(more && this.sendsRemainingCount
          ? { remainingCount: all.length - from - limit }
          : {}),
      },
    };
  }

  client(): OpenChoreoClient {
    return {
      namespaces: {
        listAll: async () => {
          this.requests.push('namespaces');
          return [{ metadata: { name: 'default' } }];
        },
      },
      workflowRuns: {
        list: async (
          _ns: string,
          query: Parameters<FakeOpenChoreo['list']>[0],
        ) => this.list(query),
        listAll: async (_ns: string, query: { labelSelector?: string }) =>
          this.list({ ...query, limit: 1000 }).items,
        get: async (_ns: string, name: string) => {
          this.requests.push(`get ${name}`);
          const run = this.runs.get(name);
          if (!run) throw new NotFoundError(`no run ${name}`);
          return run;
        },
      },
    } as unknown as OpenChoreoClient;
  }
}

describe('BuildHistoryScanner', () => {
  let now: number;
  let store: BuildHistoryStore;
  let upstream: FakeOpenChoreo;
  let scanner: BuildHistoryScanner;

  beforeEach(async () => {
    now = Date.UTC(2026, 0, 2);
    const knex = await databases.init('SQLITE_3');
    store = await BuildHistoryStore.create({
      database: mockServices.database({ knex }),
      now: () => now,
    });
    upstream = new FakeOpenChoreo();
    for (let i = 0; i < 250; i += 1) {
      upstream.add(`api-run-${String(i).padStart(4, '0')}`, 'api');
    }
    upstream.add('api-run-live', 'api', 'running');
    const client = upstream.client();
    scanner = new BuildHistoryScanner({
      store,
      ctx: { client, call: (_what, fn) => fn() },
      summarize: (namespace, run) => toWorkflowRunSummary(namespace, run),
      logger: mockServices.logger.mock(),
      intervalMs: 60_000,
      fullScanEveryMs: 60 * 60_000,
      retentionMs: 24 * 3600_000,
      now: () => now,
    });
  });

  const nextInterval = () => {
    now += 60_000;
    upstream.requests = [];
  };

  it('lists everything once, then asks only the count and the unfinished runs', async () => {
    await scanner.run();
    expect(upstream.requests).toEqual([
      'namespaces',
      'list 100',
      'list 100 +',
      'list 100 +',
    ]);
    expect(await store.liveCount('default')).toBe(251);

    nextInterval();
    expect(await scanner.run()).toEqual({
      namespaces: 1,
      fullScans: 0,
      reread: 1,
      purged: 0,
    });
    expect(upstream.requests).toEqual([
      'namespaces',
      'list 1',
      'get api-run-live',
    ]);
  });

  it('lists the namespace again when its count changed, and marks what is gone', async () => {
    await scanner.run();
    nextInterval();
    upstream.runs.delete('api-run-0007');
    upstream.add('api-run-new', 'api');
    upstream.add('api-run-newer', 'api');
    await scanner.run();
    expect(
      upstream.requests.filter(r => r.startsWith('list 100')),
    ).toHaveLength(3);
    expect(await store.liveCount('default')).toBe(252);
    const page = await store.page('default', 'api', { limit: 2 });
    expect(page.items.map(r => r.name)).toEqual([
      'api-run-newer',
      'api-run-new',
    ]);
  });

  it('lists in full every fullScanEveryMs even when the count is unchanged', async () => {
    await scanner.run();
    // One created and one deleted: the count alone cannot tell.
    upstream.runs.delete('api-run-0007');
    upstream.add('api-run-new', 'api');
    now += 60 * 60_000;
    upstream.requests = [];
    await scanner.run();
    expect(
      upstream.requests.filter(r => r.startsWith('list 100')),
    ).toHaveLength(3);
    expect(await store.hasLiveRuns('default', 'api')).toBe(true);
    expect(
      (await store.page('default', 'api', { limit: 1 })).items[0].name,
    ).toBe('api-run-new');
  });

  it('lists in full each interval when OpenChoreo sends no count (the floor of the API)', async () => {
    upstream.sendsRemainingCount = false;
    await scanner.run();
    nextInterval();
    await scanner.run();
    expect(upstream.requests).toEqual([
      'namespaces',
      'list 1',
      'list 100',
      'list 100 +',
      'list 100 +',
    ]);
  });

  it('scans at most once per interval across the replicas sharing the database', async () => {
    expect(await scanner.run()).toBeDefined();
    upstream.requests = [];
    now += 30_000;
    expect(await scanner.run()).toBeUndefined();
    expect(upstream.requests).toEqual([]);
  });

  it('marks a finished run gone when re-read, and removes it after the retention', async () => {
    await scanner.run();
    nextInterval();
    upstream.runs.delete('api-run-live');
    upstream.add('api-run-other', 'api'); // keeps the count equal
    await scanner.run();
    expect(await store.unfinished('default')).toEqual([]);
    expect(await store.liveCount('default')).toBe(250);
    now += 24 * 3600_000;
    upstream.requests = [];
    const report = await scanner.run();
    expect(report?.purged).toBe(1);
  });

  it('follows an event about a component or a run at once', async () => {
    await scanner.run();
    upstream.add('api-run-hook', 'api');
    upstream.requests = [];
    await scanner.refreshComponent('default', 'api');
    expect(upstream.requests).toEqual(['list 1000']);
    expect(
      (await store.page('default', 'api', { limit: 1 })).items[0].name,
    ).toBe('api-run-hook');
    upstream.runs.delete('api-run-hook');
    await scanner.refreshRun('default', 'api-run-hook');
    expect(
      (await store.page('default', 'api', { limit: 1 })).items[0].name,
    ).not.toBe('api-run-hook');
  });
});
