import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  INVENTORY_API_JOB,
  LEGACY_MONOLITH_JOB,
  signInUser,
  startDevstack,
  type Devstack,
} from '@openchoreo-ci/openchoreo-devstack';
import { OPENCHOREO_USER_TOKEN_HEADER } from '@openchoreo-ci/plugin-openchoreo-common';
import type { Server } from 'node:http';
import request from 'supertest';
import { openchoreoPlugin } from './plugin';

const ENTITY = '/api/openchoreo/jenkins/v1/entity/default/component';
const INVENTORY = `${ENTITY}/inventory-api`;
const job = (name: string) => encodeURIComponent(name);

// The Jenkins routes of the plugin against the devstack (OpenChoreo API, IdP, Jenkins emulator),
// as people of each OpenChoreo role: what the portal does with its own Jenkins credentials.
describe('Jenkins through OpenChoreo’s access rule', () => {
  let devstack: Devstack;
  let server: Server;
  const tokens: Record<string, string> = {};
  const denied = new Set<string>();
  /** Every request the backend sent to the Jenkins emulator. */
  const jenkinsCalls: string[] = [];

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
    const realFetch = global.fetch;
    jest.spyOn(global, 'fetch').mockImplementation((input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.startsWith(devstack.jenkins.url)) {
        jenkinsCalls.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
      }
      return realFetch(input, init);
    });
    const backend = await startTestBackend({
      features: [
        openchoreoPlugin,
        mockServices.rootConfig.factory({
          data: {
            openchoreo: {
              baseUrl: `${devstack.api.url}/api/v1`,
              requestTimeoutMs: 5000,
              auth: {
                tokenUrl: devstack.idp.tokenUrl,
                ...devstack.idp.clients.portal,
                userTokens: true,
              },
              cache: { statusTtlMs: 0, permissionTtlMs: 0 },
            },
            jenkins: {
              baseUrl: devstack.jenkins.url,
              username: devstack.jenkins.username,
              apiKey: devstack.jenkins.apiToken,
            },
          },
        }),
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(r => ({
              result: denied.has(r.permission.name)
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
            })),
        }).factory,
        mockServices.events.mock({ publish: async () => undefined }).factory,
      ],
    });
    server = backend.server;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await devstack?.close();
  });
  beforeEach(() => {
    denied.clear();
    jenkinsCalls.length = 0;
  });

  const as = (user: string) => {
    const auth = (r: request.Test) =>
      r
        .set(
          'Authorization',
          mockCredentials.user.header(`user:default/${user}`),
        )
        .set(OPENCHOREO_USER_TOKEN_HEADER, tokens[user]);
    return {
      get: (path: string) => auth(request(server).get(path)),
      post: (path: string) => auth(request(server).post(path)),
    };
  };

  /** The build numbers Jenkins has for `name`, read from the emulator directly. */
  async function buildsOf(name: string): Promise<number[]> {
    const path = name
      .split('/')
      .map(n => `job/${n}`)
      .join('/');
    const res = await fetch(
      `${devstack.jenkins.url}/${path}/api/json?tree=builds[number]`,
      {
        headers: {
          Authorization: `Basic ${Buffer.from(
            `${devstack.jenkins.username}:${devstack.jenkins.apiToken}`,
          ).toString('base64')}`,
        },
      },
    );
    const body = (await res.json()) as { builds: { number: number }[] };
    return body.builds.map(b => b.number);
  }

  it('serves the component’s projects, builds and console to a viewer', async () => {
    const projects = await as('viewer').get(`${INVENTORY}/projects`);
    expect(projects.status).toBe(200);
    expect(projects.body.projects[0]).toMatchObject({
      fullName: INVENTORY_API_JOB,
      lastBuild: { number: expect.any(Number) },
    });
    const history = await as('viewer').get(
      `${INVENTORY}/job/${job(INVENTORY_API_JOB)}`,
    );
    expect(history.status).toBe(200);
    expect(history.body.build.fullName).toBe(INVENTORY_API_JOB);
    const build = await as('viewer').get(
      `${INVENTORY}/job/${job(INVENTORY_API_JOB)}/1`,
    );
    expect(build.body.build).toMatchObject({ number: 1 });
    const log = await as('viewer').get(
      `${INVENTORY}/job/${job(INVENTORY_API_JOB)}/1/consoleText`,
    );
    expect(log.body.consoleText).toEqual(expect.any(String));
    expect(JSON.stringify(projects.body)).not.toContain(
      devstack.jenkins.apiToken,
    );
  });

  it('refuses an outsider’s reads with no data and no Jenkins call', async () => {
    for (const path of [
      `${INVENTORY}/projects`,
      `${INVENTORY}/job/${job(INVENTORY_API_JOB)}`,
      `${INVENTORY}/job/${job(INVENTORY_API_JOB)}/1/consoleText`,
    ]) {
      const res = await as('outsider').get(path);
      expect([403, 404]).toContain(res.status);
      expect(res.body.projects).toBeUndefined();
      expect(res.body.build).toBeUndefined();
      expect(res.body.consoleText).toBeUndefined();
    }
    expect(jenkinsCalls).toEqual([]);
  });

  it('refuses reads the portal’s permission policy denies', async () => {
    denied.add('openchoreo.workflowrun.read');
    const res = await as('developer').get(`${INVENTORY}/projects`);
    expect(res.status).toBe(403);
    expect(jenkinsCalls).toEqual([]);
  });

  it('lets a developer rebuild the component’s own job', async () => {
    const before = await buildsOf(INVENTORY_API_JOB);
    const res = await as('developer').post(
      `${INVENTORY}/job/${job(INVENTORY_API_JOB)}/2`,
    );
    expect(res.status).toBe(201);
    const after = await buildsOf(INVENTORY_API_JOB);
    expect(after).toHaveLength(before.length + 1);
  });

  it.each(['viewer', 'outsider'])(
    'refuses a rebuild by the %s and Jenkins starts nothing',
    async user => {
      const before = await buildsOf(INVENTORY_API_JOB);
      const res = await as(user).post(
        `${INVENTORY}/job/${job(INVENTORY_API_JOB)}/2`,
      );
      expect([403, 404]).toContain(res.status);
      expect(res.body.error.message).toEqual(expect.any(String));
      expect(await buildsOf(INVENTORY_API_JOB)).toEqual(before);
      expect(jenkinsCalls.filter(c => c.startsWith('POST'))).toEqual([]);
    },
  );

  it('refuses a developer’s rebuild when the portal’s policy denies openchoreo.workflowrun.create', async () => {
    denied.add('openchoreo.workflowrun.create');
    const before = await buildsOf(INVENTORY_API_JOB);
    const res = await as('developer').post(
      `${INVENTORY}/job/${job(INVENTORY_API_JOB)}/2`,
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('openchoreo.workflowrun.create');
    expect(await buildsOf(INVENTORY_API_JOB)).toEqual(before);
  });

  it('refuses a rebuild of a job that is not the entity’s, without calling Jenkins', async () => {
    const before = await buildsOf(LEGACY_MONOLITH_JOB);
    jenkinsCalls.length = 0;
    for (const other of [LEGACY_MONOLITH_JOB, `${INVENTORY_API_JOB}/x`]) {
      const res = await as('developer').post(
        `${INVENTORY}/job/${job(other)}/1`,
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        `is not the job of component "default/inventory-api"`,
      );
    }
    const read = await as('developer').get(
      `${INVENTORY}/job/${job(LEGACY_MONOLITH_JOB)}`,
    );
    expect(read.status).toBe(403);
    expect(jenkinsCalls).toEqual([]);
    expect(await buildsOf(LEGACY_MONOLITH_JOB)).toEqual(before);
  });

  it('answers 404 naming the job when Jenkins has no such build', async () => {
    const read = await as('developer').get(
      `${INVENTORY}/job/${job(INVENTORY_API_JOB)}/9999`,
    );
    expect(read.status).toBe(404);
    expect(read.body.error.message).toContain(
      `no build #9999 of job "${INVENTORY_API_JOB}"`,
    );
    const rebuild = await as('developer').post(
      `${INVENTORY}/job/${job(INVENTORY_API_JOB)}/9999`,
    );
    expect(rebuild.status).toBe(404);
    expect(rebuild.body.error.message).toContain(INVENTORY_API_JOB);
  });
});
