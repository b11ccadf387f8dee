import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startTestDevstack, type TestDevstack } from './__testUtils__/devstack';
import {
  startOpenChoreoTestBackend,
  type OpenChoreoTestBackend,
} from './__testUtils__/testBackend';

const API = '/api/openchoreo';
const RUNS = '/components/default/greeting-service/workflow-runs?limit=5';

describe('routes: Server-Timing and reused permission decisions', () => {
  let stack: TestDevstack;
  const backends: OpenChoreoTestBackend[] = [];

  beforeAll(async () => {
    stack = await startTestDevstack();
  });
  afterAll(async () => {
    await Promise.all(backends.map(b => b.stop()));
    await stack?.devstack.close();
  });

  async function backend(options: {
    permissionTtlMs: number;
    serverTiming: boolean;
  }) {
    const started = await startOpenChoreoTestBackend({
      baseUrl: `${stack.devstack.api.url}/api/v1`,
      tokenUrl: stack.devstack.idp.tokenUrl,
      ...stack.devstack.idp.clients.portal,
      statusTtlMs: 0,
      permissionTtlMs: options.permissionTtlMs,
      openchoreo: { diagnostics: { serverTiming: options.serverTiming } },
    });
    backends.push(started);
    return started;
  }

  it('tells where the time went with openchoreo.diagnostics.serverTiming, and nothing without', async () => {
    const on = await backend({ permissionTtlMs: 0, serverTiming: true });
    const res = await request(on.server)
      .get(`${API}${RUNS}`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const parts = Object.fromEntries(
      String(res.headers['server-timing'])
        .split(', ')
        .map(part => {
          const [name, dur] = part.split(';dur=');
          return [name, Number(dur)];
        }),
    );
    expect(Object.keys(parts)).toEqual([
      'identity',
      'permission',
      'upstream',
      'mapping',
      'total',
    ]);
    expect(parts.upstream).toBeGreaterThan(0);
    expect(parts.total).toBeGreaterThanOrEqual(parts.upstream);

    const off = await backend({ permissionTtlMs: 0, serverTiming: false });
    const plain = await request(off.server)
      .get(`${API}${RUNS}`)
      .set('Authorization', mockCredentials.user.header());
    expect(plain.status).toBe(200);
    expect(plain.headers['server-timing']).toBeUndefined();
  });

  it("reuses a user's decision within openchoreo.cache.permissionTtlMs, per user, and never a refusal of identity", async () => {
    const cached = await backend({
      permissionTtlMs: 60_000,
      serverTiming: false,
    });
    const as = (user: string) =>
      request(cached.server)
        .get(`${API}${RUNS}`)
        .set('Authorization', mockCredentials.user.header(user));
    expect((await as('user:default/alice')).status).toBe(200);
    expect((await as('user:default/alice')).status).toBe(200);
    expect(cached.authorizeRequests).toHaveLength(1);
    expect((await as('user:default/bob')).status).toBe(200);
    expect(cached.authorizeRequests).toHaveLength(2);
    // Identity is checked on every request, before any decision is looked up.
    const forged = await request(cached.server)
      .get(`${API}${RUNS}`)
      .set('Authorization', mockCredentials.user.invalidHeader());
    expect(forged.status).toBe(401);
    expect(cached.authorizeRequests).toHaveLength(2);
  });
});
