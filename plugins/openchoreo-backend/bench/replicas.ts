/*
 * Replica benchmark (issue 13): two backend processes on one PostgreSQL and one Redis, one
 * devstack (a process of its own) behind a fault-injecting proxy. Prints
 *   1. lost updates of annotation edits spread over both replicas;
 *   2. duplicate runs of builds repeated with one Idempotency-Key (simultaneous, and retried by
 *      their clients under faults);
 *   3. the worst route latency under faults (20% 5xx, 5% resets, 10% delays past the deadline),
 *      and edits saved while their user was told they failed.
 * Run: yarn workspace @openchoreo-ci/plugin-openchoreo-backend bench:replicas
 * Needs PostgreSQL and Redis (OPENCHOREO_TEST_PG_URL / OPENCHOREO_TEST_REDIS_URL, or what
 * scripts/services.sh exports). BENCH_SCALE scales every time: 1 (default) is the 20 s
 * deadline and 5-40 s delays; 0.1 is a quick run. Not a test: the figures depend on the machine.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import { editableOnly } from '../src/__testUtils__/annotations';
import { startFaultProxy } from '../src/__testUtils__/faultProxy';
import {
  newTestRun,
  replicaBackendConfig,
  sharedServicesFromEnv,
} from '../src/__testUtils__/sharedServices';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const DEADLINE_MS = Math.round(20_000 * SCALE);
const DELAY_MS: [number, number] = [5_000 * SCALE, 40_000 * SCALE];
// At least the longest delay: a write in flight keeps its component's lock until it settles.
const REQUEST_TIMEOUT_MS = Math.round(45_000 * SCALE);
const USER = mockCredentials.user.header();
const RUNS_PATH = '/api/v1/namespaces/default/workflowruns';

interface Ready {
  apiUrl: string;
  tokenUrl: string;
  portal: { clientId: string; clientSecret: string };
}

function forkReady<T>(
  file: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; ready: T }> {
  const child = fork(join(__dirname, file), {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', code => reject(new Error(`${file} exited (${code})`)));
    child.on('message', (m: { ready?: T }) => {
      if (m.ready) resolve({ child, ready: m.ready });
    });
  });
}

/** One answer as a client saw it: status 0 when the connection failed. */
interface Answer {
  status: number;
  body: any;
  ms: number;
  route: string;
}

const answers: Answer[] = [];

async function call(
  base: string,
  method: string,
  path: string,
  route: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const started = Date.now();
  let answer: Answer;
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        Authorization: USER,
        'Content-Type': 'application/json',
        ...options.headers,
      },
      body:
        options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    answer = {
      status: res.status,
      body: text ? JSON.parse(text) : undefined,
      ms: Date.now() - started,
      route,
    };
  } catch {
    answer = { status: 0, body: undefined, ms: Date.now() - started, route };
  }
  answers.push(answer);
  return answer;
}

const pause = (ms: number) => new Promise(r => setTimeout(r, ms));

