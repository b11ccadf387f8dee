import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthenticationError, NotAllowedError } from '@backstage/errors';
import { signInUser, type Devstack } from '@openchoreo-ci/openchoreo-devstack';
import { OPENCHOREO_SIGN_IN_REQUIRED } from '@openchoreo-ci/plugin-openchoreo-common';
import { devstackConfig, startTestDevstack } from './__testUtils__/devstack';
import {
  createOpenChoreoClientService,
  type OpenChoreoClientService,
} from './clientService';
import {
  createOpenChoreoRequestAccess,
  readUserTokensEnabled,
} from './requestAccess';

/** A fetch that records the Authorization header of every API request. */
function recordingFetch(apiUrl: string) {
  const authorizations: string[] = [];
  const recording = async (
    input: Parameters<typeof fetch>[0],
    init?: RequestInit,
  ) => {
    const request = new Request(input, init);
    if (request.url.startsWith(apiUrl)) {
      authorizations.push(request.headers.get('Authorization') ?? '');
    }
    return fetch(request);
  };
  return { fetch: recording as typeof fetch, authorizations };
}

/** The claims of the JWT in an `Authorization: Bearer` header (not verified: the devstack did). */
function bearerClaims(authorization: string): Record<string, unknown> {
  const payload = authorization.replace(/^Bearer /, '').split('.')[1];
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

describe('readUserTokensEnabled', () => {
  it('is off unless configured, and names the key of a wrong value', () => {
    expect(readUserTokensEnabled(new ConfigReader({}))).toBe(false);
    const on = new ConfigReader({ openchoreo: { auth: { userTokens: true } } });
    expect(readUserTokensEnabled(on)).toBe(true);
    const wrong = new ConfigReader({
      openchoreo: { auth: { userTokens: 'sometimes' } },
    });
    expect(() => readUserTokensEnabled(wrong)).toThrow(
      'openchoreo.auth.userTokens must be true or false',
    );
  });
});

describe('createOpenChoreoRequestAccess', () => {
  let devstack: Devstack;
  let service: OpenChoreoClientService;
  let authorizations: string[];
  let viewerToken: string;

  beforeAll(async () => {
    devstack = await startTestDevstack();
    const recorder = recordingFetch(devstack.api.url);
    authorizations = recorder.authorizations;
    service = createOpenChoreoClientService(devstackConfig(devstack), {
      logger: mockServices.logger.mock(),
      fetch: recorder.fetch,
    });
    viewerToken = (await signInUser(devstack.idp, 'viewer', 'viewer'))
      .access_token;
  });
  afterAll(() => devstack.close());
  beforeEach(() => {
    authorizations.length = 0;
  });

  const access = (userTokens: boolean) =>
    createOpenChoreoRequestAccess({
      openchoreo: service,
      logger: mockServices.logger.mock(),
      userTokens,
    });

  it('with user tokens off, acts as the service account and ignores any token', async () => {
    const forRequest = access(false);
    const withToken = forRequest(viewerToken);
    expect(withToken).toBe(forRequest(undefined));
    expect(withToken.caller).toBe('service-account');
    expect(withToken.partition).toBe('service-account');
    await withToken.client.components.get('default', 'greeting-service');
    const claims = bearerClaims(authorizations[0]);
    expect(claims.sub).toBe(devstack.idp.clients.portal.clientId);
    expect(claims.groups).toBeUndefined();
  });

  it('with user tokens on, calls OpenChoreo with exactly the user token', async () => {
    const mine = access(true)(viewerToken);
    expect(mine.caller).toBe('user');
    await mine.call('read component "default/greeting-service"', () =>
      mine.client.components.get('default', 'greeting-service'),
    );
    expect(authorizations).toEqual([`Bearer ${viewerToken}`]);
    expect(bearerClaims(authorizations[0])).toMatchObject({
      sub: 'viewer',
      groups: ['viewers'],
    });
  });

  it('partitions by a hash of the token that never contains the token', () => {
    const forRequest = access(true);
    const partition = forRequest(viewerToken).partition;
    expect(partition).toMatch(/^user:[0-9a-f]{32}$/);
    expect(forRequest(` ${viewerToken} `).partition).toBe(partition);
    expect(forRequest('another-token').partition).not.toBe(partition);
    expect(partition).not.toContain(viewerToken.slice(0, 20));
  });

  it('without a token, answers 401 with the sign-in-required code before any call', () => {
    const forRequest = access(true);
    for (const missing of [undefined, '', '   ']) {
      let error: unknown;
      try {
        forRequest(missing);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error).toMatchObject({
        code: OPENCHOREO_SIGN_IN_REQUIRED,
        message: expect.stringMatching(/Sign in again with OpenChoreo\.$/),
      });
    }
    expect(authorizations).toEqual([]);
  });

  it('marks a token OpenChoreo rejects as sign-in-required', async () => {
    const expired = access(true)('not-a-valid-token');
    const error = await expired
      .call('list namespaces', () => expired.client.namespaces.list())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      code: OPENCHOREO_SIGN_IN_REQUIRED,
      message: expect.stringContaining(
        'OpenChoreo did not accept your sign-in',
      ),
    });
  });

  it("reports OpenChoreo's refusal of the user's action as a 403 saying what was refused", async () => {
    const viewer = access(true)(viewerToken);
    const component = await viewer.client.components.get(
      'default',
      'greeting-service',
    );
    const error = await viewer
      .call('update component "default/greeting-service"', () =>
        viewer.client.components.replace(
          'default',
          'greeting-service',
          component,
        ),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect((error as Error).message).toMatch(
      /^OpenChoreo does not allow you to update component "default\/greeting-service" \(403 FORBIDDEN: .*component:update.*\)\. Ask a platform engineer for access\.$/,
    );
    expect(error).not.toHaveProperty('code');
  });
});
