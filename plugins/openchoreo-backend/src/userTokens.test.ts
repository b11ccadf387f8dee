import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  signInUser,
  startDevstack,
  type Devstack,
} from '@openchoreo-ci/openchoreo-devstack';
import {
  OPENCHOREO_SIGN_IN_REQUIRED,
  OPENCHOREO_USER_TOKEN_HEADER,
} from '@openchoreo-ci/plugin-openchoreo-common';
import {
  createOpenChoreoClientService,
  openchoreoClientServiceRef,
} from '@openchoreo-ci/plugin-openchoreo-node';
import type { Server } from 'node:http';
import request from 'supertest';
import { openchoreoPlugin } from './plugin';

const API = '/api/openchoreo';
const SUMMARY = `${API}/components/default/greeting-service/summary`;
const RUNS = `${API}/components/default/greeting-service/workflow-runs`;
const ANNOTATIONS = `${API}/components/default/greeting-service/annotations`;
const ACTIONS = `${API}/components/default/greeting-service/actions`;

/** One request the backend made to the OpenChoreo API, with the claims of the token it sent. */
interface UpstreamCall {
  method: string;
  path: string;
  sub?: unknown;
  groups?: unknown;
}

function claimsOf(authorization: string | null): Record<string, unknown> {
  const payload = authorization?.replace(/^Bearer /, '').split('.')[1];
  if (!payload) return {};
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return {};
  }
}

