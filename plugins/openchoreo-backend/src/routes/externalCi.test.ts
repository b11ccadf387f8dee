import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import {
  startTestDevstack,
  type TestDevstack,
} from '../__testUtils__/devstack';
import {
  startOpenChoreoTestBackend,
  type OpenChoreoTestBackend,
} from '../__testUtils__/testBackend';

const USER = mockCredentials.user.header();
const API = '/api/openchoreo';

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

const ENTITIES = [
  component('storefront-web', {
    'github.com/project-slug': 'openchoreo/sample-workloads',
  }),
  component('checkout-api', {
    'gitlab.com/project-slug': 'openchoreo-demo/checkout-api',
  }),
  component('checkout-by-id', { 'gitlab.com/project-id': '4242' }),
  // Slugs that would address another repository or project once a URL normalises them.
  component('dot-dot-github', {
    'github.com/project-slug': 'openchoreo/..',
  }),
  component('dot-dot-gitlab', {
    'gitlab.com/project-slug': 'openchoreo-demo/../checkout-api',
  }),
  component('bad-gitlab-id', { 'gitlab.com/project-id': '42/../4242' }),
  component('inventory-api', {
    'jenkins.io/job-full-name': 'demo-project/inventory-api',
  }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'not-in-openchoreo',
      namespace: 'default',
      annotations: { 'github.com/project-slug': 'openchoreo/sample-workloads' },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'guests' },
  },
];

