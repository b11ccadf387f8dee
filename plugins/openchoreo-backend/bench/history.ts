/*
 * Builds history benchmark (issue 23): prints
 *   1. upstream requests per scan interval with 1, 2 and 3 replicas on one PostgreSQL;
 *   2. at 50,000 runs: requests of the first scan, of a steady-state interval (nothing changed),
 *      of an interval after one external build, and the average with the periodic full listing;
 *   3. replica RSS growth from 1,000 to 50,000 runs (the history is in PostgreSQL);
 *   4. upstream requests of the first view after a restart;
 *   5. run-list route p50 with 50,000 vs 1,000 stored runs, and its worst latency during a
 *      full scan of 50,000 runs.
 * The upstream is a minimal OpenChoreo API of our own in a child process (lists at a fixed
 * cost per page, with Kubernetes' `remainingCount`), so the figures are the plugin's own.
 * Needs PostgreSQL: `source scripts/services.sh && services_start`, then
 *   yarn workspace @openchoreo-ci/plugin-openchoreo-backend bench:history
 * Not a test: the figures depend on the machine; the goals are printed next to them.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  coreServices,
  createServiceFactory,
  type SchedulerService,
  type SchedulerServiceTaskInvocationDefinition,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { openchoreoPlugin } from '../src/plugin';
import { sharedServicesFromEnv } from '../src/__testUtils__/sharedServices';
import { percentile } from './benchStack';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const BIG = Number(process.env.BENCH_RUNS ?? 50_000);
const SMALL = 1000;
const COMPONENTS = 5;
const INTERVAL_S = 2;

// ---------------------------------------------------------------------------------------------
// The upstream: a child process serving an OpenChoreo API of N runs.
// ---------------------------------------------------------------------------------------------

function makeRun(i: number, running: boolean) {
  const component = `bench-c${i % COMPONENTS}`;
  const created = new Date(Date.UTC(2026, 0, 1) + i * 10_000).toISOString();
  return {
    metadata: {
      name: `${component}-run-${randomBytes(4).toString('hex')}`,
      namespace: 'default',
      creationTimestamp: created,
      labels: {
        'openchoreo.dev/project': 'bench',
        'openchoreo.dev/component': component,
      },
      annotations: {},
    },
    spec: {
      workflow: {
        kind: 'ClusterWorkflow',
        name: 'dockerfile-builder',
        parameters: {
          repository: {
            url: 'https://github.com/openchoreo/sample-workloads',
            revision: { branch: 'main', commit: '' },
            appPath: '/service-go-greeter',
          },
        },
      },
      ttlAfterCompletion: '1d',
    },
    status: {
      conditions: [
        running
          ? { type: 'WorkflowRunning', status: 'True', reason: 'Running' }
          : {
              type: 'WorkflowSucceeded',
              status: 'True',
              reason: 'WorkflowSucceeded',
              message: 'Workflow has completed',
            },
      ],
      tasks: [
        { name: 'checkout-source', phase: 'Succeeded', startedAt: created },
        { name: 'build-image', phase: running ? 'Running' : 'Succeeded' },
      ],
      startedAt: created,
      ...(running ? {} : { completedAt: created }),
    },
  };
}

async function upstreamMain() {
  const runs: Array<ReturnType<typeof makeRun>> = [];
  let byName = new Map<string, ReturnType<typeof makeRun>>();
  const byComponent = new Map<string, Array<ReturnType<typeof makeRun>>>();
  let requests = 0;
  const reindex = () => {
    runs.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    byName = new Map(runs.map(r => [r.metadata.name, r]));
    byComponent.clear();
    for (const run of runs) {
      const c = run.metadata.labels['openchoreo.dev/component'];
      byComponent.set(c, [...(byComponent.get(c) ?? []), run]);
    }
  };
  const grow = (total: number) => {
    for (let i = runs.length; i < total; i += 1) {
      runs.push(makeRun(i, i >= total - 3));
    }
    reindex();
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/token') {
      send(200, {
        access_token: 'bench-token',
        token_type: 'Bearer',
        expires_in: 3600,
      });
      return;
    }
    requests += 1;
    if (url.pathname === '/api/v1/namespaces') {
      send(200, {
        items: [{ metadata: { name: 'default' } }],
        pagination: {},
      });
      return;
    }
    const one = /^\/api\/v1\/namespaces\/default\/workflowruns\/([^/]+)$/.exec(
      url.pathname,
    );
    if (one) {
      const run = byName.get(one[1]);
      if (run) send(200, run);
      else send(404, { error: 'not found', code: 'NOT_FOUND' });
      return;
    }
    if (url.pathname === '/api/v1/namespaces/default/workflowruns') {
      const selector = url.searchParams.get('labelSelector');
      const list = selector
        ? byComponent.get(selector.split('=')[1]) ?? []
        : runs;
      const from = Number(url.searchParams.get('cursor') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const more = from + limit < list.length;
      send(200, {
        items: list.slice(from, from + limit),
        pagination: {
          ...(more
            ? {
                nextCursor: String(from + limit),
                ...(selector
                  ? {}
                  : { remainingCount: list.length - from - limit }),
              }
            : {}),
        },
      });
      return;
    }
    send(404, { error: `no route ${url.pathname}`, code: 'NOT_FOUND' });
  });
  server.listen(0, '127.0.0.1', () => {
    process.send!({
      ready: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    });
  });
  process.on(
    'message',
    (m: { id: number; grow?: number; count?: boolean; close?: boolean }) => {
      if (m.grow !== undefined) grow(m.grow);
      if (m.close) process.exit(0);
      process.send!({ id: m.id, requests });
      if (m.count) requests = 0;
    },
  );
}

interface Upstream {
  url: string;
  /** Grows the upstream to `total` runs (the last 3 still running). */
  grow(total: number): Promise<void>;
  /** Requests since the last call. */
  take(): Promise<number>;
  close(): Promise<void>;
}

