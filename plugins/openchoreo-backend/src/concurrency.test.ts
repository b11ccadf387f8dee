import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startTestDevstack, type TestDevstack } from './__testUtils__/devstack';
import {
  startOpenChoreoTestBackend,
  type OpenChoreoTestBackend,
} from './__testUtils__/testBackend';
import {
  startTokenProxy,
  startUpstreamProxy,
  type TokenProxy,
  type UpstreamProxy,
} from './__testUtils__/upstreamProxy';

const USER = mockCredentials.user.header();
const API = '/api/openchoreo';

describe('one upstream request per thing, whatever the number of viewers', () => {
  let stack: TestDevstack;
  let proxy: UpstreamProxy;
  let tokens: TokenProxy;
  let backend: OpenChoreoTestBackend;

  beforeAll(async () => {
    stack = await startTestDevstack();
    proxy = await startUpstreamProxy(stack.devstack.api.url);
    // Real tokens, announced as living 1 ms: due for refresh as soon as they arrive, until a
    // test announces a longer lifetime (no test waits for a clock).
    tokens = await startTokenProxy(stack.devstack.idp.tokenUrl, 0.001);
    backend = await startOpenChoreoTestBackend({
      baseUrl: `${proxy.url}/api/v1`,
      tokenUrl: tokens.tokenUrl,
      ...stack.devstack.idp.clients.portal,
      // Longer than the burst takes on a loaded machine: the count is about sharing reads
      // among concurrent viewers, not about the TTL.
      statusTtlMs: 30_000,
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await tokens?.close();
    await proxy?.close();
    await stack?.devstack.close();
  });
  beforeEach(() => proxy.reset());

  it('100 concurrent summary requests cause at most 2 upstream requests per resource', async () => {
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        request(backend.server)
          .get(`${API}/components/default/greeting-service/summary`)
          .set('Authorization', USER),
      ),
    );
    expect(responses.map(r => r.status)).toEqual(Array(100).fill(200));
    const upstream = Object.fromEntries(proxy.counts);
    // Printed for the record of what was measured.
    process.stdout.write(
      `summary x100 upstream: ${JSON.stringify(upstream)}\n`,
    );
    expect(Object.keys(upstream).sort()).toEqual([
      'GET /api/v1/namespaces/default/components/greeting-service',
      'GET /api/v1/namespaces/default/workflowruns',
      'GET /api/v1/namespaces/default/workloads',
    ]);
    for (const count of Object.values(upstream)) {
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(2);
    }
  });

  it('50 concurrent requests with an expired token cause exactly one token request', async () => {
    // The backend holds a token that is already due for refresh (announced as living 1 ms).
    await request(backend.server)
      .get(`${API}/namespaces`)
      .set('Authorization', USER)
      .expect(200);
    // The next token lives an hour: every request after the first refresh can reuse it, so more
    // than one token request means concurrent callers of the expired token did not share one.
    const before = tokens.requests();
    tokens.setExpiresIn(3600);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        request(backend.server)
          // distinct URLs: no coalescing, 50 upstream requests that each need a token
          .get(
            `${API}/workflow-runs/default/greeting-service-run-5e6f7a8b/events?task=step-${i}`,
          )
          .set('Authorization', USER),
      ),
    );
    expect(responses.map(r => r.status)).toEqual(Array(50).fill(200));
    expect(
      proxy.count(
        'GET',
        '/api/v1/namespaces/default/workflowruns/greeting-service-run-5e6f7a8b/events',
      ),
    ).toBe(50);
    process.stdout.write(
      `token requests for 50 concurrent calls after expiry: ${
        tokens.requests() - before
      }\n`,
    );
    expect(tokens.requests() - before).toBe(1);
  });
});