describe('user tokens: what a person does reaches OpenChoreo with that person’s token', () => {
  let devstack: Devstack;
  const upstream: UpstreamCall[] = [];
  /** The same calls per backend of this file (an earlier test's late calls must not count). */
  const upstreamOf: UpstreamCall[][] = [];
  const tokens: Record<string, string> = {};
  const denied = new Set<string>();
  const backends: Array<{ stop(): Promise<void> }> = [];

  beforeAll(async () => {
    devstack = await startDevstack({
      apiPort: 0,
      idpPort: 0,
      jenkinsPort: 0,
      timeScale: 0.002,
    });
    for (const user of ['viewer', 'developer', 'outsider']) {
      tokens[user] = (await signInUser(devstack.idp, user, user)).access_token;
    }
  });
  afterAll(async () => {
    await Promise.all(backends.map(b => b.stop()));
    await devstack?.close();
  });
  beforeEach(() => {
    upstream.length = 0;
    denied.clear();
  });

  /** A fetch that records every OpenChoreo API request of `backend` with its token's claims. */
  const recordingFetch = (backend: number) =>
    (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const req = new Request(input, init);
      if (req.url.startsWith(devstack.api.url)) {
        const claims = claimsOf(req.headers.get('Authorization'));
        const call = {
          method: req.method,
          path: new URL(req.url).pathname,
          sub: claims.sub,
          groups: claims.groups,
        };
        upstream.push(call);
        (upstreamOf[backend] ??= []).push(call);
      }
      return fetch(req);
    }) as typeof fetch;

  async function startBackend(options: {
    userTokens: boolean;
    statusTtlMs?: number;
  }): Promise<Server> {
    const id = backends.length;
    const openchoreo = {
      baseUrl: `${devstack.api.url}/api/v1`,
      requestTimeoutMs: 5000,
      auth: {
        tokenUrl: devstack.idp.tokenUrl,
        ...devstack.idp.clients.portal,
        userTokens: options.userTokens,
      },
      cache: { statusTtlMs: options.statusTtlMs ?? 0, permissionTtlMs: 0 },
    };
    const backend = await startTestBackend({
      features: [
        openchoreoPlugin,
        mockServices.rootConfig.factory({ data: { openchoreo } }),
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(r => ({
              result: denied.has(r.permission.name)
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
            })),
        }).factory,
        mockServices.events.mock({ publish: async () => undefined }).factory,
        createServiceFactory({
          service: openchoreoClientServiceRef,
          deps: {},
          factory: () =>
            createOpenChoreoClientService(openchoreo, {
              logger: mockServices.logger.mock(),
              fetch: recordingFetch(id),
            }),
        }),
      ],
    });
    backends.push(backend);
    return backend.server;
  }

  /** A request as `user` (Backstage identity) carrying that user's OpenChoreo token. */
  const as = (server: Server, user: string) => ({
    get: (path: string) =>
      request(server)
        .get(path)
        .set(
          'Authorization',
          mockCredentials.user.header(`user:default/${user}`),
        )
        .set(OPENCHOREO_USER_TOKEN_HEADER, tokens[user]),
    post: (path: string) =>
      request(server)
        .post(path)
        .set(
          'Authorization',
          mockCredentials.user.header(`user:default/${user}`),
        )
        .set(OPENCHOREO_USER_TOKEN_HEADER, tokens[user]),
    put: (path: string) =>
      request(server)
        .put(path)
        .set(
          'Authorization',
          mockCredentials.user.header(`user:default/${user}`),
        )
        .set(OPENCHOREO_USER_TOKEN_HEADER, tokens[user]),
  });

  const runsOfGreetingService = () =>
    devstack.api.store
      .list('WorkflowRun', 'default')
      .filter(
        run =>
          run.metadata.labels?.['openchoreo.dev/component'] ===
          'greeting-service',
      ).length;

  describe('with openchoreo.auth.userTokens: true', () => {
    let server: Server;
    beforeAll(async () => {
      server = await startBackend({ userTokens: true });
    });

    it("serves a component summary read with the user's own token only", async () => {
      const res = await as(server, 'viewer').get(SUMMARY);
      expect(res.status).toBe(200);
      expect(res.body.component.name).toBe('greeting-service');
      expect(upstream.length).toBeGreaterThanOrEqual(3);
      expect(
        upstream.every(c => c.sub === 'viewer' && `${c.groups}` === 'viewers'),
      ).toBe(true);
    });

    it('answers a request without the token with 401 "sign in again" before calling OpenChoreo', async () => {
      const res = await request(server)
        .get(SUMMARY)
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({
        name: 'AuthenticationError',
        code: OPENCHOREO_SIGN_IN_REQUIRED,
        message: expect.stringMatching(/Sign in again with OpenChoreo\.$/),
      });
      expect(upstream).toEqual([]);
    });

    it('answers an expired or foreign token with the same recognisable 401, never echoing it', async () => {
      const res = await request(server)
        .get(SUMMARY)
        .set('Authorization', mockCredentials.user.header())
        .set(
          OPENCHOREO_USER_TOKEN_HEADER,
          'eyJhbGciOiJIUzI1NiJ9.e30.bm90LXZhbGlk',
        );
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe(OPENCHOREO_SIGN_IN_REQUIRED);
      expect(res.body.error.message).toContain('Sign in again');
      expect(JSON.stringify(res.body)).not.toContain('bm90LXZhbGlk');
    });

    it('refuses Build now for a read-only user with what was refused and why; nothing is created', async () => {
      const before = runsOfGreetingService();
      const res = await as(server, 'viewer').post(RUNS);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      expect(res.body.error.message).toMatch(
        /^OpenChoreo does not allow you to start a build of component "default\/greeting-service" \(403 FORBIDDEN: .*workflowrun:create.*namespace "default".*\)\. Ask a platform engineer for access\.$/,
      );
      expect(upstream).toContainEqual(
        expect.objectContaining({
          method: 'POST',
          path: '/api/v1/namespaces/default/workflowruns',
          sub: 'viewer',
        }),
      );
      expect(runsOfGreetingService()).toBe(before);
    });

    it("starts a developer's build as the developer", async () => {
      const res = await as(server, 'developer').post(RUNS);
      expect(res.status).toBe(201);
      expect(upstream).toContainEqual({
        method: 'POST',
        path: '/api/v1/namespaces/default/workflowruns',
        sub: 'developer',
        groups: ['developers'],
      });
    });

    it('refuses an annotation edit of a read-only user and leaves the component unchanged', async () => {
      const current = await as(server, 'viewer').get(ANNOTATIONS);
      expect(current.status).toBe(200);
      const res = await as(server, 'viewer')
        .put(ANNOTATIONS)
        .send({
          expected: current.body.annotations,
          annotations: { ...current.body.annotations, 'team/owner': 'viewer' },
        });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        'OpenChoreo does not allow you to update the annotations of component "default/greeting-service"',
      );
      const after = devstack.api.store.get(
        'Component',
        'default',
        'greeting-service',
      );
      expect(after?.metadata.annotations?.['team/owner']).toBeUndefined();
    });

    it('tells up front that a read-only user may neither build, cancel nor edit, and why', async () => {
      const viewer = await as(server, 'viewer').get(ACTIONS);
      expect(viewer.status).toBe(200);
      expect(viewer.body).toEqual({
        // Build with options follows Build now (the workflow exists).
        buildWithOptions: viewer.body.build,
        build: {
          allowed: false,
          decidedBy: 'openchoreo',
          reason: expect.stringMatching(
            /^OpenChoreo does not allow you to start builds in namespace "default" \(.*viewers.*\)\. Ask a platform engineer for access\.$/,
          ),
        },
        cancel: {
          allowed: false,
          decidedBy: 'openchoreo',
          reason: expect.stringMatching(
            /^OpenChoreo does not allow you to cancel builds in namespace "default" \(.*viewers.*\)\. Ask a platform engineer for access\.$/,
          ),
        },
        editAnnotations: {
          allowed: false,
          decidedBy: 'openchoreo',
          reason: expect.stringContaining(
            'OpenChoreo does not allow you to edit components in namespace "default"',
          ),
        },
        externalCiBuild: {
          allowed: false,
          decidedBy: 'openchoreo',
          reason: expect.stringMatching(
            /^OpenChoreo does not allow you to start builds in namespace "default" \(.*viewers.*\)\. Ask a platform engineer for access\.$/,
          ),
        },
      });
      expect(upstream).toContainEqual(
        expect.objectContaining({
          method: 'POST',
          path: '/api/v1/authz/evaluates',
          sub: 'viewer',
        }),
      );

      const developer = await as(server, 'developer').get(ACTIONS);
      expect(developer.body).toEqual({
        build: { allowed: true, decidedBy: 'openchoreo' },
        buildWithOptions: { allowed: true, decidedBy: 'openchoreo' },
        cancel: { allowed: true, decidedBy: 'openchoreo' },
        editAnnotations: { allowed: true, decidedBy: 'openchoreo' },
        externalCiBuild: { allowed: true, decidedBy: 'openchoreo' },
      });
    });

    it("puts the portal's own permission policy first", async () => {
      denied.add('openchoreo.workflowrun.create');
      const res = await as(server, 'developer').get(ACTIONS);
      expect(res.body.build).toEqual({
        allowed: false,
        decidedBy: 'portal',
        reason: expect.stringContaining(
          "The portal's permission policy does not allow you to start builds of component:default/greeting-service",
        ),
      });
      expect(res.body.editAnnotations.allowed).toBe(true);
      expect(res.body.cancel.allowed).toBe(true);
    });

    it("puts the portal's policy on cancelling first, before OpenChoreo's answer", async () => {
      denied.add('openchoreo.workflowrun.cancel');
      // OpenChoreo refuses the viewer too; the portal's reason is the one shown.
      const res = await as(server, 'viewer').get(ACTIONS);
      expect(res.status).toBe(200);
      expect(res.body.cancel).toEqual({
        allowed: false,
        decidedBy: 'portal',
        reason:
          "The portal's permission policy does not allow you to cancel builds of component:default/greeting-service (permission openchoreo.workflowrun.cancel). Ask a platform engineer for access.",
      });
      expect(res.body.build).toMatchObject({
        allowed: false,
        decidedBy: 'openchoreo',
      });
    });

    it('lists only what the user may see (wizard namespaces)', async () => {
      const developer = await as(server, 'developer').get(`${API}/namespaces`);
      expect(
        developer.body.items.map((n: { name: string }) => n.name),
      ).toContain('default');
      const outsider = await as(server, 'outsider').get(`${API}/namespaces`);
      expect(outsider.status).toBe(200);
      expect(outsider.body.items).toEqual([]);
    });
  });

  it("never serves one user's cached reads to another", async () => {
    const server = await startBackend({
      userTokens: true,
      statusTtlMs: 60_000,
    });
    expect((await as(server, 'viewer').get(SUMMARY)).status).toBe(200);
    const outsider = await as(server, 'outsider').get(SUMMARY);
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.message).toContain(
      'OpenChoreo does not allow you to read component "default/greeting-service"',
    );
    // The viewer's second read is served from the viewer's cache entry. (The outsider's own
    // run listing may still be finishing after its 403: only the viewer's calls count here.)
    upstream.length = 0;
    expect((await as(server, 'viewer').get(SUMMARY)).status).toBe(200);
    expect(upstream.filter(call => call.sub !== 'outsider')).toEqual([]);
  });

  it('with user tokens off, the service account acts and the header is ignored', async () => {
    const id = backends.length;
    const server = await startBackend({ userTokens: false });
    const res = await as(server, 'outsider').get(SUMMARY);
    expect(res.status).toBe(200);
    // Only this backend's calls: an earlier test's refused listing may still be finishing.
    const calls = upstreamOf[id] ?? [];
    expect(calls.length).toBeGreaterThan(0);
    expect(
      calls.every(
        c =>
          c.sub === devstack.idp.clients.portal.clientId &&
          c.groups === undefined,
      ),
    ).toBe(true);
  });
});
