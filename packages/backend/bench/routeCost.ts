/*
 * The honest route benchmark (issue 23): the OpenChoreo plugin's routes with REAL sign-in (the
 * devstack's identity provider through Backstage's auth backend and the OpenChoreo sign-in
 * module) and the REAL permission service (Backstage's permission backend with the portal's
 * policy), no test doubles. Prints
 *   1. route vs a direct API call, with the API answering 10 ms late, status cache off, with and
 *      without reusing permission decisions, and where a route's time goes (Server-Timing:
 *      identity, permission, upstream, mapping);
 *   2. 50 viewers tailing a running step of 500 lines and of 50,000 lines: p50 per poll.
 * Run: yarn workspace backend bench:routes   (not a test: the figures depend on the machine)
 */
import { fork } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve as resolvePath } from 'node:path';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import eventsPlugin from '@backstage/plugin-events-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import openchoreoBackendPlugin from '@openchoreo-ci/plugin-openchoreo-backend';
import openchoreoSignInModule from '@openchoreo-ci/plugin-auth-backend-module-openchoreo-provider';
import { signInThroughPortal } from '@openchoreo-ci/openchoreo-devstack';
import permissionPolicyModule from '../src/modules/permissionPolicy';

const APP = 'http://localhost:3000';
const CALLBACK = 'http://localhost:7007/api/auth/openchoreo/handler/frame';
const orgFile = resolvePath(__dirname, '../../../catalog/org.yaml');
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const DELAY_MS = 10;
const VIEWERS = 50;
const POLL_MS = 1000;
const TAIL_MS = Number(process.env.BENCH_TAIL_MS ?? 12_000);
const NS = '/api/v1/namespaces/default';

interface Ready {
  apiUrl: string;
  idpUrl: string;
  tokenUrl: string;
  portal: { clientId: string; clientSecret: string };
}

const report = (line = '') => process.stdout.write(`${line}\n`);
const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
};
const p50 = (s: number[]) => percentile(s, 50);
const ms = (n: number) => n.toFixed(2);

/** A pass-through to `target` that holds each answer `delayMs` (an API reading Kubernetes). */
async function startDelayedHop(target: string, delayMs: number) {
  const { hostname, port } = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const hop = { url: '', requests: 0, close: async () => {} };
  const server = createServer((req, res) => {
    hop.requests += 1;
    const upstream = request(
      {
        agent,
        host: hostname,
        port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      answer =>
        setTimeout(() => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        }, delayMs),
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  hop.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  hop.close = () =>
    new Promise<void>(r => {
      agent.destroy();
      server.closeAllConnections();
      server.close(() => r());
    });
  return hop;
}

async function startDevstackProcess() {
  const child = fork(join(__dirname, 'devstackChild.ts'), {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('exit', code => reject(new Error(`devstack exited (${code})`)));
    child.on('message', (m: { ready?: Ready }) => m.ready && resolve(m.ready));
  });
  return {
    ready,
    close: () => {
      child.send({ close: true });
      setTimeout(() => child.exitCode === null && child.kill(), 2000).unref();
    },
  };
}

/** A portal backend (auth, catalog, permission with the portal's policy, OpenChoreo plugin). */
async function startPortal(
  ready: Ready,
  apiUrl: string,
  openchoreo: { statusTtlMs: number; permissionTtlMs: number },
) {
  const backend = await startTestBackend({
    features: [
      authServiceFactory,
      httpAuthServiceFactory,
      userInfoServiceFactory,
      permissionsServiceFactory,
      authPlugin,
      openchoreoSignInModule,
      catalogPlugin,
      eventsPlugin,
      openchoreoBackendPlugin,
      permissionPlugin,
      permissionPolicyModule,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: APP },
          auth: {
            environment: 'development',
            session: { secret: 'bench-session-secret' },
            providers: {
              openchoreo: {
                development: {
                  metadataUrl: `${ready.idpUrl}/.well-known/openid-configuration`,
                  ...ready.portal,
                  prompt: 'auto',
                  callbackUrl: CALLBACK,
                },
              },
            },
          },
          // As deployed with writer groups: changes need a group, reads are open.
          permission: { enabled: true, writerGroups: ['platform-team'] },
          catalog: {
            rules: [{ allow: ['User', 'Group'] }],
            locations: [{ type: 'file', target: orgFile }],
          },
          openchoreo: {
            baseUrl: `${apiUrl}/api/v1`,
            auth: {
              tokenUrl: ready.tokenUrl,
              ...ready.portal,
              userTokens: true,
            },
            signIn: { provider: 'openchoreo' },
            cache: openchoreo,
            builds: { indexIntervalSeconds: 0 },
            diagnostics: { serverTiming: true },
          },
        },
      }),
    ],
  });
  const { port } = (
    backend.server as unknown as { address(): AddressInfo }
  ).address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => backend.stop() };
}

