import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  signInUser,
  startDevstack,
  type Devstack,
} from '@openchoreo-ci/openchoreo-devstack';
import { OPENCHOREO_USER_TOKEN_HEADER } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  createOpenChoreoClientService,
  openchoreoClientServiceRef,
} from '@openchoreo-ci/plugin-openchoreo-node';
import type { Server } from 'node:http';
import request from 'supertest';
import { openchoreoPlugin } from './plugin';

const API = '/api/openchoreo/entities/component/default';
const GITHUB_REPO = 'openchoreo/sample-workloads';
const GITLAB_PROJECT = 'openchoreo-demo/checkout-api';

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'openchoreo.io/namespace': 'default',
        'openchoreo.io/component': name,
        ...annotations,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'guests' },
  };
}

/**
 * External CI with user tokens: the portal re-runs GitHub Actions runs and GitLab pipelines
 * with its OWN token, so OpenChoreo decides first, as for Build now (CiAccessGate).
 */
describe('External CI access: OpenChoreo decides before the portal uses its own token', () => {
  let devstack: Devstack;
  let server: Server;
  let stop: () => Promise<void>;
  const tokens: Record<string, string> = {};
  /** When set, OpenChoreo's authz evaluate answers 404 (an OpenChoreo that cannot decide). */
  let evaluateUnavailable = false;

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
    const openchoreo = {
      baseUrl: `${devstack.api.url}/api/v1`,
      requestTimeoutMs: 5000,
      auth: {
        tokenUrl: devstack.idp.tokenUrl,
        ...devstack.idp.clients.portal,
        userTokens: true,
      },
      cache: { statusTtlMs: 0 },
    };
    const fetchWithFaults = (async (
      input: Parameters<typeof fetch>[0],
      init?: RequestInit,
    ) => {
      const req = new Request(input, init);
      if (evaluateUnavailable && req.url.includes('/authz/evaluates')) {
        return new Response('404 page not found', { status: 404 });
      }
      return fetch(req);
    }) as typeof fetch;
    const backend = await startTestBackend({
      features: [
        openchoreoPlugin,
        mockServices.rootConfig.factory({
          data: {
            openchoreo,
            integrations: {
              github: [
                {
                  host: new URL(devstack.github.url).host,
                  apiBaseUrl: devstack.github.enterpriseApiUrl,
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
          },
        }),
        // The portal's own policy allows everything: only OpenChoreo refuses here.
        mockServices.permissions.factory(),
        mockServices.events.mock({ publish: async () => undefined }).factory,
        catalogServiceMock.factory({
          entities: [
            component('storefront-web', {
              'github.com/project-slug': GITHUB_REPO,
            }),
            component('checkout-api', {
              'gitlab.com/project-slug': GITLAB_PROJECT,
            }),
          ],
        }),
        createServiceFactory({
          service: openchoreoClientServiceRef,
          deps: {},
          factory: () =>
            createOpenChoreoClientService(openchoreo, {
              logger: mockServices.logger.mock(),
              fetch: fetchWithFaults,
            }),
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });
  afterAll(async () => {
    await stop?.();
    await devstack?.close();
  });
  afterEach(() => {
    evaluateUnavailable = false;
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
      get: (path: string) => auth(request(server).get(`${API}${path}`)),
      post: (path: string) => auth(request(server).post(`${API}${path}`)),
    };
  };

  /** The emulators' own state, read with the portal's token straight from them. */
  const githubRuns = async (): Promise<
    Array<{ id: number; status: string; run_attempt: number }>
  > => {
    const res = await fetch(
      `${devstack.github.enterpriseApiUrl}/repos/${GITHUB_REPO}/actions/runs?per_page=100`,
      { headers: { Authorization: `Bearer ${devstack.github.tokens.write}` } },
    );
    return (await res.json()).workflow_runs;
  };
  const gitlabPipelines = async (): Promise<
    Array<{ id: number; status: string }>
  > => {
    const res = await fetch(
      `${devstack.gitlab.apiUrl}/projects/${encodeURIComponent(
        GITLAB_PROJECT,
      )}/pipelines?per_page=100`,
      { headers: { 'PRIVATE-TOKEN': devstack.gitlab.tokens.write } },
    );
    return res.json();
  };
  const completedGithubRun = async () =>
    (await githubRuns()).find(r => r.status === 'completed')!;
  const failedPipeline = async () =>
    (await gitlabPipelines()).find(p => p.status === 'failed')!;

  it('shows the runs to a viewer who may see the component', async () => {
    const res = await as('viewer').get('/storefront-web/ci-runs');
    expect(res.status).toBe(200);
    expect(res.body.runs.length).toBeGreaterThan(0);
  });

  it('shows an outsider no run data: OpenChoreo hides the component (403/404)', async () => {
    for (const name of ['storefront-web', 'checkout-api']) {
      const res = await as('outsider').get(`/${name}/ci-runs`);
      expect([403, 404]).toContain(res.status);
      expect(res.body.runs).toBeUndefined();
      expect(res.body.error.message).toContain(`"default/${name}"`);
    }
  });

  it.each(['viewer', 'outsider'])(
    "refuses the %s's re-run with 403 and leaves the GitHub run and the GitLab pipeline as they were",
    async user => {
      const run = await completedGithubRun();
      const pipeline = await failedPipeline();
      const githubBefore = await githubRuns();
      const gitlabBefore = await gitlabPipelines();

      const rerun = await as(user).post(
        `/storefront-web/ci-runs/${run.id}/rerun`,
      );
      const retry = await as(user).post(
        `/checkout-api/ci-runs/${pipeline.id}/rerun`,
      );

      expect([403, 404]).toContain(rerun.status);
      expect([403, 404]).toContain(retry.status);
      // The viewer is told OpenChoreo's reason; the outsider is told the component is hidden.
      expect(rerun.body.error.message).toMatch(
        {
          viewer:
            /^OpenChoreo does not allow you to start builds in namespace "default" \(.*viewers.*\)\. Ask a platform engineer for access\.$/,
          outsider: /"default\/storefront-web"/,
        }[user]!,
      );
      expect(await githubRuns()).toEqual(githubBefore);
      expect(await gitlabPipelines()).toEqual(gitlabBefore);
    },
  );

  it('refuses a re-run when OpenChoreo cannot decide, even for a developer, and changes nothing', async () => {
    const run = await completedGithubRun();
    const before = await githubRuns();
    evaluateUnavailable = true;
    const res = await as('developer').post(
      `/storefront-web/ci-runs/${run.id}/rerun`,
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      'OpenChoreo could not tell whether you may start builds of component "default/storefront-web"',
    );
    expect(await githubRuns()).toEqual(before);
    // The actions route tells the same up front.
    const actions = await request(server)
      .get('/api/openchoreo/components/default/storefront-web/actions')
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/developer'),
      )
      .set(OPENCHOREO_USER_TOKEN_HEADER, tokens.developer);
    expect(actions.body.externalCiBuild).toMatchObject({ allowed: false });
  });

  it("re-runs a developer's GitHub run and GitLab pipeline", async () => {
    const run = await completedGithubRun();
    const pipeline = await failedPipeline();
    const rerun = await as('developer').post(
      `/storefront-web/ci-runs/${run.id}/rerun`,
    );
    expect(rerun.status).toBe(201);
    const after = (await githubRuns()).find(r => r.id === run.id)!;
    expect(after.run_attempt).toBe(run.run_attempt + 1);
    const retry = await as('developer').post(
      `/checkout-api/ci-runs/${pipeline.id}/rerun`,
    );
    expect(retry.status).toBe(201);
    const retried = (await gitlabPipelines()).find(p => p.id === pipeline.id)!;
    expect(retried.status).not.toBe('failed');
  });
});