async function main() {
  const services = sharedServicesFromEnv();
  const devstack = await forkReady<Ready>('devstackProcess.ts', {
    BENCH_TIME_SCALE: '0.002',
  });
  const { apiUrl, tokenUrl, portal } = devstack.ready;
  const proxy = await startFaultProxy(apiUrl);
  const run = newTestRun();
  const config = {
    openchoreo: {
      baseUrl: `${proxy.url}/api/v1`,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      requestDeadlineMs: DEADLINE_MS,
      auth: { tokenUrl, ...portal },
    },
    ...replicaBackendConfig(services, run),
  };
  const replicas = await Promise.all(
    [0, 1].map(() =>
      forkReady<{ url: string }>('replicaProcess.ts', {
        BENCH_REPLICA_CONFIG: JSON.stringify(config),
      }),
    ),
  );
  const replica = (i: number) => replicas[i % 2].ready.url;

  const token = await serviceAccountToken(tokenUrl, portal);
  const readEditable = async (component: string) => {
    const res = await fetch(
      `${apiUrl}/api/v1/namespaces/default/components/${component}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    const body = (await res.json()) as {
      metadata: { annotations?: Record<string, string> };
    };
    return editableOnly(body.metadata.annotations);
  };
  const createdRuns = (from: number) =>
    proxy.answers
      .slice(from)
      .filter(
        a => a.method === 'POST' && a.path === RUNS_PATH && a.status === 201,
      );

  const print = (line = '') => process.stdout.write(`${line}\n`);
  print(
    `replica benchmark: 2 backend processes, PostgreSQL + Redis, deadline ${DEADLINE_MS} ms, ` +
      `upstream request timeout ${REQUEST_TIMEOUT_MS} ms`,
  );

  // 1. Lost updates, no faults: 50 pairs of simultaneous edits, one per replica.
  let bothSaved = 0;
  const pairKeys: string[] = [];
  for (let pair = 0; pair < 50; pair += 1) {
    const expected = await readEditable('legacy-monolith');
    const keys = [`pair-${pair}-a`, `pair-${pair}-b`];
    const results = await Promise.all(
      keys.map((key, i) =>
        call(
          replica(i),
          'PUT',
          '/components/default/legacy-monolith/annotations',
          'PUT annotations',
          { body: { expected, annotations: { ...expected, [key]: 'saved' } } },
        ),
      ),
    );
    if (results.every(r => r.status === 200)) bothSaved += 1;
    pairKeys.push(...keys.filter((_, i) => results[i].status === 200));
  }
  const pairsFinal = await readEditable('legacy-monolith');
  const pairsLost = pairKeys.filter(key => pairsFinal[key] !== 'saved').length;
  print(
    `1. 50 pairs of simultaneous edits, one per replica: ${bothSaved} pairs both answered 200; ` +
      `${pairKeys.length} edits saved, ${pairsLost} of them lost (issue: 15 pairs, 15 lost)`,
  );

  // 2. Duplicate runs, no faults: 50 simultaneous triggers with one key over both replicas.
  const before = proxy.answers.length;
  const key = `bench-${run}`;
  const triggers = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      call(
        replica(i),
        'POST',
        '/components/default/greeting-service/workflow-runs',
        'POST workflow-runs',
        { headers: { 'Idempotency-Key': key } },
      ),
    ),
  );
  const names = new Set(triggers.map(t => t.body?.run?.name));
  print(
    `2. 50 simultaneous triggers with one Idempotency-Key over both replicas: ` +
      `${createdRuns(before).length} run(s) created, ${
        names.size
      } run name(s) answered, ` +
      `${triggers.filter(t => t.status !== 201).length} non-201 answers`,
  );

  // 3. Under faults: 30 builds and 8 edits retried by their clients, 10 summary viewers.
  answers.length = 0;
  const faultsFrom = proxy.answers.length;
  proxy.plan = {
    errorRate: 0.2,
    resetRate: 0.05,
    delayRate: 0.1,
    delayMs: DELAY_MS,
    seed: 42,
  };
  const started = Date.now();
  let viewing = true;
  const viewers = Array.from({ length: 10 }, async (_, i) => {
    while (viewing) {
      await call(
        replica(i),
        'GET',
        '/components/default/greeting-service/summary',
        'GET summary',
      );
      await pause(2000 * SCALE);
    }
  });
  const builds = Array.from({ length: 30 }, async (_, i) => {
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const res = await call(
        replica(i + attempt),
        'POST',
        '/components/default/greeting-service/workflow-runs',
        'POST workflow-runs',
        { headers: { 'Idempotency-Key': `bench-faults-${run}-${i}` } },
      );
      if (res.status === 201) return res.body.run.name as string;
      await pause(200);
    }
    return undefined;
  });
  let ownConflicts = 0;
  const editKeys = Array.from({ length: 8 }, (_, i) => `bench-fault-edit-${i}`);
  const edits = editKeys.map(async (editKey, i) => {
    let expected = await readEditable('greeting-service');
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const res = await call(
        replica(i + attempt),
        'PUT',
        '/components/default/greeting-service/annotations',
        'PUT annotations',
        {
          body: { expected, annotations: { ...expected, [editKey]: 'saved' } },
        },
      );
      if (res.status === 200) return true;
      if (res.status === 409) {
        if (String(res.body?.error?.message).includes(editKey))
          ownConflicts += 1;
        expected = await readEditable('greeting-service');
      }
      await pause(100 + Math.random() * 200);
    }
    return false;
  });
  const built = await Promise.all(builds);
  const saved = await Promise.all(edits);
  const afterLastAnswer = await readEditable('greeting-service');
  viewing = false;
  await Promise.all(viewers);
  const faultSeconds = Math.round((Date.now() - started) / 1000);
  proxy.plan = undefined;
  await proxy.settled();
  const final = await readEditable('greeting-service');
  const runsMade = createdRuns(faultsFrom).length;
  const editsLost = editKeys.filter((k, i) => saved[i] && final[k] !== 'saved');
  const ghost = JSON.stringify(final) !== JSON.stringify(afterLastAnswer);
  print(
    `3. Under faults for ${faultSeconds} s (${JSON.stringify(proxy.stats)}):`,
  );
  print(
    `   30 builds retried with their keys: ${
      built.filter(Boolean).length
    } started, ` +
      `${runsMade} runs created, ${
        runsMade - 30
      } duplicate(s) (issue: 33 runs)`,
  );
  print(
    `   8 edits retried: ${saved.filter(Boolean).length} saved, ${
      editsLost.length
    } lost, ` +
      `${ownConflicts} 409s naming the user's own edit, ` +
      `${
        ghost
          ? 'a write landed after the last answer'
          : 'no write landed after the last answer'
      }`,
  );
  const byRoute = new Map<string, Answer[]>();
  for (const a of answers)
    byRoute.set(a.route, [...(byRoute.get(a.route) ?? []), a]);
  for (const [route, list] of byRoute) {
    const worst = Math.max(...list.map(a => a.ms));
    const timeouts = list.filter(a => a.status === 504).length;
    print(
      `   ${route}: ${list.length} answers, worst ${worst} ms, ${timeouts} answered 504`,
    );
  }
  const worstAll = Math.max(...answers.map(a => a.ms));
  print(
    `   worst route latency under faults: ${worstAll} ms = deadline + ${
      worstAll - DEADLINE_MS
    } ms (issue: an edit took 75 s)`,
  );

  for (const r of replicas) r.child.send({ close: true });
  await Promise.all(
    replicas.map(r => new Promise(resolve => r.child.once('exit', resolve))),
  );
  await proxy.close();
  devstack.child.send({ id: 0, close: true });
  await new Promise(resolve => devstack.child.once('exit', resolve));
  process.exit(0);
}

async function serviceAccountToken(
  tokenUrl: string,
  portal: Ready['portal'],
): Promise<string> {
  const res = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: portal.clientId,
      client_secret: portal.clientSecret,
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