/** Signs `user` in through the portal (the catalog may still be reading the users: retried). */
async function signIn(backendUrl: string, user: string) {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      return await signInThroughPortal({
        backendUrl,
        callbackUrl: CALLBACK,
        appOrigin: APP,
        login: `${user}@openchoreo.dev`,
        password: user,
      });
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise(r => setTimeout(r, 500));
    }
  }
}

type Timing = Record<string, number>;

/** One timed request; its Server-Timing parts when the answer has them. */
async function timedFetch(
  url: string,
  headers: Record<string, string>,
): Promise<{ ms: number; timing?: Timing; body: unknown }> {
  const start = process.hrtime.bigint();
  const res = await fetch(url, { headers });
  const body = await res.json();
  const took = Number(process.hrtime.bigint() - start) / 1e6;
  if (!res.ok) {
    throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body)}`);
  }
  const header = res.headers.get('server-timing');
  const timing = header
    ? Object.fromEntries(
        header.split(', ').map(part => {
          const [name, dur] = part.split(';dur=');
          return [name, Number(dur)];
        }),
      )
    : undefined;
  return { ms: took, timing, body };
}

async function routeVsDirect(ready: Ready, user: string) {
  const hop = await startDelayedHop(ready.apiUrl, DELAY_MS);
  const off = await startPortal(ready, hop.url, {
    statusTtlMs: 0,
    permissionTtlMs: 0,
  });
  const reuse = await startPortal(ready, hop.url, {
    statusTtlMs: 0,
    permissionTtlMs: 5000,
  });
  const person = await signIn(off.url, user);
  const person2 = await signIn(reuse.url, user);
  const direct = { Authorization: `Bearer ${person.accessToken}` };
  const routeHeaders = (p: typeof person) => ({
    Authorization: `Bearer ${p.backstageToken}`,
    'x-openchoreo-token': p.accessToken,
  });

  // 25 runs of a component of its own: the run list shows 20 of them.
  await control(ready, '/namespaces/default/components/bench-list/runs', {
    count: 25,
  });
  const list = await timedFetch(
    `${ready.apiUrl}${NS}/workflowruns?labelSelector=${encodeURIComponent(
      'openchoreo.dev/component=bench-list',
    )}&limit=1`,
    direct,
  );
  const run = (list.body as { items: Array<{ metadata: { name: string } }> })
    .items[0].metadata.name;
  const cases = [
    {
      what: 'run list (20 newest of 25)',
      api: `${NS}/workflowruns?labelSelector=${encodeURIComponent(
        'openchoreo.dev/component=bench-list',
      )}&limit=100`,
      route:
        '/api/openchoreo/components/default/bench-list/workflow-runs?limit=20',
    },
    {
      what: 'run details',
      api: `${NS}/workflowruns/${run}`,
      route: `/api/openchoreo/workflow-runs/default/${run}`,
    },
  ];
  report(
    `1. Route vs direct API call, real sign-in (${user}, through the devstack IdP and Backstage auth) and the real permission service (portal policy), the API answering ${DELAY_MS} ms late, status cache off (statusTtlMs 0), ${SAMPLES} rounds taking turns, ms`,
  );
  let worst = 0;
  for (const c of cases) {
    const arms = [
      () => timedFetch(`${hop.url}${c.api}`, direct),
      () => timedFetch(`${off.url}${c.route}`, routeHeaders(person)),
      () => timedFetch(`${reuse.url}${c.route}`, routeHeaders(person2)),
      // The same, asking for an uncompressed answer (Backstage compresses answers over 1 KB).
      () =>
        timedFetch(`${reuse.url}${c.route}`, {
          ...routeHeaders(person2),
          'Accept-Encoding': 'identity',
        }),
    ];
    for (let i = 0; i < 20; i++) for (const arm of arms) await arm();
    const samples = arms.map(() => [] as number[]);
    const timings = arms.map(() => [] as Timing[]);
    for (let i = 0; i < SAMPLES; i++) {
      for (const [j, arm] of arms.entries()) {
        const { ms: took, timing } = await arm();
        samples[j].push(took);
        // What the client waited beyond the plugin's router: HTTP, Backstage's token check.
        if (timing)
          timings[j].push({ ...timing, outside: took - timing.total });
      }
    }
    const [d, r0, r1, r2] = samples;
    // Requests to the API one route call causes, counting work it leaves running (500 ms).
    await new Promise(r => setTimeout(r, 500));
    const before = hop.requests;
    await arms[2]();
    await new Promise(r => setTimeout(r, 500));
    const upstreamRequests = hop.requests - before;
    const parts = (t: Timing[]) =>
      ['identity', 'permission', 'upstream', 'mapping', 'total', 'outside']
        .map(part => `${part} ${ms(p50(t.map(x => x[part])))}`)
        .join(', ');
    report(
      `   ${c.what} (one route call causes ${upstreamRequests} request(s) to the API, the direct call 1):`,
    );
    report(
      `     direct API call                          p50 ${ms(
        p50(d),
      )}  p95 ${ms(percentile(d, 95))}`,
    );
    report(
      `     route, decisions not reused (TTL 0)      p50 ${ms(
        p50(r0),
      )}  p95 ${ms(percentile(r0, 95))}  = ${(p50(r0) / p50(d)).toFixed(
        2,
      )}x direct`,
    );
    report(
      `        where the time goes (p50 of each):    ${parts(timings[1])}`,
    );
    report(
      `     route, decisions reused (TTL 5 s)        p50 ${ms(
        p50(r1),
      )}  p95 ${ms(percentile(r1, 95))}  = ${(p50(r1) / p50(d)).toFixed(
        2,
      )}x direct`,
    );
    report(
      `        where the time goes (p50 of each):    ${parts(timings[2])}`,
    );
    report(
      `     the same, uncompressed answer asked      p50 ${ms(
        p50(r2),
      )}  p95 ${ms(percentile(r2, 95))}  = ${(p50(r2) / p50(d)).toFixed(
        2,
      )}x direct`,
    );
    report(
      `        where the time goes (p50 of each):    ${parts(timings[3])}`,
    );
    worst = Math.max(worst, p50(r1) / p50(d));
  }
  const floor: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    floor.push(
      (
        await timedFetch(
          `${reuse.url}/api/openchoreo/ci-integrations`,
          routeHeaders(person2),
        )
      ).ms,
    );
  }
  report(
    `   floor: a route of the plugin with no OpenChoreo call and no permission (/ci-integrations): p50 ${ms(
      p50(floor),
    )}`,
  );
  report(
    '   (identity: the plugin\'s own credential reads; Backstage verifies the token before the plugin\'s router, counted in "outside" with the HTTP round trip)',
  );
  report(
    `   goal <= 1.3x direct (10 ms upstream, cache off, real sign-in and permissions): worst ${worst.toFixed(
      2,
    )}x -> ${worst <= 1.3 ? 'met' : 'NOT met'}`,
  );
  await off.stop();
  await reuse.stop();
  await hop.close();
}

async function control(ready: Ready, path: string, body: unknown) {
  const res = await fetch(`${ready.apiUrl}/_devstack${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) {
    throw new Error(
      `control ${path} answered ${res.status}: ${await res.text()}`,
    );
  }
  return res.json();
}

