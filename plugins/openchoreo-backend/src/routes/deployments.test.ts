import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  ComponentDeploymentsResponse,
  EnvironmentDeployment,
} from '@openchoreo-ci/plugin-openchoreo-common';
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
const PROJECT = 'demo-project';
const GITOPS_ANNOTATION = 'openchoreo-ci.dev/gitops-repository';

describe('GET /components/:namespace/:component/deployments, against the devstack', () => {
  let stack: TestDevstack;
  let backend: OpenChoreoTestBackend;

  beforeAll(async () => {
    stack = await startTestDevstack();
    const { devstack } = stack;
    backend = await startOpenChoreoTestBackend({
      baseUrl: devstack.api.url,
      tokenUrl: devstack.idp.tokenUrl,
      ...devstack.idp.clients.portal,
      statusTtlMs: 0,
      extraConfig: {
        openchoreo: {
          baseUrl: devstack.api.url,
          auth: {
            tokenUrl: devstack.idp.tokenUrl,
            ...devstack.idp.clients.portal,
          },
          cache: { statusTtlMs: 0 },
          externalCi: { cacheTtlMs: 0 },
        },
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
      },
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await stack?.devstack.close();
  });

  const store = () => stack.devstack.api.store;

  /** An External CI component of demo-project (pipeline default: development → staging → production). */
  function createComponent(
    name: string,
    options: { autoDeploy: boolean; annotations?: Record<string, string> },
  ) {
    store().create({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        labels: { 'openchoreo.dev/project': PROJECT },
        annotations: options.annotations ?? {},
      },
      spec: {
        owner: { projectName: PROJECT },
        componentType: {
          kind: 'ClusterComponentType',
          name: 'deployment/service',
        },
        autoDeploy: options.autoDeploy,
      },
    });
  }

  /** What the publisher does: create or replace the component's Workload. */
  function publish(component: string, image: string) {
    const name = `${component}-workload`;
    const workload = {
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'Workload',
      metadata: { name, namespace: 'default' },
      spec: {
        owner: { projectName: PROJECT, componentName: component },
        container: { image },
        endpoints: {
          http: { type: 'HTTP', port: 8080, visibility: ['external'] },
        },
      },
    };
    if (store().get('Workload', 'default', name)) store().replace(workload);
    else store().create(workload);
  }

  async function deployments(
    component: string,
  ): Promise<ComponentDeploymentsResponse> {
    const res = await request(backend.server)
      .get(`/api/openchoreo/components/default/${component}/deployments`)
      .set('Authorization', USER);
    expect(res.status).toBe(200);
    return res.body;
  }

  /** Reads the route until `check` holds (the devstack rolls out on its fast clock). */
  async function deploymentsUntil(
    component: string,
    check: (body: ComponentDeploymentsResponse) => boolean,
  ): Promise<ComponentDeploymentsResponse> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const body = await deployments(component);
      if (check(body)) return body;
      if (Date.now() > deadline) {
        throw new Error(
          `deployments of ${component} never matched: ${JSON.stringify(body)}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }
  const first = (body: ComponentDeploymentsResponse): EnvironmentDeployment =>
    body.environments[0];

  it('shows the new release ready in the first environment, the others not deployed, in pipeline order', async () => {
    createComponent('deploy-ready', { autoDeploy: true });
    publish('deploy-ready', 'registry.example.com/deploy-ready:1');
    const body = await deploymentsUntil(
      'deploy-ready',
      b => first(b).state === 'ready',
    );
    const release = store().get('Component', 'default', 'deploy-ready')?.status
      ?.latestRelease as { name: string };
    expect(body).toMatchObject({
      namespace: 'default',
      component: 'deploy-ready',
      project: PROJECT,
      pipeline: { name: 'default', displayName: 'Default Pipeline' },
      autoDeploy: true,
      latestBuild: {
        state: 'deployed',
        image: 'registry.example.com/deploy-ready:1',
        release: release.name,
        environment: 'development',
        message: `The latest build is ready in Development (release ${release.name}).`,
      },
    });
    expect(body.environments.map(e => [e.environment, e.state])).toEqual([
      ['development', 'ready'],
      ['staging', 'not-deployed'],
      ['production', 'not-deployed'],
    ]);
    expect(first(body)).toMatchObject({
      displayName: 'Development',
      isProduction: false,
      binding: 'deploy-ready-development',
      release: {
        name: release.name,
        image: 'registry.example.com/deploy-ready:1',
        current: true,
      },
      reason: 'Ready',
      endpoints: [
        {
          name: 'http',
          url: 'http://deploy-ready-development-default.openchoreo.localhost:19080/',
        },
      ],
    });
    expect(body.environments[2]).toMatchObject({
      displayName: 'Production',
      isProduction: true,
      message: 'Not promoted here yet: releases reach production by promotion.',
    });
    expect(body.gitops).toBeUndefined();
  });

  it('shows a rollout in progress as progressing, and the latest build as deploying', async () => {
    createComponent('deploy-slow', { autoDeploy: true });
    stack.devstack.deployments.stallNextDeployment('deploy-slow');
    publish('deploy-slow', 'registry.example.com/deploy-slow:1');
    const body = await deploymentsUntil(
      'deploy-slow',
      b => first(b).reason === 'ResourcesProgressing',
    );
    expect(first(body)).toMatchObject({
      state: 'progressing',
      release: { current: true },
    });
    expect(first(body).message).toMatch(/^Rolling out ComponentRelease/);
    expect(body.latestBuild).toMatchObject({
      state: 'deploying',
      message: expect.stringMatching(
        /^The latest build is rolling out to Development/,
      ),
    });
  });

  it('shows a failed rollout with its reason and what to do', async () => {
    createComponent('deploy-fail', { autoDeploy: true });
    stack.devstack.deployments.failNextDeployment(
      'deploy-fail',
      'Back-off pulling image "registry.example.com/deploy-fail:1"',
    );
    publish('deploy-fail', 'registry.example.com/deploy-fail:1');
    const body = await deploymentsUntil(
      'deploy-fail',
      b => first(b).state === 'failed',
    );
    expect(first(body)).toMatchObject({
      reason: 'ResourcesDegraded',
      message: 'Back-off pulling image "registry.example.com/deploy-fail:1"',
    });
    expect(body.latestBuild).toEqual({
      state: 'failed',
      image: 'registry.example.com/deploy-fail:1',
      release: first(body).release?.name,
      environment: 'development',
      message:
        'The latest build failed to deploy to Development: ResourcesDegraded: Back-off pulling image "registry.example.com/deploy-fail:1". Fix the cause and publish again.',
    });
  });

  it('shows a component that is not deployed yet: no workload, then autoDeploy off', async () => {
    createComponent('deploy-none', { autoDeploy: false });
    const empty = await deployments('deploy-none');
    expect(empty.latestBuild).toEqual({
      state: 'no-workload',
      message:
        'No workload yet: nothing to deploy until a build publishes one.',
    });
    expect(empty.environments.every(e => e.state === 'not-deployed')).toBe(
      true,
    );
    expect(first(empty).message).toBe(
      'Nothing deployed yet: OpenChoreo binds a release here when the component has one.',
    );

    publish('deploy-none', 'registry.example.com/deploy-none:1');
    const published = await deployments('deploy-none');
    expect(published.autoDeploy).toBe(false);
    expect(published.latestBuild).toMatchObject({
      state: 'not-deployed',
      image: 'registry.example.com/deploy-none:1',
      message: expect.stringMatching(/^autoDeploy is off for this component/),
    });
  });

  it('tells that the latest build has not reached the first environment while an older release runs there', async () => {
    createComponent('deploy-old', { autoDeploy: true });
    publish('deploy-old', 'registry.example.com/deploy-old:1');
    const before = await deploymentsUntil(
      'deploy-old',
      b => b.latestBuild.state === 'deployed',
    );
    // autoDeploy off, then a new build: the first environment keeps the old release.
    const component = store().get('Component', 'default', 'deploy-old')!;
    store().replace({
      ...component,
      spec: { ...component.spec, autoDeploy: false },
    });
    publish('deploy-old', 'registry.example.com/deploy-old:2');
    const after = await deployments('deploy-old');
    expect(first(after)).toMatchObject({
      state: 'ready',
      release: {
        name: first(before).release?.name,
        image: 'registry.example.com/deploy-old:1',
        current: false,
      },
    });
    expect(after.latestBuild).toMatchObject({
      state: 'not-deployed',
      image: 'registry.example.com/deploy-old:2',
    });
  });

  describe('a GitOps-mode component (openchoreo-ci.dev/gitops-repository)', () => {
    async function openGitHubPull(head: string) {
      const { github } = stack.devstack;
      const res = await fetch(
        `${github.url}/repos/openchoreo/sample-gitops/pulls`,
        {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${github.tokens.write}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({
            title: `Publish ${head}`,
            head,
            base: 'main',
          }),
        },
      );
      expect(res.status).toBe(201);
      return (await res.json()) as { number: number; html_url: string };
    }

    it('shows the open release pull request on GitHub, ignoring other components and branches', async () => {
      createComponent('gitops-orders', {
        autoDeploy: true,
        annotations: {
          [GITOPS_ANNOTATION]: `${stack.devstack.github.url}/openchoreo/sample-gitops.git`,
        },
      });
      const none = await deployments('gitops-orders');
      expect(none.gitops).toMatchObject({
        state: 'none',
        platform: 'github',
        repository: { slug: 'openchoreo/sample-gitops' },
      });

      await openGitHubPull('release/gitops-orders-api-20260504-100000');
      await openGitHubPull('feature/gitops-orders-20260504-100000');
      const older = await openGitHubPull(
        'release/gitops-orders-20260504-101500',
      );
      const newer = await openGitHubPull(
        'release/gitops-orders-20260504-102030',
      );
      const body = await deployments('gitops-orders');
      expect(body.gitops).toEqual({
        state: 'pending',
        platform: 'github',
        repository: {
          host: new URL(stack.devstack.github.url).host,
          slug: 'openchoreo/sample-gitops',
          webUrl: `${stack.devstack.github.url}/openchoreo/sample-gitops`,
        },
        pullRequest: expect.objectContaining({
          number: newer.number,
          title: 'Publish release/gitops-orders-20260504-102030',
          url: newer.html_url,
          branch: 'release/gitops-orders-20260504-102030',
          base: 'main',
          draft: false,
        }),
        others: 1,
      });
      expect(older.number).toBeLessThan(newer.number);
      expect(JSON.stringify(body)).not.toContain(
        stack.devstack.github.tokens.write,
      );
    });

    it('shows the open release merge request on GitLab', async () => {
      const { gitlab } = stack.devstack;
      createComponent('gitops-cart', {
        autoDeploy: true,
        annotations: {
          [GITOPS_ANNOTATION]: `${gitlab.url}/openchoreo-demo/gitops`,
        },
      });
      const res = await fetch(
        `${gitlab.apiUrl}/projects/${encodeURIComponent(
          'openchoreo-demo/gitops',
        )}/merge_requests`,
        {
          method: 'POST',
          headers: {
            'PRIVATE-TOKEN': gitlab.tokens.write,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({
            title: 'Publish gitops-cart image registry.example.com/cart:7',
            source_branch: 'release/gitops-cart-20260504-102030',
            target_branch: 'main',
          }),
        },
      );
      expect(res.status).toBe(201);
      const mr = (await res.json()) as { iid: number; web_url: string };
      const body = await deployments('gitops-cart');
      expect(body.gitops).toMatchObject({
        state: 'pending',
        platform: 'gitlab',
        pullRequest: {
          number: mr.iid,
          url: mr.web_url,
          branch: 'release/gitops-cart-20260504-102030',
          base: 'main',
        },
        others: 0,
      });
    });

    it('says what to fix when the annotation is unusable, the host has no integration or the repository is unknown', async () => {
      createComponent('gitops-bad', {
        autoDeploy: true,
        annotations: { [GITOPS_ANNOTATION]: 'openchoreo/sample-gitops' },
      });
      createComponent('gitops-elsewhere', {
        autoDeploy: true,
        annotations: {
          [GITOPS_ANNOTATION]: 'https://git.example.com/acme/gitops',
        },
      });
      createComponent('gitops-missing', {
        autoDeploy: true,
        annotations: {
          [GITOPS_ANNOTATION]: `${stack.devstack.github.url}/openchoreo/no-such-repo`,
        },
      });
      expect((await deployments('gitops-bad')).gitops).toEqual({
        state: 'unavailable',
        reason: 'invalid-annotation',
        message:
          'The openchoreo-ci.dev/gitops-repository annotation is not usable: "openchoreo/sample-gitops" is not a repository URL: use e.g. https://github.com/my-org/gitops. Fix it with Edit Annotations.',
      });
      expect((await deployments('gitops-elsewhere')).gitops).toMatchObject({
        state: 'unavailable',
        reason: 'not-configured',
        message: expect.stringMatching(
          /^No GitHub or GitLab integration of this portal serves git\.example\.com/,
        ),
      });
      expect((await deployments('gitops-missing')).gitops).toMatchObject({
        state: 'unavailable',
        platform: 'github',
        reason: 'not-found',
        message: expect.stringContaining(
          'The GitOps repository openchoreo/no-such-repo was not found',
        ),
      });
    });
  });

  it('answers 404 for a component that does not exist and 403 without the catalog read permission', async () => {
    const missing = await request(backend.server)
      .get('/api/openchoreo/components/default/no-such-component/deployments')
      .set('Authorization', USER);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('no-such-component');

    const denied = await startOpenChoreoTestBackend({
      baseUrl: stack.devstack.api.url,
      tokenUrl: stack.devstack.idp.tokenUrl,
      ...stack.devstack.idp.clients.portal,
      deny: ['catalog.entity.read'],
    });
    try {
      const res = await request(denied.server)
        .get('/api/openchoreo/components/default/deploy-ready/deployments')
        .set('Authorization', USER);
      expect(res.status).toBe(403);
    } finally {
      await denied.stop();
    }
  });
});
