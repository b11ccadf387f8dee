import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { signInUser } from '@openchoreo-ci/openchoreo-devstack';
import { OPENCHOREO_USER_TOKEN_HEADER } from '@openchoreo-ci/plugin-openchoreo-common';
import request from 'supertest';
import { startTestDevstack, type TestDevstack } from './__testUtils__/devstack';
import { cloneGreetingService, finishedRun } from './__testUtils__/runFixtures';
import {
  startOpenChoreoTestBackend,
  type OpenChoreoTestBackend,
} from './__testUtils__/testBackend';
import {
  startUpstreamProxy,
  type UpstreamProxy,
} from './__testUtils__/upstreamProxy';

const USER = mockCredentials.user.header();
const API = '/api/openchoreo';
const RUNS = '/api/v1/namespaces/default/workflowruns';
const COMPONENT = 'indexed-service';
const SHA = '0123456789abcdef0123456789abcdef01234567';

jest.setTimeout(60_000);

/**
 * Waits until the proxy has seen no new request for 300 ms. (The test backend's scheduler runs
 * each task once at start-up and waits for it; this keeps the tests right if that changes.)
 */
async function settled(proxy: UpstreamProxy): Promise<void> {
  const total = () => [...proxy.counts.values()].reduce((a, b) => a + b, 0);
  let last = -1;
  for (let quiet = 0; quiet < 3; ) {
    await new Promise(r => setTimeout(r, 100));
    const now = total();
    quiet = now === last && now > 0 ? quiet + 1 : 0;
    last = now;
  }
}

describe('builds: the history in the database, shared by every viewer', () => {
  let stack: TestDevstack;
  let proxy: UpstreamProxy;
  let backend: OpenChoreoTestBackend;
  let seeded: string[];
  let scan: Map<string, number>;
  const tokens: Record<string, string> = {};
  const backends: OpenChoreoTestBackend[] = [];

  /** A backend whose history scan runs once at start-up; returns when that scan has ended. */
  async function startBackend(userTokens: boolean) {
    proxy.reset();
    const started = await startOpenChoreoTestBackend({
      baseUrl: `${proxy.url}/api/v1`,
      tokenUrl: stack.devstack.idp.tokenUrl,
      ...stack.devstack.idp.clients.portal,
      statusTtlMs: 2000,
      openchoreo: {
        builds: { indexIntervalSeconds: 60 },
        auth: {
          tokenUrl: stack.devstack.idp.tokenUrl,
          ...stack.devstack.idp.clients.portal,
          userTokens,
        },
      },
    });
    backends.push(started);
    await settled(proxy);
    return started;
  }

  beforeAll(async () => {
    stack = await startTestDevstack();
    const store = stack.devstack.api.store;
    cloneGreetingService(store, COMPONENT);
    seeded = Array.from({ length: 250 }, (_, i) =>
      finishedRun(store, COMPONENT, {
        createdAt: new Date(Date.now() - (250 - i) * 60_000),
        commit: SHA,
      }),
    );
    proxy = await startUpstreamProxy(stack.devstack.api.url);
    for (const user of ['developer', 'outsider']) {
      tokens[user] = (
        await signInUser(stack.devstack.idp, user, user)
      ).access_token;
    }
    backend = await startBackend(true);
    scan = new Map(proxy.counts);
  });
  afterAll(async () => {
    await Promise.all(backends.map(b => b.stop()));
    await proxy?.close();
    await stack?.devstack.close();
  });
  beforeEach(async () => {
    // Past the status TTL: nothing of this caller is cached, every read is a first view.
    await new Promise(r => setTimeout(r, 2100));
    proxy.reset();
  });

  /** A request of a signed-in user carrying that user's OpenChoreo token. */
  const get = (path: string, user = 'developer') =>
    request(backend.server)
      .get(`${API}${path}`)
      .set('Authorization', USER)
      .set(OPENCHOREO_USER_TOKEN_HEADER, tokens[user]);

  it('scans every namespace once at start-up as the service account, in pages of 100', () => {
    const runs = stack.devstack.api.store.list('WorkflowRun', 'default');
    expect(scan.get(`GET ${RUNS}`)).toBe(Math.ceil(runs.length / 100));
    expect(scan.get('GET /api/v1/namespaces')).toBe(1);
  });

  it('serves the first page from the history after one access probe as the caller', async () => {
    const res = await get(
      `/components/default/${COMPONENT}/workflow-runs?limit=20`,
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { name: string }) => r.name)).toEqual(
      seeded.slice(-20).reverse(),
    );
    expect([...proxy.counts]).toEqual([[`GET ${RUNS}`, 1]]);

    // Page 2 continues in order from the history, with nothing more upstream (probe cached).
    proxy.reset();
    const next = await get(
      `/components/default/${COMPONENT}/workflow-runs?limit=20&cursor=${res.body.nextCursor}`,
    );
    expect(next.body.items.map((r: { name: string }) => r.name)).toEqual(
      seeded.slice(-40, -20).reverse(),
    );
    expect(proxy.counts.size).toBe(0);
  });

  it('gives the card its newest builds with one run list (the probe)', async () => {
    const res = await get(`/components/default/${COMPONENT}/summary`);
    expect(res.status).toBe(200);
    expect(res.body.latestRuns.map((r: { name: string }) => r.name)).toEqual(
      seeded.slice(-5).reverse(),
    );
    expect(proxy.count('GET', RUNS)).toBe(1);
  });

  it('shows nothing of the history to a user whose OpenChoreo list omits the runs', async () => {
    // OpenChoreo's lists drop what the caller may not view: the outsider's probe comes back
    // empty, so the outsider's own listing decides (empty too), not the history.
    const res = await get(
      `/components/default/${COMPONENT}/workflow-runs?limit=20`,
      'outsider',
    );
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    expect(proxy.count('GET', RUNS)).toBe(2);
    const card = await get(
      `/components/default/${COMPONENT}/summary`,
      'outsider',
    );
    expect(card.body.latestRuns ?? []).toEqual([]);
  });

  it('serves nothing when OpenChoreo refuses the probe', async () => {
    proxy.rules.push({
      method: 'GET',
      path: /\/workflowruns$/,
      respond: {
        status: 403,
        body: {
          error: 'not authorized to view workflow runs',
          code: 'FORBIDDEN',
        },
      },
    });
    const res = await get(
      `/components/default/${COMPONENT}/workflow-runs?limit=20`,
    );
    expect(res.status).toBe(403);
    expect(res.body.items).toBeUndefined();
    expect(res.body.error.message).toMatch(
      /^OpenChoreo does not allow you to list the builds of component "default\/indexed-service".*not authorized to view workflow runs/,
    );
    expect([...proxy.counts]).toEqual([[`GET ${RUNS}`, 1]]);
  });

  it('asks for an OpenChoreo sign-in before serving anything', async () => {
    const res = await request(backend.server)
      .get(`${API}/components/default/${COMPONENT}/workflow-runs?limit=20`)
      .set('Authorization', USER);
    expect(res.status).toBe(401);
    expect(res.body.items).toBeUndefined();
    expect(proxy.counts.size).toBe(0);
  });

  it('shows a build the portal starts at once', async () => {
    const started = await request(backend.server)
      .post(`${API}/components/default/${COMPONENT}/workflow-runs`)
      .set('Authorization', USER)
      .set(OPENCHOREO_USER_TOKEN_HEADER, tokens.developer)
      .send({});
    expect(started.status).toBe(201);
    const first = await get(
      `/components/default/${COMPONENT}/workflow-runs?limit=5`,
    );
    expect(first.body.items[0].name).toBe(started.body.run.name);
    expect(
      first.body.items.slice(1).map((r: { name: string }) => r.name),
    ).toEqual(seeded.slice(-4).reverse());
  });

  it('answers a component without builds from the history too', async () => {
    const res = await get(
      '/components/default/greeting-service/workflow-runs?limit=20',
    );
    expect(res.status).toBe(200);
    expect([...proxy.counts]).toEqual([[`GET ${RUNS}`, 1]]);
  });

  it('with the service account acting for everyone, serves the history with no upstream request', async () => {
    const serviceAccountOnly = await startBackend(false);
    await new Promise(r => setTimeout(r, 2100));
    proxy.reset();
    const res = await request(serviceAccountOnly.server)
      .get(`${API}/components/default/${COMPONENT}/workflow-runs?limit=20`)
      .set('Authorization', USER);
    expect(res.status).toBe(200);
    expect(res.body.items[1].name).toBe(seeded[seeded.length - 1]);
    expect(proxy.counts.size).toBe(0);
  });
});

