/*
 * Build benchmarks (issue 15): prints
 *   1. route latency vs a direct API call on loopback, run list and run details, cache off and on;
 *   2. upstream requests per interval for 200 viewers of one running build (runs, details, logs);
 *   3. upstream requests for a component with 5,000 runs to show its card and first history page.
 * Run: yarn workspace @openchoreo-ci/plugin-openchoreo-backend bench
 * Not a test: the figures depend on the machine; the goals are printed next to them.
 */
import {
  percentile,
  sampleInterleaved,
  startBenchStack,
  USER,
  type BenchStack,
} from './benchStack';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const VIEWERS = 200;
const VIEW_INTERVAL_MS = 2000;
const VIEW_DURATION_MS = 10_000;
const RUNS = '/api/v1/namespaces/default/workflowruns';

const lines: string[] = [];
function report(line = '') {
  lines.push(line);
  process.stdout.write(`${line}\n`);
}

async function latency(stack: BenchStack) {
  const names = await stack.seed('bench-list', 25);
  const run = names[names.length - 1];
  const direct = (path: string) => () =>
    fetch(`${stack.apiUrl}${path}`, {
      headers: { Authorization: `Bearer ${stack.token}` },
    });
  const route = (base: string, path: string) => () =>
    fetch(`${base}${path}`, { headers: { Authorization: USER } });
  const off = await stack.backend({ statusTtlMs: 0, viaProxy: false });
  const on = await stack.backend({ statusTtlMs: 2000, viaProxy: false });

  const cases = [
    {
      what: 'run list (20 newest of 25)',
      direct: direct(
        `${RUNS}?labelSelector=${encodeURIComponent(
          'openchoreo.dev/component=bench-list',
        )}&limit=20`,
      ),
      path: '/components/default/bench-list/workflow-runs?limit=20',
    },
    {
      what: 'run details',
      direct: direct(`${RUNS}/${run}`),
      path: `/workflow-runs/default/${run}`,
    },
  ];
  report(
    `1. Route latency vs a direct API call (loopback, devstack in its own process, ${SAMPLES} rounds taking turns, ms)`,
  );
  const ratios: number[] = [];
  for (const c of cases) {
    const [d, r0, r1] = await sampleInterleaved(
      [c.direct, route(off.url, c.path), route(on.url, c.path)],
      SAMPLES,
    );
    const ratio = percentile(r0, 50) / percentile(d, 50);
    ratios.push(ratio);
    const fmt = (s: number[]) =>
      `p50 ${percentile(s, 50).toFixed(2)}  p95 ${percentile(s, 95).toFixed(
        2,
      )}`;
    report(`   ${c.what}:`);
    report(`     direct API call      ${fmt(d)}`);
    report(
      `     route, cache off     ${fmt(r0)}   = ${ratio.toFixed(
        2,
      )}x direct (p50)`,
    );
    report(
      `     route, cache on      ${fmt(r1)}   = ${(
        percentile(r1, 50) / percentile(d, 50)
      ).toFixed(2)}x direct (p50)`,
    );
  }
  const [floor] = await sampleInterleaved(
    [
      () =>
        fetch(`${off.url}/ci-integrations`, {
          headers: { Authorization: USER },
        }),
    ],
    SAMPLES,
  );
  report(
    `   floor: a Backstage route of this plugin with no OpenChoreo call (/ci-integrations): p50 ${percentile(
      floor,
      50,
    ).toFixed(2)}`,
  );
  const worst = Math.max(...ratios);
  report(
    `   goal <= 1.3x direct with the cache off: worst ${worst.toFixed(2)}x -> ${
      worst <= 1.3 ? 'met' : 'NOT met'
    }`,
  );
  return worst <= 1.3;
}

