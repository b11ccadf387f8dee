import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProviderModule from '@backstage/plugin-auth-backend-module-guest-provider';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  signInThroughPortal,
  startDevstack,
  type Devstack,
} from '@openchoreo-ci/openchoreo-devstack';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import openchoreoSignInModule from '.';

const APP = 'http://localhost:3000';
/** The redirect URI the devstack registers for the portal by default. */
const CALLBACK = 'http://localhost:7007/api/auth/openchoreo/handler/frame';

const user = (name: string, email: string, group: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { email }, memberOf: [group] },
});

/** Only the developer is in the catalog: everyone else is mapped from the claims. */
const catalogUsers = [
  user('developer', 'developer@openchoreo.dev', 'developers'),
];

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
}

describe('sign-in through OpenChoreo’s identity provider', () => {
  let devstack: Devstack;

  beforeAll(async () => {
    devstack = await startDevstack({
      apiPort: 0,
      idpPort: 0,
      jenkinsPort: 0,
    });
  });
  afterAll(() => devstack?.close());

  const discovery = () =>
    `${devstack.idp.url}/.well-known/openid-configuration`;

  function provider(overrides: Record<string, unknown> = {}) {
    return {
      metadataUrl: discovery(),
      ...devstack.idp.clients.portal,
      prompt: 'auto',
      callbackUrl: CALLBACK,
      ...overrides,
    };
  }

  function startPortalAuth(
    options: {
      environment?: string;
      provider?: Record<string, unknown>;
      session?: boolean;
    } = {},
  ) {
    const environment = options.environment ?? 'development';
    return startTestBackend({
      features: [
        authPlugin,
        guestProviderModule,
        openchoreoSignInModule,
        catalogServiceMock.factory({ entities: catalogUsers }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: APP },
            auth: {
              environment,
              ...(options.session === false
                ? {}
                : { session: { secret: 'test-session-secret' } }),
              providers: {
                guest: {},
                openchoreo: { [environment]: provider(options.provider) },
              },
            },
            openchoreo: { signIn: { provider: 'openchoreo' } },
          },
        }),
      ],
    });
  }

  describe('the whole flow: authorize -> login page -> callback -> Backstage identity', () => {
    let backend: Awaited<ReturnType<typeof startPortalAuth>>;
    let backendUrl: string;

    beforeAll(async () => {
      backend = await startPortalAuth();
      backendUrl = `http://127.0.0.1:${
        (backend.server.address() as AddressInfo).port
      }`;
    });
    afterAll(() => backend?.stop());

    const signIn = (login: string, password = login) =>
      signInThroughPortal({
        backendUrl,
        callbackUrl: CALLBACK,
        appOrigin: APP,
        login,
        password,
      });

    it('resolves a catalog User by email, with its groups and the token’s groups as ownership', async () => {
      const result = await signIn('developer@openchoreo.dev', 'developer');
      expect(result.userEntityRef).toBe('user:default/developer');
      expect(result.ownershipEntityRefs).toEqual(
        expect.arrayContaining([
          'user:default/developer',
          'group:default/developers',
        ]),
      );
      // The frontend receives the identity provider's access token: the one OpenChoreo authorizes.
      expect(claimsOf(result.accessToken)).toMatchObject({
        sub: 'developer',
        groups: ['developers'],
        aud: devstack.idp.apiAudience,
      });
      expect(claimsOf(result.backstageToken)).toMatchObject({
        sub: 'user:default/developer',
      });
    });

    it('maps a person without a catalog User from the claims, with ownership from the groups claim', async () => {
      const viewer = await signIn('viewer');
      expect(viewer.userEntityRef).toBe('user:default/viewer');
      expect(viewer.ownershipEntityRefs).toEqual([
        'user:default/viewer',
        'group:default/viewers',
      ]);
      const engineer = await signIn('platform-engineer');
      expect(engineer.ownershipEntityRefs).toEqual([
        'user:default/platform-engineer',
        'group:default/platform-engineers',
      ]);
    });

    it('refreshes the session with the refresh cookie, keeping the identity and the groups', async () => {
      const signedIn = await signIn('viewer');
      const refreshed = await signedIn.browser.request(
        `${backendUrl}/api/auth/openchoreo/refresh?env=development&optional`,
        { headers: { 'x-requested-with': 'XMLHttpRequest' } },
      );
      expect(refreshed.status).toBe(200);
      const body = (await refreshed.json()) as {
        providerInfo: { accessToken: string };
        backstageIdentity: { identity: { ownershipEntityRefs: string[] } };
      };
      expect(claimsOf(body.providerInfo.accessToken)).toMatchObject({
        sub: 'viewer',
        groups: ['viewers'],
      });
      expect(body.backstageIdentity.identity.ownershipEntityRefs).toEqual([
        'user:default/viewer',
        'group:default/viewers',
      ]);
    });

    it('refuses a wrong password at the login page, never reaching the portal', async () => {
      await expect(signIn('viewer', 'wrong')).rejects.toThrow(
        /did not send viewer back to the portal/,
      );
    });
  });

  describe('bad settings stop a production start-up naming the setting and its variable', () => {
    async function startupError(
      options: Parameters<typeof startPortalAuth>[0],
    ): Promise<string> {
      const error = await startPortalAuth({
        environment: 'production',
        ...options,
      }).then(
        async backend => {
          await backend.stop();
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      const message = (error as Error).message;
      expect(message).not.toMatch(/\n\s+at /); // no stack trace in the message
      expect(message).not.toContain(devstack.idp.clients.portal.clientSecret);
      return message;
    }

    it('a wrong client secret', async () => {
      const message = await startupError({
        provider: { clientSecret: 'not-the-secret' },
      });
      expect(message).toContain(
        'OpenChoreo sign-in: auth.providers.openchoreo.production.clientSecret was refused by the identity provider together with client id "openchoreo-portal-backend" (invalid_client)',
      );
      expect(message).toContain('Set OPENCHOREO_AUTH_CLIENT_SECRET');
      expect(message).not.toContain('not-the-secret');
    });

    it('an unreachable identity provider', async () => {
      const closed = await new Promise<number>(resolve => {
        const probe = createServer().listen(0, '127.0.0.1', () => {
          const { port } = probe.address() as AddressInfo;
          probe.close(() => resolve(port));
        });
      });
      const message = await startupError({
        provider: {
          metadataUrl: `http://127.0.0.1:${closed}/.well-known/openid-configuration`,
        },
      });
      expect(message).toContain(
        `OpenChoreo sign-in: auth.providers.openchoreo.production.metadataUrl could not be read: the identity provider at http://127.0.0.1:${closed}/.well-known/openid-configuration is unreachable (ECONNREFUSED)`,
      );
      expect(message).toContain(
        'Set OPENCHOREO_AUTH_METADATA_URL (or OPENCHOREO_AUTH_AUTHORIZATION_URL)',
      );
    });

    describe('an invalid discovery document', () => {
      let server: Server;
      let url: string;
      let body = '';
      beforeAll(async () => {
        server = createServer((_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(body);
        });
        await new Promise<void>(resolve =>
          server.listen(0, '127.0.0.1', resolve),
        );
        url = `http://127.0.0.1:${
          (server.address() as AddressInfo).port
        }/.well-known/openid-configuration`;
      });
      afterAll(
        () => new Promise<void>(resolve => server.close(() => resolve())),
      );

      it('without the endpoints the sign-in needs', async () => {
        body = JSON.stringify({
          issuer: 'http://idp.example.com',
          authorization_endpoint: 'http://idp.example.com/authorize',
        });
        const message = await startupError({ provider: { metadataUrl: url } });
        expect(message).toContain(
          `auth.providers.openchoreo.production.metadataUrl is not a usable OIDC discovery document: ${url} lacks token_endpoint, jwks_uri, userinfo_endpoint`,
        );
      });

      it('that is not JSON', async () => {
        body = '<html>Welcome</html>';
        const message = await startupError({ provider: { metadataUrl: url } });
        expect(message).toContain(
          `auth.providers.openchoreo.production.metadataUrl is not an OIDC discovery document: ${url} did not answer with a JSON object`,
        );
      });
    });

    it('a missing client id', async () => {
      const message = await startupError({ provider: { clientId: '' } });
      expect(message).toContain(
        'auth.providers.openchoreo.production.clientId is not set. Set OPENCHOREO_AUTH_CLIENT_ID',
      );
    });

    it('no session secret', async () => {
      const message = await startupError({ session: false });
      expect(message).toContain(
        'auth.session.secret is not set (the OIDC sign-in keeps its state in a session). Set BACKEND_SECRET.',
      );
    });
  });

  it('locally, a wrong secret only warns at start-up and the sign-in then fails with a message', async () => {
    const backend = await startPortalAuth({
      provider: { clientSecret: 'not-the-secret' },
    });
    try {
      const backendUrl = `http://127.0.0.1:${
        (backend.server.address() as AddressInfo).port
      }`;
      const failure = await signInThroughPortal({
        backendUrl,
        callbackUrl: CALLBACK,
        appOrigin: APP,
        login: 'viewer',
        password: 'viewer',
      }).catch((e: Error) => e.message);
      expect(failure).toMatch(/the portal refused the sign-in of viewer: /);
      expect(failure).toMatch(/invalid_client/);
      expect(failure).not.toMatch(/\n\s+at /);
    } finally {
      await backend.stop();
    }
  });
});