async function startUpstream(runs: number): Promise<Upstream> {
  const child: ChildProcess = fork(__filename, {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
    env: { ...process.env, BENCH_ROLE: 'upstream' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>(resolve =>
    child.on('message', (m: { ready?: string }) => m.ready && resolve(m.ready)),
  );
  let id = 0;
  const ask = (m: object) =>
    new Promise<number>(resolve => {
      const mine = ++id;
      const on = (a: { id?: number; requests: number }) => {
        if (a.id !== mine) return;
        child.off('message', on);
        resolve(a.requests);
      };
      child.on('message', on);
      child.send({ id: mine, ...m });
    });
  await ask({ grow: runs, count: true });
  return {
    url,
    grow: async total => {
      await ask({ grow: total });
    },
    take: () => ask({ count: true }),
    close: async () => {
      child.send({ id: 0, close: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Replicas: backends with only the plugin on one PostgreSQL database, scans fired by hand.
// ---------------------------------------------------------------------------------------------

interface Replica {
  url: string;
  /** This replica's scan timer firing once. */
  scan(): Promise<void>;
  stop(): Promise<void>;
}

async function startReplica(
  upstream: Upstream,
  database: string,
  extra: Record<string, unknown> = {},
): Promise<Replica> {
  const { postgresUrl } = sharedServicesFromEnv();
  // A scheduler that only records the tasks: the bench fires each replica's timer itself.
  type Task = SchedulerServiceTaskScheduleDefinition &
    SchedulerServiceTaskInvocationDefinition;
  const tasks: Task[] = [];
  const scheduler = createServiceFactory({
    service: coreServices.scheduler,
    deps: {},
    factory: () =>
      ({
        scheduleTask: async (task: Task) => {
          tasks.push(task);
        },
      } as unknown as SchedulerService),
  });
  const backend = await startTestBackend({
    features: [
      openchoreoPlugin,
      scheduler,
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: {
              client: 'pg',
              connection: postgresUrl,
              prefix: `${database}_`,
            },
          },
          openchoreo: {
            baseUrl: `${upstream.url}/api/v1`,
            requestTimeoutMs: 60_000,
            requestDeadlineMs: 120_000,
            auth: {
              tokenUrl: `${upstream.url}/token`,
              clientId: 'bench',
              clientSecret: 'bench',
            },
            cache: { statusTtlMs: 2000 },
            builds: { indexIntervalSeconds: INTERVAL_S, ...extra },
          },
        },
      }),
    ],
  });
  const task = tasks[0];
  const port = (backend.server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/api/openchoreo`,
    scan: async () => {
      await task.fn(new AbortController().signal);
    },
    stop: () => backend.stop(),
  };
}

const USER_HEADER = { Authorization: 'Bearer mock-user-token' };

async function listOnce(replica: Replica, component = 'bench-c0') {
  const res = await fetch(
    `${replica.url}/components/default/${component}/workflow-runs?limit=20`,
    { headers: USER_HEADER },
  );
  if (res.status !== 200) {
    throw new Error(`run list answered ${res.status}: ${await res.text()}`);
  }
  await res.arrayBuffer();
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const nextInterval = () =>
  new Promise(resolve => setTimeout(resolve, INTERVAL_S * 1000 + 50));

const lines: string[] = [];
function report(line = '') {
  lines.push(line);
  process.stdout.write(`${line}\n`);
}

function rssMb(): number {
  (global as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
}

async function main() {
  const run = randomBytes(3).toString('hex');
  const dbs: string[] = [];
  const db = (name: string) => {
    const full = `och_bench_${run}_${name}`;
    dbs.push(full);
    return full;
  };

  // 1. Replicas.
  report(
    `1. Upstream requests per scan interval (${INTERVAL_S} s) with ${SMALL} runs, replicas on one PostgreSQL (each replica's timer fires once per interval)`,
  );
  for (const count of [1, 2, 3]) {
    const upstream = await startUpstream(SMALL);
    const database = db(`replicas${count}`);
    const replicas: Replica[] = [];
    for (let i = 0; i < count; i += 1) {
      replicas.push(await startReplica(upstream, database));
    }
    await upstream.take();
    const perInterval: number[] = [];
    for (let interval = 0; interval < 3; interval += 1) {
      await Promise.all(replicas.map(r => r.scan()));
      perInterval.push(await upstream.take());
      await nextInterval();
    }
    report(
      `   ${count} replica(s): ${perInterval.join(
        ' / ',
      )} requests in intervals 1 / 2 / 3 (1: first full listing; then the count probe)`,
    );
    await Promise.all(replicas.map(r => r.stop()));
    await upstream.close();
  }
  report('   goal: the same total whatever the number of replicas');

  // 2-4. One replica from 1,000 to 50,000 runs.
  const upstream = await startUpstream(SMALL);
  const database = db('scale');
  let replica = await startReplica(upstream, database);
  await replica.scan();
  for (let i = 0; i < 50; i += 1) await listOnce(replica);
  const rssSmall = rssMb();
  await upstream.take();
  await nextInterval();

  await upstream.grow(BIG);
  await upstream.take();
  const fullMs = await timed(() => replica.scan());
  const full = await upstream.take();
  await nextInterval();
  await replica.scan();
  const steady = await upstream.take();
  await upstream.grow(BIG + 1);
  await upstream.take();
  await nextInterval();
  await replica.scan();
  const afterOne = await upstream.take();
  for (let i = 0; i < 50; i += 1) await listOnce(replica);
  const rssBig = rssMb();
  const fullEveryIntervals = (60 * 60) / 60; // defaults: fullScanMinutes 60, interval 60 s
  report();
  report(
    `2. At ${BIG.toLocaleString(
      'en',
    )} runs, one namespace, requests per interval`,
  );
  report(
    `   full listing: ${full} requests (${(fullMs / 1000).toFixed(
      1,
    )} s); steady state, nothing changed: ${steady} (${(
      (100 * steady) /
      full
    ).toFixed(1)}% of a full listing)`,
  );
  report(
    `   steady state = 1 namespaces list + 1 count probe (limit=1, remainingCount) + 1 GET per unfinished run (3 here)`,
  );
  report(
    `   with the periodic full listing (defaults: every 60 min at a 60 s interval): ${(
      steady +
      full / fullEveryIntervals
    ).toFixed(1)} on average (${(
      (100 * (steady + full / fullEveryIntervals)) /
      full
    ).toFixed(1)}%)`,
  );
  report(
    `   after one build started outside the portal: ${afterOne} (the API has no "changed since" filter and no sort: a new run can be on any page, so finding it is a full listing; with the events intake on, a component event costs one listing of that component instead)`,
  );
  report('   goal: <= 10% of a full listing when nothing changed');
  report();
  report(
    `3. Replica RSS: ${rssSmall.toFixed(
      0,
    )} MB at ${SMALL} runs, ${rssBig.toFixed(0)} MB at ${BIG.toLocaleString(
      'en',
    )} (growth ${(rssBig - rssSmall).toFixed(0)} MB; goal <= 50 MB)${
      (global as { gc?: () => void }).gc ? '' : ' [run with --expose-gc]'
    }`,
  );

  await replica.stop();
  replica = await startReplica(upstream, database);
  // The restarted replica's scan timer fires at once in the test scheduler; here it is the
  // other replicas' turn (it claimed within the interval), so the view is what is measured.
  await upstream.take();
  await listOnce(replica);
  const firstView = await upstream.take();
  report();
  report(
    `4. First view after a restart: ${firstView} upstream request(s) (service account; with user tokens +1 access probe; goal <= 2)`,
  );

  // 5. Route latency, 50,000 vs 1,000 stored runs, interleaved.
  const smallUpstream = await startUpstream(SMALL);
  const small = await startReplica(smallUpstream, db('latency'));
  await small.scan();
  const samples: [number[], number[]] = [[], []];
  // The first page of a component with no unfinished run (its runs all finished).
  for (let i = 0; i < SAMPLES; i += 1) {
    samples[0].push(await timed(() => listOnce(small, 'bench-c3')));
    samples[1].push(await timed(() => listOnce(replica, 'bench-c3')));
  }
  const p50 = samples.map(s => percentile(s, 50));
  report();
  report(
    `5. Run-list route (20 newest), ${SAMPLES} interleaved rounds: p50 ${p50[0].toFixed(
      2,
    )} ms with ${SMALL} stored runs, ${p50[1].toFixed(
      2,
    )} ms with ${BIG.toLocaleString('en')} (${(p50[1] / p50[0]).toFixed(
      2,
    )}x; goal <= 1.2x)`,
  );
  // Worst latency while a full listing of 50,000 runs is written.
  const during = await startReplica(upstream, database, {
    history: { fullScanMinutes: 0 },
  });
  await nextInterval();
  const latencies: number[] = [];
  let scanning = true;
  const scan = during.scan().finally(() => {
    scanning = false;
  });
  while (scanning)
    latencies.push(await timed(() => listOnce(during, 'bench-c3')));
  await scan;
  report(
    `   during a full listing of ${BIG.toLocaleString('en')} runs: ${
      latencies.length
    } requests, p50 ${percentile(latencies, 50).toFixed(
      2,
    )} ms, worst ${Math.max(...latencies).toFixed(2)} ms`,
  );

  await Promise.all([replica, small, during].map(r => r.stop()));
  await Promise.all([upstream, smallUpstream].map(u => u.close()));
  report();
  report(
    `(databases ${dbs.join(', ')} are left in PostgreSQL; drop them at will)`,
  );
  process.exit(0);
}

if (process.env.BENCH_ROLE === 'upstream') {
  upstreamMain();
} else {
  main().catch(error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  });
}

export type { Server };
