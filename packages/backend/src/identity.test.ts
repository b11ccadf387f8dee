import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import catalogOpenChoreoModule from '@openchoreo-ci/plugin-catalog-backend-module-openchoreo';
import openchoreoBackendPlugin from '@openchoreo-ci/plugin-openchoreo-backend';
import {
  signInThroughPortal,
  startDevstack,
  type Devstack,
  type PortalSignInResult,
} from '@openchoreo-ci/openchoreo-devstack';
import openchoreoSignInModule from '@openchoreo-ci/plugin-auth-backend-module-openchoreo-provider';
import type { AddressInfo } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { createRecordingLogger } from './__testUtils__/recordingLogger';
import {
  startRecordingProxy,
  type RecordingProxy,
} from './__testUtils__/recordingProxy';
import permissionPolicyModule from './modules/permissionPolicy';

const APP = 'http://localhost:3000';
const CALLBACK = 'http://localhost:7007/api/auth/openchoreo/handler/frame';
const orgFile = resolvePath(__dirname, '../../../catalog/org.yaml');
const COMPONENT = '/api/openchoreo/components/default/greeting-service';

/**
 * The portal as deployed, against the devstack: people sign in through the identity provider,
 * what they do reaches OpenChoreo with their own token, the catalog sync with the service account.
 */
