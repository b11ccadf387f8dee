import { mockCredentials } from '@backstage/backend-test-utils';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import request from 'supertest';
import { readEditableAnnotations } from './__testUtils__/annotations';
import { startTestDevstack, type TestDevstack } from './__testUtils__/devstack';
import {
  startFaultProxy,
  type FaultPlan,
  type FaultProxy,
} from './__testUtils__/faultProxy';
import {
  newTestRun,
  replicaBackendConfig,
  sharedServicesFromEnv,
} from './__testUtils__/sharedServices';
import {
  startOpenChoreoTestBackend,
  type OpenChoreoTestBackend,
} from './__testUtils__/testBackend';

const USER = mockCredentials.user.header();
const API = '/api/openchoreo';
const COMPONENT = 'greeting-service';
const RUNS = `${API}/components/default/${COMPONENT}/workflow-runs`;
const ANNOTATIONS = `${API}/components/default/${COMPONENT}/annotations`;
const DEADLINE_MS = 2000;

/** The fault mix: 20% 5xx, 5% resets, 10% delays well past the deadline. */
const FAULTS: Omit<FaultPlan, 'seed'> = {
  errorRate: 0.2,
  resetRate: 0.05,
  delayRate: 0.1,
  delayMs: [DEADLINE_MS + 500, DEADLINE_MS + 2500],
};

jest.setTimeout(180_000);

/**
 * Two replicas (PostgreSQL + Redis) behind a proxy that spoils requests to the devstack:
 * repeated requests never duplicate or lose anything, and no route answers later than its
 * deadline + 1 s.
 */