describe('GitHub Actions and GitLab CI routes', () => {
  let stack: TestDevstack;
  let backend: OpenChoreoTestBackend | undefined;

  const start = async (deny: string[] = []) => {
    await backend?.stop();
    const { devstack } = stack;
    backend = await startOpenChoreoTestBackend({
      baseUrl: devstack.api.url,
      tokenUrl: devstack.idp.tokenUrl,
      ...devstack.idp.clients.portal,
      deny,
      extraConfig: {
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
      features: [catalogServiceMock.factory({ entities: ENTITIES })],
    });
    return backend;
  };
  const get = (path: string) =>
    request(backend!.server).get(`${API}${path}`).set('Authorization', USER);
  const post = (path: string) =>
    request(backend!.server).post(`${API}${path}`).set('Authorization', USER);

  beforeAll(async () => {
    stack = await startTestDevstack();
    await start();
  });
  afterAll(async () => {
    await backend?.stop();
    await stack?.devstack.close();
  });

  it('serves the GitHub Actions runs of an entity, checking the build read permission', async () => {
    backend!.authorizeRequests.length = 0;
    const res = await get(
      '/entities/component/default/storefront-web/ci-runs?perPage=3',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'ok',
      platform: 'github-actions',
      project: { slug: 'openchoreo/sample-workloads' },
      page: 1,
      perPage: 3,
      hasNextPage: true,
      canRerun: true,
    });
    expect(res.body.runs).toHaveLength(3);
    expect(res.body.runs[0]).toMatchObject({
      status: 'running',
      pipeline: 'Build and publish',
    });
    expect(res.text).not.toContain(stack.devstack.github.tokens.write);
    expect(backend!.authorizeRequests).toEqual([
      {
        permission: expect.objectContaining({
          name: 'openchoreo.workflowrun.read',
        }),
        resourceRef: 'component:default/storefront-web',
      },
    ]);
  });

  it('serves the GitLab pipelines by project path and by project id', async () => {
    const byPath = await get(
      '/entities/component/default/checkout-api/ci-runs',
    );
    const byId = await get(
      '/entities/component/default/checkout-by-id/ci-runs',
    );
    expect(byPath.status).toBe(200);
    expect(byPath.body.state).toBe('ok');
    expect(byPath.body.runs.map((r: { status: string }) => r.status)).toEqual(
      expect.arrayContaining(['succeeded', 'failed', 'running']),
    );
    expect(byId.body.project.slug).toBe('4242');
    expect(byId.body.runs.map((r: { id: string }) => r.id)).toEqual(
      byPath.body.runs.map((r: { id: string }) => r.id),
    );
    expect(byPath.text).not.toContain(stack.devstack.gitlab.tokens.write);
  });

  it('answers 404 for an entity the catalog does not have, 400 for one without GitHub or GitLab', async () => {
    const missing = await get('/entities/component/default/nothing/ci-runs');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('component:default/nothing');
    const jenkins = await get(
      '/entities/component/default/inventory-api/ci-runs',
    );
    expect(jenkins.status).toBe(400);
    expect(jenkins.body.error.message).toContain(
      'not built by GitHub Actions or GitLab CI',
    );
  });

  it('refuses (403, no runs) an entity that is not an OpenChoreo component: OpenChoreo cannot decide who may use its CI', async () => {
    const read = await get(
      '/entities/component/default/not-in-openchoreo/ci-runs',
    );
    expect(read.status).toBe(403);
    expect(read.body.error.message).toContain(
      'component:default/not-in-openchoreo is not an OpenChoreo component',
    );
    expect(read.body.runs).toBeUndefined();
    const rerun = await post(
      '/entities/component/default/not-in-openchoreo/ci-runs/1/rerun',
    );
    expect(rerun.status).toBe(403);
    expect(rerun.body.error.message).toContain('not an OpenChoreo component');
  });

  it('refuses "." and ".." segments and a non-numeric project id before any GitHub or GitLab call', async () => {
    for (const name of ['dot-dot-github', 'dot-dot-gitlab', 'bad-gitlab-id']) {
      const read = await get(`/entities/component/default/${name}/ci-runs`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        state: 'unavailable',
        reason: 'not-found',
      });
      // The identifier's own message, not the platform's answer for the address it would make.
      expect(read.body.message).toMatch(
        /annotation is not usable: .*(not a GitHub repository slug|not a GitLab project path|not a GitLab project id)/,
      );
      expect(read.body.runs).toBeUndefined();
      const rerun = await post(
        `/entities/component/default/${name}/ci-runs/1/rerun`,
      );
      expect(rerun.status).toBe(404);
      expect(rerun.body.error.message).toContain('annotation is not usable');
    }
  });

  it('checks the paging parameters', async () => {
    const res = await get(
      '/entities/component/default/storefront-web/ci-runs?perPage=500',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('Invalid perPage "500"');
  });

  it('re-runs a failed run (201) and refuses a run id that is not a number', async () => {
    const runs = await get(
      '/entities/component/default/checkout-api/ci-runs?perPage=10',
    );
    const failed = runs.body.runs.find(
      (r: { status: string }) => r.status === 'failed',
    );
    const res = await post(
      `/entities/component/default/checkout-api/ci-runs/${failed.id}/rerun`,
    );
    expect(res.status).toBe(201);
    expect(res.body.run).toMatchObject({ id: failed.id });
    expect(['queued', 'running']).toContain(res.body.run.status);
    const after = await get(
      '/entities/component/default/checkout-api/ci-runs?perPage=10',
    );
    expect(
      after.body.runs.find((r: { id: string }) => r.id === failed.id).status,
    ).not.toBe('failed');

    const bad = await post(
      '/entities/component/default/checkout-api/ci-runs/abc/rerun',
    );
    expect(bad.status).toBe(400);
  });

  it('lists GitHub Actions and GitLab CI in /ci-integrations without tokens', async () => {
    const res = await get('/ci-integrations');
    expect(res.status).toBe(200);
    expect(res.body.integrations).toEqual(
      expect.arrayContaining([
        {
          platform: 'github-actions',
          configured: true,
          baseUrl: stack.devstack.github.enterpriseApiUrl,
        },
        {
          platform: 'gitlab-ci',
          configured: true,
          baseUrl: stack.devstack.gitlab.apiUrl,
        },
      ]),
    );
    expect(res.text).not.toContain('ghp_');
    expect(res.text).not.toContain('glpat-');
  });

  it('answers 403 without the build permissions', async () => {
    await start([
      'openchoreo.workflowrun.read',
      'openchoreo.workflowrun.create',
    ]);
    const read = await get(
      '/entities/component/default/storefront-web/ci-runs',
    );
    expect(read.status).toBe(403);
    expect(read.body.error.message).toContain('openchoreo.workflowrun.read');
    const rerun = await post(
      '/entities/component/default/storefront-web/ci-runs/1/rerun',
    );
    expect(rerun.status).toBe(403);
  });
});