/** Starts a build of greeting-service held in its first step, with `lines` log lines. */
async function runningStep(
  ready: Ready,
  token: string,
  name: string,
  lines: number,
) {
  const created = await fetch(`${ready.apiUrl}${NS}/workflowruns`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      metadata: {
        name,
        labels: {
          'openchoreo.dev/project': 'demo-project',
          'openchoreo.dev/component': 'greeting-service',
        },
        annotations: {
          'devstack.openchoreo.dev/hold-at-task': 'checkout-source',
        },
      },
      spec: {
        workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
      },
    }),
  });
  if (created.status !== 201) throw new Error(`run ${name}: ${created.status}`);
  const until = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(
      `${ready.apiUrl}/_devstack/namespaces/default/workflowruns/${name}/logs`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ task: 'checkout-source', count: lines }),
      },
    );
    if (res.status === 201) return;
    if (Date.now() > until) throw new Error(`run ${name} did not start`);
    await new Promise(r => setTimeout(r, 200));
  }
}

async function tail(ready: Ready, user: string) {
  const portal = await startPortal(ready, ready.apiUrl, {
    statusTtlMs: 2000,
    permissionTtlMs: 5000,
  });
  const person = await signIn(portal.url, user);
  const headers = {
    Authorization: `Bearer ${person.backstageToken}`,
    'x-openchoreo-token': person.accessToken,
  };
  const suffix = Date.now().toString(36);
  const steps = [
    { lines: 500, run: `bench-tail-small-${suffix}` },
    { lines: 50_000, run: `bench-tail-big-${suffix}` },
  ];
  for (const s of steps)
    await runningStep(ready, person.accessToken, s.run, s.lines);

  report('');
  report(
    `2. ${VIEWERS} viewers tailing a running step (each polls the lines after the last it has, every ${
      POLL_MS / 1000
    } s, for ${
      TAIL_MS / 1000
    } s; the step grows by 20 lines a second), status cache 2 s, ms per poll`,
  );
  const results: Array<{
    lines: number;
    p50: number;
    p95: number;
    cpu: number;
    polls: number;
  }> = [];
  for (const s of steps) {
    const url = (from: number) =>
      `${portal.url}/api/openchoreo/workflow-runs/default/${s.run}/logs?task=checkout-source&fromLine=${from}`;
    const samples: number[] = [];
    const timings: Timing[] = [];
    // Every viewer first reads everything so far (opening the step: not a tail poll, not
    // measured), then all of them tail together.
    const starts = await Promise.all(
      Array.from({ length: VIEWERS }, async () => {
        const first = await timedFetch(url(0), headers);
        const { nextLine } = first.body as { nextLine?: number };
        if (nextLine === undefined) {
          throw new Error(
            `no nextLine: ${JSON.stringify(first.body).slice(0, 300)}`,
          );
        }
        return nextLine;
      }),
    );
    const until = Date.now() + TAIL_MS;
    const grower = setInterval(() => {
      control(ready, `/namespaces/default/workflowruns/${s.run}/logs`, {
        task: 'checkout-source',
        count: 20,
      }).catch(() => undefined);
    }, 1000);
    const cpuStart = process.cpuUsage();
    const wallStart = Date.now();
    const viewer = async (i: number) => {
      let from = starts[i];
      await new Promise(r => setTimeout(r, Math.random() * POLL_MS));
      while (Date.now() < until) {
        const poll = await timedFetch(url(from), headers);
        samples.push(poll.ms);
        if (poll.timing)
          timings.push({
            ...poll.timing,
            outside: poll.ms - poll.timing.total,
          });
        from = (poll.body as { nextLine: number }).nextLine;
        await new Promise(r => setTimeout(r, POLL_MS));
      }
    };
    await Promise.all(Array.from({ length: VIEWERS }, (_, i) => viewer(i)));
    clearInterval(grower);
    const cpu = process.cpuUsage(cpuStart);
    const cores = (cpu.user + cpu.system) / 1000 / (Date.now() - wallStart);
    results.push({
      lines: s.lines,
      p50: p50(samples),
      p95: percentile(samples, 95),
      cpu: cores,
      polls: samples.length,
    });
    report(
      `   ${String(s.lines).padStart(6)}-line step: p50 ${ms(
        p50(samples),
      )}  p95 ${ms(percentile(samples, 95))}  (${
        samples.length
      } polls; portal process ${cores.toFixed(2)} of a core)`,
    );
    report(
      `        where the time goes (p50 of each): ${[
        'identity',
        'permission',
        'upstream',
        'mapping',
        'total',
        'outside',
      ]
        .map(part => `${part} ${ms(p50(timings.map(t => t[part])))}`)
        .join(', ')}`,
    );
  }
  const ratio = results[1].p50 / results[0].p50;
  report(
    `   goal p50 per poll of the 50,000-line step within 2x of the 500-line step: ${ratio.toFixed(
      2,
    )}x -> ${ratio <= 2 ? 'met' : 'NOT met'}`,
  );
  await portal.stop();
}

async function main() {
  const only = process.env.BENCH_ONLY; // "1" or "2": one section while iterating
  const devstack = await startDevstackProcess();
  try {
    const user = 'developer';
    if (!only || only === '1') await routeVsDirect(devstack.ready, user);
    if (!only || only === '2') await tail(devstack.ready, user);
  } finally {
    devstack.close();
  }
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
