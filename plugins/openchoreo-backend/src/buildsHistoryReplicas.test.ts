import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { startTestDevstack, type TestDevstack } from './__testUtils__/devstack';
import { cloneGreetingService, finishedRun } from './__testUtils__/runFixtures';
import {
  newTestRun,
  sharedServicesFromEnv,
} from './__testUtils__/sharedServices';
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
const COMPONENT = 'replicated-service';

jest.setTimeout(120_000);

/**
 * Replicas sharing one PostgreSQL: the builds history is read once for all of them and what
 * one replica writes the others list at once. Each replica's scheduler records its tasks, so
 * the test runs the scan "timers" of every replica itself.
 */
describe('builds history: replicas on one PostgreSQL', () => {
  const { postgresUrl } = sharedServicesFromEnv();
  // Only to drop the replicas' database afterwards (TestDatabases drops its own).
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
  const prefix = `och_${newTestRun()}_`;
  let stack: TestDevstack;
  let proxy: UpstreamProxy;
  const backends: OpenChoreoTestBackend[] = [];

  async function startReplica() {
    const scheduler = mockServices.scheduler.mock();
    const backend = await startOpenChoreoTestBackend({
      baseUrl: `${proxy.url}/api/v1`,
      tokenUrl: stack.devstack.idp.tokenUrl,
      ...stack.devstack.idp.clients.portal,
      statusTtlMs: 2000,
      openchoreo: { builds: { indexIntervalSeconds: 60 } },
      extraConfig: {
        backend: {
          database: { client: 'pg', connection: postgresUrl, prefix },
        },
      },
      features: [scheduler.factory],
    });
    backends.push(backend);
    const task = scheduler.scheduleTask.mock.calls[0][0];
    return { backend, scan: () => task.fn(new AbortController().signal) };
  }

  beforeAll(async () => {
    stack = await startTestDevstack();
    cloneGreetingService(stack.devstack.api.store, COMPONENT);
    for (let i = 0; i < 30; i += 1) {
      finishedRun(stack.devstack.api.store, COMPONENT, {
        createdAt: new Date(Date.now() - (30 - i) * 60_000),
      });
    }
    proxy = await startUpstreamProxy(stack.devstack.api.url);
  });
  afterAll(async () => {
    await Promise.all(backends.map(b => b.stop()));
    await proxy?.close();
    await stack?.devstack.close();
    const admin = await databases.init('POSTGRES_15');
    await admin.raw(`DROP DATABASE IF EXISTS ${prefix}openchoreo WITH (FORCE)`);
  });

  const list = (backend: OpenChoreoTestBackend) =>
    request(backend.server)
      .get(`${API}/components/default/${COMPONENT}/workflow-runs?limit=5`)
      .set('Authorization', USER);

  it('scans once per interval whatever the number of replicas, lists a build started on one replica on the others at once, and serves a restarted replica from the database', async () => {
    const replicas = [await startReplica(), await startReplica()];
    const third = await startReplica();
    proxy.reset();
    // Every replica's timer fires in the same interval: one scan in all.
    await Promise.all([...replicas, third].map(r => r.scan()));
    const runs = stack.devstack.api.store.list('WorkflowRun', 'default');
    expect(proxy.count('GET', '/api/v1/namespaces')).toBe(1);
    expect(proxy.count('GET', RUNS)).toBe(Math.ceil(runs.length / 100));

    // A build started through replica A is in replica B's list at once.
    const started = await request(replicas[0].backend.server)
      .post(`${API}/components/default/${COMPONENT}/workflow-runs`)
      .set('Authorization', USER)
      .send({});
    expect(started.status).toBe(201);
    const onB = await list(replicas[1].backend);
    expect(onB.status).toBe(200);
    expect(onB.body.items[0].name).toBe(started.body.run.name);

    // A restarted replica answers its first view from the history: at most 2 upstream requests
    // (here the started build, still unfinished, is re-read; the service account needs no probe).
    await third.backend.stop();
    const restarted = await startReplica();
    proxy.reset();
    const first = await list(restarted.backend);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(5);
    const upstream = [...proxy.counts.values()].reduce((a, b) => a + b, 0);
    expect(upstream).toBeLessThanOrEqual(2);
    expect(proxy.count('GET', RUNS)).toBe(0);
  });
});