describe('builds: the history scan follows its settings', () => {
  let stack: TestDevstack;
  let proxy: UpstreamProxy;
  const backends: OpenChoreoTestBackend[] = [];

  beforeAll(async () => {
    stack = await startTestDevstack();
    proxy = await startUpstreamProxy(stack.devstack.api.url);
  });
  afterAll(async () => {
    await Promise.all(backends.map(b => b.stop()));
    await proxy?.close();
    await stack?.devstack.close();
  });

  /** A backend with a scheduler and events service that record instead of running. */
  const start = async (statusTtlMs: number, indexIntervalSeconds: number) => {
    const scheduler = mockServices.scheduler.mock();
    const backend = await startOpenChoreoTestBackend({
      baseUrl: `${proxy.url}/api/v1`,
      tokenUrl: stack.devstack.idp.tokenUrl,
      ...stack.devstack.idp.clients.portal,
      statusTtlMs,
      openchoreo: { builds: { indexIntervalSeconds } },
      features: [scheduler.factory],
    });
    backends.push(backend);
    return { scheduler, backend };
  };

  it('runs every indexIntervalSeconds on one replica at a time (global scope), as the scan of every namespace', async () => {
    const { scheduler } = await start(2000, 30);
    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
    const task = scheduler.scheduleTask.mock.calls[0][0];
    expect(task).toMatchObject({
      id: 'openchoreo-builds-history',
      scope: 'global',
      frequency: { seconds: 30 },
    });
    proxy.reset();
    await task.fn(new AbortController().signal);
    expect(proxy.count('GET', '/api/v1/namespaces')).toBe(1);
    expect(proxy.count('GET', RUNS)).toBeGreaterThanOrEqual(1);
    // Run again within the interval (another replica's timer): nothing is read.
    proxy.reset();
    await task.fn(new AbortController().signal);
    expect(proxy.counts.size).toBe(0);
  });

  it('follows the components the events intake reports', async () => {
    const { backend } = await start(2000, 30);
    const subscription = backend.events.subscribe.mock.calls[0][0];
    expect(subscription.topics).toEqual(['openchoreo']);
    proxy.reset();
    await subscription.onEvent({
      topic: 'openchoreo',
      eventPayload: {
        kind: 'Component',
        name: 'greeting-service',
        namespace: 'default',
        action: 'updated',
      },
    });
    expect([...proxy.counts]).toEqual([[`GET ${RUNS}`, 1]]);
  });

  it('is not scheduled with indexIntervalSeconds 0 or with the cache off', async () => {
    expect(
      (await start(2000, 0)).scheduler.scheduleTask,
    ).not.toHaveBeenCalled();
    expect((await start(0, 30)).scheduler.scheduleTask).not.toHaveBeenCalled();
  });
});