async function viewers(stack: BenchStack) {
  const backend = await stack.backend({
    statusTtlMs: VIEW_INTERVAL_MS,
    viaProxy: true,
  });
  const headers = { Authorization: USER, 'Content-Type': 'application/json' };
  const started = await fetch(
    `${backend.url}/components/default/greeting-service/workflow-runs`,
    { method: 'POST', headers, body: '{}' },
  );
  const { run } = (await started.json()) as { run: { name: string } };
  for (let i = 0; i < 100; i++) {
    const res = await fetch(
      `${backend.url}/workflow-runs/default/${run.name}`,
      {
        headers,
      },
    );
    if (((await res.json()) as { status: string }).status === 'Running') break;
    await new Promise(r => setTimeout(r, 100));
  }
  stack.proxy.reset();
  const until = Date.now() + VIEW_DURATION_MS;
  let polls = 0;
  const viewer = async (i: number) => {
    await new Promise(r => setTimeout(r, Math.random() * VIEW_INTERVAL_MS));
    let fromLine = 0;
    while (Date.now() < until) {
      const [, , logs] = await Promise.all([
        fetch(
          `${backend.url}/components/default/greeting-service/workflow-runs?limit=20`,
          { headers },
        ).then(r => r.json()),
        fetch(`${backend.url}/workflow-runs/default/${run.name}`, {
          headers,
        }).then(r => r.json()),
        fetch(
          `${backend.url}/workflow-runs/default/${run.name}/logs?task=${
            i % 2 ? 'checkout-source' : 'build-image'
          }&fromLine=${fromLine}`,
          { headers },
        ).then(r => r.json() as Promise<{ nextLine?: number }>),
      ]);
      fromLine = logs.nextLine ?? fromLine;
      polls += 1;
      await new Promise(r => setTimeout(r, VIEW_INTERVAL_MS));
    }
  };
  await Promise.all(Array.from({ length: VIEWERS }, (_, i) => viewer(i)));
  const intervals = VIEW_DURATION_MS / VIEW_INTERVAL_MS;
  report('');
  report(
    `2. ${VIEWERS} viewers of one running build, each polling runs + details + logs (own line offset, 2 steps) every ${
      VIEW_INTERVAL_MS / 1000
    } s for ${
      VIEW_DURATION_MS / 1000
    } s (${polls} polls, ${intervals} intervals)`,
  );
  let worst = 0;
  for (const [resource, count] of [...stack.proxy.counts].sort()) {
    const perInterval = count / intervals;
    const steps = resource.endsWith('/logs') ? 2 : 1;
    worst = Math.max(worst, perInterval / steps);
    report(
      `   ${resource.padEnd(90)} ${String(count).padStart(
        3,
      )} upstream = ${perInterval.toFixed(1)} per interval${
        steps > 1
          ? ` (${steps} steps: ${(perInterval / steps).toFixed(1)} each)`
          : ''
      }`,
    );
  }
  report(
    `   goal <= 1 upstream request per resource per interval: worst ${worst.toFixed(
      2,
    )} -> ${worst <= 1 ? 'met' : 'NOT met'}`,
  );
  return worst <= 1;
}

async function fiveThousand(stack: BenchStack) {
  await stack.seed('bench-5000', 5000, 10_000);
  const headers = { Authorization: USER };
  const measure = async (base: string, path: string) => {
    stack.proxy.reset();
    const start = Date.now();
    const res = await fetch(`${base}${path}`, { headers });
    await res.json();
    const ms = Date.now() - start;
    const runLists = stack.proxy.count('GET', RUNS);
    const total = [...stack.proxy.counts.values()].reduce((a, b) => a + b, 0);
    return { runLists, total, ms };
  };
  const card = '/components/default/bench-5000/summary';
  const page = '/components/default/bench-5000/workflow-runs?limit=20';
  const a = await stack.backend({ statusTtlMs: 2000, viaProxy: true });
  const cardCold = await measure(a.url, card);
  const pageWarm = await measure(a.url, page);
  await new Promise(r => setTimeout(r, 2100)); // past the status cache, within the rescan time
  const cardWarm = await measure(a.url, card);
  const b = await stack.backend({ statusTtlMs: 2000, viaProxy: true });
  const pageCold = await measure(b.url, page);
  report('');
  report(
    '3. A component with 5,000 runs: upstream requests to show its card (summary) and first history page',
  );
  const row = (
    what: string,
    m: { runLists: number; total: number; ms: number },
  ) =>
    report(
      `   ${what.padEnd(52)} ${String(m.total).padStart(3)} upstream (${
        m.runLists
      } run lists), ${m.ms} ms`,
    );
  row('card, first view (run index cold)', cardCold);
  row('first history page, first view (run index cold)', pageCold);
  row('first history page after the card (index warm)', pageWarm);
  row('card again 2 s later (status cache expired)', cardWarm);
  const warmOk = pageWarm.total <= 2 && cardWarm.total <= 2;
  const coldOk = cardCold.total <= 2 && pageCold.total <= 2;
  report(
    `   goal <= 2 upstream requests each: warm ${
      warmOk ? 'met' : 'NOT met'
    }; first view ${
      coldOk
        ? 'met'
        : `NOT met (${Math.ceil(
            5000 / 100,
          )} pages of 100 are needed to find the newest run: OpenChoreo lists runs in name order, with no sort and no count)`
    }`,
  );
  return warmOk;
}

async function main() {
  const stack = await startBenchStack(1);
  try {
    await latency(stack);
    await viewers(stack);
    await fiveThousand(stack);
  } finally {
    await stack.close();
  }
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