describe('faults between the backend and OpenChoreo', () => {
  let stack: TestDevstack;
  let proxy: FaultProxy;
  const replicas: OpenChoreoTestBackend[] = [];
  /** Every answer's time, across the tests. */
  const latencies: number[] = [];
  // Backends, devstack, proxy and clients share this process: when the machine is busy, its
  // timers (the deadline's too) fire late by this much, which no server could avoid.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });

  beforeAll(async () => {
    const services = sharedServicesFromEnv();
    loopDelay.enable();
    stack = await startTestDevstack();
    proxy = await startFaultProxy(stack.devstack.api.url);
    const run = newTestRun();
    for (let i = 0; i < 2; i += 1) {
      replicas.push(
        await startOpenChoreoTestBackend({
          baseUrl: proxy.url,
          tokenUrl: stack.devstack.idp.tokenUrl,
          ...stack.devstack.idp.clients.portal,
          statusTtlMs: 2000,
          requestDeadlineMs: DEADLINE_MS,
          // One upstream call may take longer than the whole route (the 30 s).
          requestTimeoutMs: DEADLINE_MS + 4000,
          extraConfig: replicaBackendConfig(services, run),
        }),
      );
    }
  });
  afterAll(async () => {
    if (proxy) proxy.plan = undefined;
    await Promise.all(replicas.map(r => r.stop()));
    await proxy?.close();
    await stack?.devstack.close();
  });

  /** Sends a request to a replica, timing it; a reset connection is answered as status 0. */
  async function send(
    attempt: number,
    build: (
      server: OpenChoreoTestBackend['server'],
    ) => request.Test | Promise<request.Response>,
  ): Promise<{ status: number; body: any }> {
    const started = Date.now();
    try {
      const res = await build(replicas[attempt % replicas.length].server);
      return { status: res.status, body: res.body };
    } catch {
      return { status: 0, body: undefined };
    } finally {
      latencies.push(Date.now() - started);
    }
  }

  const retryable = (status: number) => status === 0 || status >= 500;

  it('30 builds, each retried by its client with the same Idempotency-Key, make exactly 30 runs', async () => {
    proxy.plan = { ...FAULTS, seed: 13 };
    const test = newTestRun();
    let attempts = 0;
    const results = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        for (let attempt = 0; attempt < 12; attempt += 1) {
          attempts += 1;
          const res = await send(i + attempt, server =>
            request(server)
              .post(RUNS)
              .set('Authorization', USER)
              .set('Idempotency-Key', `faults-${test}-${i}`),
          );
          if (res.status === 201) return res.body.run.name as string;
          expect(retryable(res.status)).toBe(true);
          await new Promise(r => setTimeout(r, 100));
        }
        return undefined;
      }),
    );
    proxy.plan = undefined;
    // Delayed POSTs still land upstream after their client gave up: wait for all of them.
    await proxy.settled();
    // What OpenChoreo really created (runs may be deleted later by their workflow's TTL).
    const created = proxy.answers
      .filter(
        a =>
          a.method === 'POST' &&
          a.path === '/api/v1/namespaces/default/workflowruns' &&
          a.status === 201,
      )
      .map(a => a.name);
    process.stdout.write(
      `faults: 30 builds took ${attempts} attempts (${JSON.stringify(
        proxy.stats,
      )}) and made ${created.length} runs\n`,
    );
    expect(results.filter(name => name === undefined)).toEqual([]);
    expect(new Set(results).size).toBe(30);
    expect([...created].sort()).toEqual([...(results as string[])].sort());
  });

  it('annotation edits retried after failures: each is saved once, no 409 names the user’s own edit, no ghost write', async () => {
    const readEditable = () =>
      readEditableAnnotations(stack.client, 'default', COMPONENT);
    const conflictsNamingOwnEdit: string[] = [];
    const unexpected: number[] = [];
    proxy.plan = { ...FAULTS, seed: 29 };
    const users = Array.from({ length: 8 }, (_, i) => `fault-edit-${i}`);
    const saved = await Promise.all(
      users.map(async (key, i) => {
        let expected = await readEditable();
        for (let attempt = 0; attempt < 25; attempt += 1) {
          const edit = {
            expected,
            annotations: { ...expected, [key]: 'saved' },
          };
          const res = await send(i + attempt, server =>
            request(server)
              .put(ANNOTATIONS)
              .set('Authorization', USER)
              .send(edit),
          );
          if (res.status === 200) return true;
          if (res.status === 409) {
            const message: string = res.body.error.message;
            if (message.includes(key)) conflictsNamingOwnEdit.push(message);
            expected = await readEditable();
          } else if (!retryable(res.status)) {
            unexpected.push(res.status);
          }
          // Otherwise the outcome is unknown: repeat the same edit, as a client retrying would.
          await new Promise(r => setTimeout(r, 50 + Math.random() * 100));
        }
        return false;
      }),
    );
    const afterLastAnswer = await readEditable();
    proxy.plan = undefined;
    await proxy.settled();
    const final = await readEditable();
    process.stdout.write(
      `faults: ${saved.filter(Boolean).length} of ${
        users.length
      } edits saved (${JSON.stringify(proxy.stats)}); ${
        conflictsNamingOwnEdit.length
      } 409s named the user's own edit\n`,
    );
    expect(unexpected).toEqual([]);
    expect(saved).toEqual(users.map(() => true));
    expect(conflictsNamingOwnEdit).toEqual([]);
    for (const key of users) expect(final[key]).toBe('saved');
    // Nothing landed after the last answer: no write outlived the request that made it.
    expect(final).toEqual(afterLastAnswer);
  });

  it('no route answered later than its deadline + 1 s', () => {
    loopDelay.disable();
    const worst = Math.max(...latencies);
    const lateTimers = Math.round(loopDelay.max / 1e6);
    process.stdout.write(
      `faults: ${latencies.length} answers, worst ${worst} ms (deadline ${DEADLINE_MS} ms; this process's timers ran up to ${lateTimers} ms late)\n`,
    );
    expect(latencies.length).toBeGreaterThan(60);
    expect(worst).toBeLessThanOrEqual(DEADLINE_MS + 1000 + lateTimers);
  });
});
