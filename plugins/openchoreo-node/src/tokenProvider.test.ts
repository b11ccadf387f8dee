import type { Devstack } from '@openchoreo-ci/openchoreo-devstack';
import { startTestDevstack } from './__testUtils__/devstack';
import {
  startTestTokenServer,
  type TestTokenServer,
} from './__testUtils__/tokenServer';
import {
  ClientCredentialsTokenError,
  createClientCredentialsTokenProvider,
} from './tokenProvider';

describe('createClientCredentialsTokenProvider', () => {
  let server: TestTokenServer;
  let clock: number;
  const now = () => clock;

  beforeEach(async () => {
    server = await startTestTokenServer();
    clock = 1_000_000;
  });
  afterEach(() => server.close());

  function provider(extra: { refreshSkewSeconds?: number } = {}) {
    return createClientCredentialsTokenProvider({
      tokenUrl: server.tokenUrl,
      clientId: 'portal',
      clientSecret: 's3cr3t-value',
      scope: 'openid api',
      now,
      ...extra,
    });
  }

  it('sends the client-credentials grant and caches the token', async () => {
    const tokens = provider();
    expect(await tokens.getToken()).toBe('token-1');
    expect(await tokens.getToken()).toBe('token-1');
    expect(server.requests()).toBe(1);
    expect(Object.fromEntries(server.bodies[0])).toEqual({
      grant_type: 'client_credentials',
      client_id: 'portal',
      client_secret: 's3cr3t-value',
      scope: 'openid api',
    });
  });

  it('refreshes shortly before expires_in, not after', async () => {
    server.expiresIn = 300;
    const tokens = provider({ refreshSkewSeconds: 30 });
    expect(await tokens.getToken()).toBe('token-1');
    clock += 269_000; // 31 s before expiry: still cached
    expect(await tokens.getToken()).toBe('token-1');
    clock += 2_000; // 29 s before expiry: refreshed
    expect(await tokens.getToken()).toBe('token-2');
    expect(server.requests()).toBe(2);
  });

  it('uses the JWT exp claim when expires_in is absent', async () => {
    const exp = Math.floor(clock / 1000) + 120;
    const jwt = [
      Buffer.from('{"alg":"none"}').toString('base64url'),
      Buffer.from(JSON.stringify({ exp })).toString('base64url'),
      'sig',
    ].join('.');
    const fakeFetch = jest.fn(
      async () =>
        new Response(JSON.stringify({ access_token: jwt }), { status: 200 }),
    );
    const tokens = createClientCredentialsTokenProvider({
      tokenUrl: 'http://idp.invalid/token',
      clientId: 'portal',
      clientSecret: 'x',
      refreshSkewSeconds: 30,
      now,
      fetch: fakeFetch,
    });
    await tokens.getToken();
    clock += 89_000; // 31 s before exp
    await tokens.getToken();
    expect(fakeFetch).toHaveBeenCalledTimes(1);
    clock += 2_000; // 29 s before exp
    await tokens.getToken();
    expect(fakeFetch).toHaveBeenCalledTimes(2);
  });

  it('shares one token request among 50 concurrent callers of an expired token', async () => {
    server.expiresIn = 60;
    const tokens = provider({ refreshSkewSeconds: 10 });
    await tokens.getToken();
    expect(server.requests()).toBe(1);
    clock += 60_000; // expired
    server.delayMs = 50;
    const results = await Promise.all(
      Array.from({ length: 50 }, () => tokens.getToken()),
    );
    expect(new Set(results)).toEqual(new Set(['token-2']));
    expect(server.requests()).toBe(2);
  });

  it('invalidate drops only the given token', async () => {
    const tokens = provider();
    await tokens.getToken();
    tokens.invalidate('some-older-token');
    expect(await tokens.getToken()).toBe('token-1');
    tokens.invalidate('token-1');
    expect(await tokens.getToken()).toBe('token-2');
  });

  it('reports a refused client clearly and without the secret', async () => {
    server.failWith = {
      status: 401,
      body: JSON.stringify({
        error: 'invalid_client',
        error_description: 'bad secret s3cr3t-value',
      }),
    };
    const error = await provider()
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientCredentialsTokenError);
    const tokenError = error as ClientCredentialsTokenError;
    expect(tokenError.reason).toBe('rejected');
    expect(tokenError.status).toBe(401);
    expect(tokenError.message).toContain('invalid_client');
    expect(tokenError.message).toContain('client "portal"');
    expect(tokenError.message).toContain(server.tokenUrl);
    expect(tokenError.message).not.toContain('s3cr3t-value');
    // The part users may see: no address, no secret.
    expect(tokenError.detail).toBe('HTTP 401 invalid_client: bad secret ***');
  });

  it('does not cache failures', async () => {
    server.failWith = { status: 503, body: 'down' };
    const tokens = provider();
    await expect(tokens.getToken()).rejects.toMatchObject({
      reason: 'unavailable',
    });
    server.failWith = undefined;
    expect(await tokens.getToken()).toBe('token-2');
  });

  it('reports an unreachable token endpoint with its URL', async () => {
    const url = server.tokenUrl;
    await server.close();
    const tokens = createClientCredentialsTokenProvider({
      tokenUrl: url,
      clientId: 'portal',
      clientSecret: 's3cr3t-value',
    });
    const error = (await tokens
      .getToken()
      .catch((e: unknown) => e)) as ClientCredentialsTokenError;
    expect(error.reason).toBe('unavailable');
    expect(error.message).toContain(url);
    expect(error.message).toMatch(/ECONNREFUSED|fetch failed/);
    expect(error.message).not.toContain('s3cr3t-value');
    expect(error.detail).toBe('connection refused (ECONNREFUSED)');
  });

  it('says how long it waited when the token endpoint does not answer', async () => {
    server.delayMs = 500;
    const tokens = createClientCredentialsTokenProvider({
      tokenUrl: server.tokenUrl,
      clientId: 'portal',
      clientSecret: 's3cr3t-value',
      timeoutMs: 50,
    });
    const error = (await tokens
      .getToken()
      .catch((e: unknown) => e)) as ClientCredentialsTokenError;
    expect(error.reason).toBe('unavailable');
    expect(error.detail).toBe('no response within 50 ms');
  });
});

describe('createClientCredentialsTokenProvider against the devstack IdP', () => {
  let devstack: Devstack;
  beforeAll(async () => {
    devstack = await startTestDevstack();
  });
  afterAll(() => devstack.close());

  it('gets a real JWT access token for the portal client', async () => {
    const tokens = createClientCredentialsTokenProvider({
      tokenUrl: devstack.idp.tokenUrl,
      ...devstack.idp.clients.portal,
    });
    const token = await tokens.getToken();
    expect(token.split('.')).toHaveLength(3);
    expect(await tokens.getToken()).toBe(token);
  });

  it('turns a wrong secret into a rejected error that hides the secret', async () => {
    const tokens = createClientCredentialsTokenProvider({
      tokenUrl: devstack.idp.tokenUrl,
      clientId: devstack.idp.clients.portal.clientId,
      clientSecret: 'definitely-wrong-secret',
    });
    const error = (await tokens
      .getToken()
      .catch((e: unknown) => e)) as ClientCredentialsTokenError;
    expect(error).toBeInstanceOf(ClientCredentialsTokenError);
    expect(error.reason).toBe('rejected');
    expect(error.message).toContain('invalid_client');
    expect(error.message).not.toContain('definitely-wrong-secret');
  });
});