describe('users act as themselves', () => {
  jest.setTimeout(60_000);

  let devstack: Devstack;
  let proxy: RecordingProxy;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let backendUrl: string;
  const people: Record<string, PortalSignInResult> = {};
  const logger = createRecordingLogger();
  /** Every response body of the portal's own API in these tests. */
  const responses: string[] = [];

  beforeAll(async () => {
    devstack = await startDevstack({
      apiPort: 0,
      idpPort: 0,
      jenkinsPort: 0,
      timeScale: 0.002,
    });
    proxy = await startRecordingProxy(devstack.api.url);
    backend = await startTestBackend({
      features: [
        // The real token services: the frontend sends the Backstage token the sign-in issued.
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        permissionsServiceFactory,
        createServiceFactory({
          service: coreServices.rootLogger,
          deps: {},
          factory: () => logger,
        }),
        authPlugin,
        openchoreoSignInModule,
        catalogPlugin,
        catalogOpenChoreoModule,
        openchoreoBackendPlugin,
        permissionPlugin,
        permissionPolicyModule,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: APP },
            auth: {
              environment: 'development',
              session: { secret: 'test-session-secret' },
              providers: {
                openchoreo: {
                  development: {
                    metadataUrl: `${devstack.idp.url}/.well-known/openid-configuration`,
                    ...devstack.idp.clients.portal,
                    prompt: 'auto',
                    callbackUrl: CALLBACK,
                  },
                },
              },
            },
            permission: { enabled: true },
            integrations: {
              github: [
                {
                  host: new URL(devstack.github.url).host,
                  apiBaseUrl: devstack.github.url,
                  token: devstack.github.tokens.write,
                },
              ],
              gitlab: [
                {
                  host: new URL(devstack.gitlab.url).host,
                  apiBaseUrl: devstack.gitlab.apiUrl,
                  baseUrl: devstack.gitlab.url,
                  token: devstack.gitlab.tokens.write,
                },
              ],
            },
            catalog: {
              rules: [
                { allow: ['Component', 'System', 'Domain', 'User', 'Group'] },
              ],
              processingInterval: { seconds: 1 },
              locations: [{ type: 'file', target: orgFile }],
            },
            openchoreo: {
              baseUrl: `${proxy.url}/api/v1`,
              auth: {
                tokenUrl: devstack.idp.tokenUrl,
                ...devstack.idp.clients.portal,
                userTokens: true,
              },
              signIn: { provider: 'openchoreo' },
              cache: { statusTtlMs: 0 },
              catalog: {
                schedule: {
                  frequency: { minutes: 10 },
                  timeout: { minutes: 1 },
                },
              },
            },
          },
        }),
      ],
    });
    backendUrl = `http://127.0.0.1:${
      (backend.server.address() as AddressInfo).port
    }`;
    for (const [login, password] of [
      ['developer@openchoreo.dev', 'developer'],
      ['viewer@openchoreo.dev', 'viewer'],
    ]) {
      people[password] = await signInThroughPortal({
        backendUrl,
        callbackUrl: CALLBACK,
        appOrigin: APP,
        login,
        password,
      });
    }
  });

  afterAll(async () => {
    await backend?.stop();
    await proxy?.close();
    await devstack?.close();
  });

  /** A request from the frontend of `person`: their Backstage token and their OpenChoreo token. */
  async function as(person: string, path: string, init: RequestInit = {}) {
    const { backstageToken, accessToken } = people[person];
    const response = await fetch(`${backendUrl}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${backstageToken}`,
        'x-openchoreo-token': accessToken,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
    responses.push(await response.clone().text());
    return response;
  }

  /** The calls that reached OpenChoreo while `fn` ran. */
  async function upstreamDuring(fn: () => Promise<void>) {
    const from = proxy.calls.length;
    await fn();
    return proxy.calls.slice(from);
  }

  it("signs people in with their catalog identity and their identity provider's groups", () => {
    expect(people.developer.userEntityRef).toBe('user:default/developer');
    expect(people.developer.ownershipEntityRefs).toContain(
      'group:default/developers',
    );
    expect(people.viewer.ownershipEntityRefs).toContain(
      'group:default/viewers',
    );
  });

  it("serves a component summary with the user's own token: OpenChoreo sees the user's sub and groups", async () => {
    const calls = await upstreamDuring(async () => {
      const res = await as('viewer', `${COMPONENT}/summary`);
      expect(res.status).toBe(200);
      expect((await res.json()).component.name).toBe('greeting-service');
    });
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const call of calls) {
      expect(call).toMatchObject({ sub: 'viewer', groups: ['viewers'] });
    }
  });

  it('refuses Build now for the read-only user with what was refused and why; nothing changes upstream', async () => {
    const runsBefore = devstack.api.store.list('WorkflowRun', 'default').length;
    const calls = await upstreamDuring(async () => {
      const res = await as('viewer', `${COMPONENT}/workflow-runs`, {
        method: 'POST',
      });
      expect(res.status).toBe(403);
      const body = await res.json();
      expect(body.error.message).toMatch(
        /^OpenChoreo does not allow you to start a build of component "default\/greeting-service" \(403 FORBIDDEN: .*\)\. Ask a platform engineer for access\.$/,
      );
    });
    expect(calls).toContainEqual(
      expect.objectContaining({
        method: 'POST',
        path: '/api/v1/namespaces/default/workflowruns',
        sub: 'viewer',
        status: 403,
      }),
    );
    expect(devstack.api.store.list('WorkflowRun', 'default')).toHaveLength(
      runsBefore,
    );
  });

  it("starts the developer's build as the developer", async () => {
    const calls = await upstreamDuring(async () => {
      const res = await as('developer', `${COMPONENT}/workflow-runs`, {
        method: 'POST',
      });
      expect(res.status).toBe(201);
    });
    expect(calls).toContainEqual(
      expect.objectContaining({
        method: 'POST',
        path: '/api/v1/namespaces/default/workflowruns',
        sub: 'developer',
        groups: ['developers'],
        status: 201,
      }),
    );
  });

  it('syncs the catalog as the service account', async () => {
    const deadline = Date.now() + 30_000;
    const isSync = (call: (typeof proxy.calls)[number]) =>
      call.method === 'GET' && call.path.endsWith('/components');
    while (!proxy.calls.some(isSync) && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    const syncCalls = proxy.calls.filter(isSync);
    expect(syncCalls.length).toBeGreaterThan(0);
    for (const call of syncCalls) {
      expect(call.sub).toBe(devstack.idp.clients.portal.clientId);
      expect(call.groups).toBeUndefined();
    }
  });

  it("shows the demo's GitHub Actions and GitLab CI runs from the synced catalog entities, without tokens", async () => {
    const runsOf = async (component: string) => {
      const path = `/api/openchoreo/entities/component/default/${component}/ci-runs`;
      const deadline = Date.now() + 30_000;
      let res = await as('viewer', path);
      // 404 until the catalog module has synced the component from OpenChoreo.
      while (res.status === 404 && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 250));
        res = await as('viewer', path);
      }
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toMatch(/ghp_|glpat-/);
      return JSON.parse(text);
    };
    const github = await runsOf('storefront-web');
    expect(github).toMatchObject({
      state: 'ok',
      platform: 'github-actions',
      project: { slug: 'openchoreo/sample-workloads' },
    });
    const gitlab = await runsOf('checkout-api');
    expect(gitlab).toMatchObject({
      state: 'ok',
      platform: 'gitlab-ci',
      project: { slug: 'openchoreo-demo/checkout-api' },
    });
    for (const { runs } of [github, gitlab]) {
      expect(runs.map((r: { status: string }) => r.status)).toEqual(
        expect.arrayContaining(['succeeded', 'failed', 'running']),
      );
    }
  });

  it('puts no token, client secret or password into a log line or a response', async () => {
    // A refused token, a refused action and a missing token, so that error paths log too.
    await as('viewer', `${COMPONENT}/workflow-runs`, { method: 'POST' });
    await fetch(`${backendUrl}${COMPONENT}/summary`, {
      headers: {
        authorization: `Bearer ${people.viewer.backstageToken}`,
        'x-openchoreo-token': `${people.viewer.accessToken}x`,
      },
    }).then(async r => responses.push(await r.text()));
    const secrets = [
      ...Object.values(people).flatMap(p => [
        p.accessToken,
        p.backstageToken,
        // A JWT's signature alone identifies it.
        p.accessToken.split('.')[2],
      ]),
      devstack.idp.clients.portal.clientSecret,
      'test-session-secret',
      'password=developer',
      'password=viewer',
    ];
    const logged = logger.lines.join('\n');
    const answered = responses.join('\n');
    expect(logger.lines.length).toBeGreaterThan(10);
    expect(responses.length).toBeGreaterThan(3);
    for (const secret of secrets) {
      expect(logged).not.toContain(secret);
      expect(answered).not.toContain(secret);
    }
  });
});
