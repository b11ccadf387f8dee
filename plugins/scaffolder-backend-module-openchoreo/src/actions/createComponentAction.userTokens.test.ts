import { mockServices } from '@backstage/backend-test-utils';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthenticationError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';
import {
  signInUser,
  startDevstack,
  type Devstack,
} from '@openchoreo-ci/openchoreo-devstack';
import {
  OPENCHOREO_SIGN_IN_REQUIRED,
  OPENCHOREO_USER_TOKEN_SECRET,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { createOpenChoreoClientService } from '@openchoreo-ci/plugin-openchoreo-node';
import { createComponentAction } from './createComponentAction';

/** `sub` of the JWT in an Authorization header (the devstack verified it). */
function subjectOf(authorization: string | null): unknown {
  const payload = authorization?.replace(/^Bearer /, '').split('.')[1];
  return payload
    ? JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).sub
    : undefined;
}

describe('openchoreo:component:create as the user who runs the template', () => {
  let devstack: Devstack;
  const tokens: Record<string, string> = {};
  /** `METHOD path sub` of every OpenChoreo API request. */
  const upstream: string[] = [];

  beforeAll(async () => {
    devstack = await startDevstack({
      apiPort: 0,
      idpPort: 0,
      jenkinsPort: 0,
      timeScale: 0.002,
    });
    for (const user of ['developer', 'viewer']) {
      tokens[user] = (await signInUser(devstack.idp, user, user)).access_token;
    }
  });
  afterAll(() => devstack?.close());
  beforeEach(() => {
    upstream.length = 0;
  });

  function setup(userTokens: boolean) {
    const recording = (async (
      input: Parameters<typeof fetch>[0],
      init?: RequestInit,
    ) => {
      const req = new Request(input, init);
      if (req.url.startsWith(devstack.api.url)) {
        upstream.push(
          `${req.method} ${new URL(req.url).pathname} ${subjectOf(
            req.headers.get('Authorization'),
          )}`,
        );
      }
      return fetch(req);
    }) as typeof fetch;
    const openchoreo = createOpenChoreoClientService(
      {
        baseUrl: `${devstack.api.url}/api/v1`,
        auth: {
          tokenUrl: devstack.idp.tokenUrl,
          ...devstack.idp.clients.portal,
        },
        requestTimeoutMs: 5000,
      },
      { logger: mockServices.logger.mock(), fetch: recording },
    );
    const permissions = mockServices.permissions.mock({
      authorize: async () => [{ result: AuthorizeResult.ALLOW }],
    }) as unknown as PermissionsService;
    const action = createComponentAction({
      openchoreo,
      permissions,
      logger: mockServices.logger.mock(),
      events: { publish: async () => {}, subscribe: async () => {} },
      userTokens,
    });
    return async (name: string, secrets?: Record<string, string>) => {
      const input: JsonObject = {
        namespace: 'default',
        project: 'demo-project',
        name,
        componentType: {
          kind: 'ClusterComponentType',
          name: 'deployment/service',
        },
        source: { type: 'external-ci', platform: 'none' },
      };
      const ctx = createMockActionContext({ input, secrets });
      await action.handler(ctx as Parameters<typeof action.handler>[0]);
      return ctx;
    };
  }

  const created = (name: string) =>
    devstack.api.store.get('Component', 'default', name);

  it("creates the component with the developer's token from the task secrets", async () => {
    const run = setup(true);
    const ctx = await run('as-developer', {
      [OPENCHOREO_USER_TOKEN_SECRET]: tokens.developer,
    });
    expect(created('as-developer')).toBeDefined();
    expect(upstream).toContain(
      'POST /api/v1/namespaces/default/components developer',
    );
    expect(upstream.every(line => line.endsWith(' developer'))).toBe(true);
    const logged = JSON.stringify(
      (ctx.logger as unknown as { info: jest.Mock }).info?.mock?.calls ?? [],
    );
    expect(logged).not.toContain(tokens.developer);
  });

  it('reports a read-only user refused by OpenChoreo, and writes nothing', async () => {
    const run = setup(true);
    const error = await run('as-viewer', {
      [OPENCHOREO_USER_TOKEN_SECRET]: tokens.viewer,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect((error as Error).message).toMatch(
      /^OpenChoreo does not allow you to create component "default\/as-viewer" \(403 FORBIDDEN: .*component:create.*\)\. Ask a platform engineer for access\.$/,
    );
    expect(created('as-viewer')).toBeUndefined();
  });

  it('asks the user to sign in again when the task carries no token, before any call', async () => {
    const run = setup(true);
    const error = await run('no-token').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      code: OPENCHOREO_SIGN_IN_REQUIRED,
      message: expect.stringContaining(
        `this task carried none (task secret ${OPENCHOREO_USER_TOKEN_SECRET}). Sign in with OpenChoreo`,
      ),
    });
    expect(upstream).toEqual([]);
    expect(created('no-token')).toBeUndefined();
  });

  it('with user tokens off, creates as the service account whatever the secrets hold', async () => {
    const run = setup(false);
    await run('as-service-account', {
      [OPENCHOREO_USER_TOKEN_SECRET]: tokens.viewer,
    });
    expect(created('as-service-account')).toBeDefined();
    expect(upstream).toContain(
      `POST /api/v1/namespaces/default/components ${devstack.idp.clients.portal.clientId}`,
    );
  });
});
