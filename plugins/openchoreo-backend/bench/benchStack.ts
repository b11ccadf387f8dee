/*
 * What the build benchmarks run against: the devstack in a process of its own (on free ports),
 * a counting proxy in front of its API, and backends with only the OpenChoreo plugin
 * (permissions allowed), each with the cache on or off. Nothing here is a test; see builds.ts.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { join } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { clientCredentialsToken } from '@openchoreo-ci/openchoreo-devstack';
import { openchoreoPlugin } from '../src/plugin';
import {
  startUpstreamProxy,
  type UpstreamProxy,
} from '../src/__testUtils__/upstreamProxy';

/** The Authorization header of the benchmark's signed-in user. */
export const USER = mockCredentials.user.header();

/** The devstack, its counting proxy and a service-account token for direct API calls. */
export interface BenchStack {
  apiUrl: string;
  proxy: UpstreamProxy;
  token: string;
  /** An OpenChoreo access token of a devstack user (e.g. `developer`), as its IdP signs in. */
  userToken(user: string): Promise<string>;
  /** Stores `runs` finished runs of a new component (a copy of greeting-service), oldest first. */
  seed(component: string, runs: number, spacingMs?: number): Promise<string[]>;
  /**
   * A backend talking to the API directly (`viaProxy: false`), through the counting proxy, or to
   * `apiUrl` (another server in front of the API).
   */
  backend(options: {
    statusTtlMs: number;
    viaProxy: boolean;
    apiUrl?: string;
    /** `openchoreo.auth.userTokens`: calls reach OpenChoreo with the `x-openchoreo-token`. */
    userTokens?: boolean;
    config?: Record<string, unknown>;
  }): Promise<BenchBackend>;
  close(): Promise<void>;
}

/** A running backend: its base URL and how to stop it. */
export interface BenchBackend {
  url: string;
  stop(): Promise<void>;
}

interface Ready {
  apiUrl: string;
  tokenUrl: string;
  portal: { clientId: string; clientSecret: string };
}

/** Starts the devstack process (`timeScale` 1: builds take real seconds) and the proxy. */
export async function startBenchStack(timeScale = 1): Promise<BenchStack> {
  const child = fork(join(__dirname, 'devstackProcess.ts'), {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
    env: { ...process.env, BENCH_TIME_SCALE: String(timeScale) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('exit', code => reject(new Error(`devstack exited (${code})`)));
    child.on('message', (m: { ready?: Ready }) => m.ready && resolve(m.ready));
  });
  let nextId = 0;
  const ask = <T>(request: object) =>
    new Promise<T>(resolve => {
      const id = ++nextId;
      const listener = (m: { id?: number } & T) => {
        if (m.id !== id) return;
        child.off('message', listener);
        resolve(m);
      };
      child.on('message', listener);
      child.send({ id, ...request });
    });

  const proxy = await startUpstreamProxy(ready.apiUrl);
  const token = await clientCredentialsToken(ready.tokenUrl, ready.portal);
  const backends: BenchBackend[] = [];
  return {
    apiUrl: ready.apiUrl,
    proxy,
    token,
    async userToken(user) {
      return (await ask<{ token: string }>({ signIn: user })).token;
    },
    async seed(component, runs, spacingMs = 10_000) {
      const answer = await ask<{ names: string[] }>({
        seed: { component, runs, spacingMs },
      });
      return answer.names;
    },
    async backend({ statusTtlMs, viaProxy, apiUrl, userTokens, config }) {
      const started = await startTestBackend({
        features: [
          openchoreoPlugin,
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
          mockServices.rootConfig.factory({
            data: {
              openchoreo: {
                baseUrl: `${
                  apiUrl ?? (viaProxy ? proxy.url : ready.apiUrl)
                }/api/v1`,
                requestTimeoutMs: 10_000,
                auth: {
                  tokenUrl: ready.tokenUrl,
                  ...ready.portal,
                  userTokens: !!userTokens,
                },
                cache: { statusTtlMs },
                // Cold reads of 5,000 runs page through the devstack for a while.
                requestDeadlineMs: 120_000,
                ...config,
              },
            },
          }),
        ],
      });
      const address = (started.server as Server).address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const backend = {
        url: `http://127.0.0.1:${port}/api/openchoreo`,
        stop: () => started.stop(),
      };
      backends.push(backend);
      return backend;
    },
    async close() {
      await Promise.all(backends.map(b => b.stop()));
      await proxy.close();
      await ask({ close: true });
      stopChild(child);
    },
  };
}

function stopChild(child: ChildProcess) {
  if (child.exitCode === null) child.kill();
}

/** Latency samples of `call`, in ms, after `warmUp` unmeasured calls. */
export async function sampleLatency(
  call: () => Promise<Response>,
  count: number,
  warmUp = 50,
): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await expectOk(call());
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await expectOk(call());
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

/**
 * Latency of several calls measured in rounds that take turns (A, B, C, A, B, C, ...), so that
 * a busy moment of the machine weighs on all of them alike.
 */
export async function sampleInterleaved(
  calls: Array<() => Promise<Response>>,
  count: number,
  warmUp = 50,
): Promise<number[][]> {
  for (let i = 0; i < warmUp; i++) {
    for (const call of calls) await expectOk(call());
  }
  const samples = calls.map(() => [] as number[]);
  for (let i = 0; i < count; i++) {
    for (const [j, call] of calls.entries()) {
      const start = process.hrtime.bigint();
      await expectOk(call());
      samples[j].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return samples;
}

/** The `p`-th percentile (0..100) of samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

async function expectOk(response: Promise<Response>) {
  const res = await response;
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${res.url} answered ${res.status}`);
}
