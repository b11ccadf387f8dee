/*
 * Archived build logs benchmark (issue 24): prints
 *   1. the cost of reading one 20,000-line step from the Observer after the pods are gone
 *      (Observer requests and ms per read; the Observer answers at most 1,000 lines a query);
 *   2. the time of a search across the logs of 200 builds of one component.
 * Runs the devstack (API, IdP) in this process with an Observer stand-in holding synthetic
 * archives, a counting proxy in front of the Observer, and a backend with only the plugin.
 * Run: yarn workspace @openchoreo-ci/plugin-openchoreo-backend bench:archived
 * Not a test: the figures depend on the machine.
 */
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { openchoreoPlugin } from '../src/plugin';
import {
  ObserverArchive,
  startDevstack,
  startObserver,
  type ArchivedRun,
} from '@openchoreo-ci/openchoreo-devstack';
import {
  cloneGreetingService,
  finishedRun,
} from '../src/__testUtils__/runFixtures';
import { startUpstreamProxy } from '../src/__testUtils__/upstreamProxy';

const USER = mockCredentials.user.header();
const STEP_LINES = Number(process.env.BENCH_STEP_LINES ?? 20_000);
const BUILDS = Number(process.env.BENCH_BUILDS ?? 200);
const LINES_PER_BUILD = 60;
const READS = 5;
const LOGS_QUERY = '/api/v1/logs/query';

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function report(line = '') {
  process.stdout.write(`${line}\n`);
}

function archived(
  name: string,
  component: string,
  createdAt: Date,
  steps: Record<string, string[]>,
): ArchivedRun {
  const lines = Object.entries(steps).flatMap(([task, logs], s) =>
    logs.map((log, i) => ({
      // Four lines per millisecond: pages split runs of equal timestamps.
      timestamp: new Date(
        createdAt.getTime() + 1000 + s * 60_000 + Math.floor(i / 4),
      ).toISOString(),
      log,
      task,
    })),
  );
  return {
    namespace: 'default',
    name,
    hierarchy: { namespace: 'default', project: 'demo-project', component },
    lines,
    events: [],
  };
}

async function main() {
  const devstack = await startDevstack({
    apiPort: 0,
    idpPort: 0,
    jenkinsPort: 0,
    timeScale: 0.002,
  });
  const store = devstack.api.store;
  const archive = new ObserverArchive();
  const observer = await startObserver({
    auth: { issuer: devstack.idp.issuer, jwksUri: devstack.idp.jwksUri },
    archive,
  });
  const proxy = await startUpstreamProxy(observer.url);
  const plane = store.get('ClusterObservabilityPlane', undefined, 'default')!;
  store.replace({ ...plane, spec: { ...plane.spec, observerURL: proxy.url } });

  const backendOf = async (statusTtlMs: number) => {
    const started = await startTestBackend({
      features: [
        openchoreoPlugin,
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: {
            openchoreo: {
              baseUrl: `${devstack.api.url}/api/v1`,
              requestTimeoutMs: 30_000,
              auth: {
                tokenUrl: devstack.idp.tokenUrl,
                ...devstack.idp.clients.portal,
              },
              cache: { statusTtlMs },
              requestDeadlineMs: 120_000,
              builds: { indexIntervalSeconds: 0 },
            },
          },
        }),
      ],
    });
    return { server: started.server, stop: () => started.stop() };
  };

  try {
    // 1. One 20,000-line step, its pods collected.
    cloneGreetingService(store, 'bench-long');
    const createdAt = new Date(Date.now() - 3_600_000);
    const run = finishedRun(store, 'bench-long', { createdAt });
    devstack.simulator.expireLogs('default', run);
    archive.put(
      archived(run, 'bench-long', createdAt, {
        'checkout-source': ['Cloning'],
        'build-image': Array.from(
          { length: STEP_LINES },
          (_, i) => `#${i + 1} step output line ${i + 1}`,
        ),
      }),
    );
    report(
      `Archived log read: one step of ${STEP_LINES} lines, pods collected`,
    );
    for (const ttl of [0, 5000]) {
      const backend = await backendOf(ttl);
      const ms: number[] = [];
      const requests: number[] = [];
      for (let i = 0; i < READS; i++) {
        proxy.reset();
        const started = performance.now();
        const res = await request(backend.server)
          .get(
            `/api/openchoreo/workflow-runs/default/${run}/logs?task=build-image`,
          )
          .set('Authorization', USER);
        ms.push(performance.now() - started);
        requests.push(proxy.count('POST', LOGS_QUERY));
        if (
          res.body.availability !== 'archived' ||
          res.body.items.length !== STEP_LINES
        ) {
          throw new Error(
            `unexpected answer: ${res.status} ${res.body.availability} ${res.body.items?.length} lines`,
          );
        }
      }
      report(
        `  cache ${ttl ? `on (${ttl} ms)` : 'off'}: first read ${ms[0].toFixed(
          0,
        )} ms, ${
          requests[0]
        } Observer requests; median of ${READS} reads ${median(ms).toFixed(
          0,
        )} ms, ${median(requests)} requests`,
      );
      await backend.stop();
    }

    // 2. Search across 200 builds; the phrase is in 2 of them.
    cloneGreetingService(store, 'bench-many');
    const base = Date.now() - BUILDS * 60_000 - 3_600_000;
    const hits = new Set([
      Math.floor(BUILDS / 3),
      Math.floor((2 * BUILDS) / 3),
    ]);
    for (let b = 0; b < BUILDS; b++) {
      const at = new Date(base + b * 60_000);
      const name = finishedRun(store, 'bench-many', { createdAt: at });
      const lines = Array.from({ length: LINES_PER_BUILD }, (_, i) =>
        hits.has(b) && i === 42
          ? 'npm ERR! ETIMEDOUT registry.npmjs.org'
          : `output ${i}`,
      );
      archive.put(
        archived(name, 'bench-many', at, {
          'checkout-source': lines.slice(0, 20),
          'build-image': lines,
        }),
      );
    }
    report();
    report(
      `Build log search: ${BUILDS} builds of ${
        LINES_PER_BUILD + 20
      } archived lines, phrase in ${hits.size}`,
    );
    for (const ttl of [0, 5000]) {
      const backend = await backendOf(ttl);
      proxy.reset();
      const started = performance.now();
      const res = await request(backend.server)
        .get(
          '/api/openchoreo/components/default/bench-many/log-search?phrase=ETIMEDOUT',
        )
        .set('Authorization', USER);
      const ms = performance.now() - started;
      if (res.status !== 200 || res.body.builds.length !== hits.size) {
        throw new Error(
          `unexpected search answer: ${res.status} ${JSON.stringify(
            res.body,
          ).slice(0, 300)}`,
        );
      }
      report(
        `  cache ${ttl ? `on (${ttl} ms)` : 'off'}: ${ms.toFixed(
          0,
        )} ms, ${proxy.count('POST', LOGS_QUERY)} Observer requests, ${
          res.body.searchedBuilds
        } builds searched, ${res.body.builds.length} found`,
      );
      await backend.stop();
    }
  } finally {
    await proxy.close();
    await observer.close();
    await devstack.close();
  }
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
