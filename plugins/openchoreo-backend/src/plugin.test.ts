import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startTestDevstack, type TestDevstack } from './__testUtils__/devstack';
import {
  startOpenChoreoTestBackend,
  type OpenChoreoTestBackend,
} from './__testUtils__/testBackend';
import {
  startUpstreamProxy,
  type UpstreamProxy,
} from './__testUtils__/upstreamProxy';

const USER = mockCredentials.user.header();
const API = '/api/openchoreo';

describe('openchoreo backend routes against the devstack', () => {
  let stack: TestDevstack;
  let proxy: UpstreamProxy;
  let backend: OpenChoreoTestBackend;

  beforeAll(async () => {
    stack = await startTestDevstack();
    proxy = await startUpstreamProxy(stack.devstack.api.url);
    backend = await startOpenChoreoTestBackend({
      baseUrl: `${proxy.url}/api/v1`,
      tokenUrl: stack.devstack.idp.tokenUrl,
      ...stack.devstack.idp.clients.portal,
      statusTtlMs: 0,
      extraConfig: {
        jenkins: {
          baseUrl: 'http://jenkins.example.com',
          apiKey: 'placeholder',
        },
      },
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await proxy?.close();
    await stack?.devstack.close();
  });
  beforeEach(() => {
    proxy.reset();
    backend.authorizeRequests.length = 0;
    backend.events.publish.mockClear();
  });

  const get = (path: string) =>
    request(backend.server).get(`${API}${path}`).set('Authorization', USER);

  describe('components', () => {
    it('returns component, workload and latest runs in one call', async () => {
      const res = await get('/components/default/greeting-service/summary');
      expect(res.status).toBe(200);
      expect(res.body.component).toMatchObject({
        namespace: 'default',
        name: 'greeting-service',
        project: 'demo-project',
        entityRef: 'component:default/greeting-service',
        ci: {
          type: 'built-in',
          workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
        },
      });
      expect(res.body.workload.image).toContain('greeting-service');
      const runs = res.body.latestRuns;
      expect(runs.length).toBeGreaterThanOrEqual(2);
      const names = runs.map((r: { name: string }) => r.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'greeting-service-run-5e6f7a8b',
          'greeting-service-run-1a2b3c4d',
        ]),
      );
      const created = runs.map((r: { createdAt: string }) => r.createdAt);
      expect([...created].sort().reverse()).toEqual(created);
      expect(
        runs.find(
          (r: { name: string }) => r.name === 'greeting-service-run-1a2b3c4d',
        ),
      ).toMatchObject({ status: 'Failed', message: 'Step build-image failed' });
      expect(
        runs.find(
          (r: { name: string }) => r.name === 'greeting-service-run-5e6f7a8b',
        ),
      ).toMatchObject({
        status: 'Succeeded',
        image: expect.stringContaining(':4f1c2a9'),
      });
      expect(backend.authorizeRequests).toEqual([
        {
          permission: expect.objectContaining({
            name: 'openchoreo.workflowrun.read',
          }),
          resourceRef: 'component:default/greeting-service',
        },
      ]);
    });

    it('describes an External CI component', async () => {
      const res = await get('/components/default/inventory-api/summary');
      expect(res.status).toBe(200);
      expect(res.body.component.ci).toEqual({
        type: 'external',
        platform: 'jenkins',
      });
      expect(res.body.latestRuns).toEqual([]);
    });

    it('shows workload names but never values, plain or secret', async () => {
      const [workload] = await stack.client.workloads.listAll('default', {
        component: 'inventory-api',
      });
      await stack.client.workloads.replace('default', workload.metadata.name, {
        ...workload,
        spec: {
          ...workload.spec,
          container: {
            image: 'registry.example.com/inventory-api:42',
            env: [
              { key: 'LOG_LEVEL', value: 'plain-value-7731' },
              {
                key: 'DB_PASSWORD',
                valueFrom: {
                  secretKeyRef: { name: 'db-secret-5521', key: 'pw-key-9912' },
                },
              },
            ],
            files: [
              {
                key: 'config.yaml',
                mountPath: '/etc/app',
                value: 'file-content-3310',
              },
            ],
          },
        },
      });
      const res = await get('/components/default/inventory-api/workload');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        image: 'registry.example.com/inventory-api:42',
        env: [
          { name: 'LOG_LEVEL', source: 'value' },
          { name: 'DB_PASSWORD', source: 'secret' },
        ],
        files: [
          { name: 'config.yaml', source: 'value', mountPath: '/etc/app' },
        ],
        endpoints: [expect.objectContaining({ name: 'http', port: 8080 })],
      });
      const text = JSON.stringify(res.body);
      for (const leaked of [
        'plain-value-7731',
        'db-secret-5521',
        'pw-key-9912',
        'file-content-3310',
      ]) {
        expect(text).not.toContain(leaked);
      }
    });

    it('answers 404 for a missing component with the upstream message', async () => {
      const res = await get('/components/default/no-such-component/summary');
      expect(res.status).toBe(404);
      expect(res.body.error.name).toBe('NotFoundError');
      expect(res.body.error.message).toContain('Component not found');
    });
  });

  describe('input validation', () => {
    it.each([
      [
        '/components/Default/greeting-service/summary',
        'Invalid namespace "Default"',
      ],
      ['/components/default/bad_name/workload', 'Invalid component "bad_name"'],
      [
        `/components/default/${'a'.repeat(64)}/summary`,
        'at most 63 characters',
      ],
      [
        '/components/default/greeting-service/workflow-runs?limit=0',
        'Invalid limit',
      ],
      ['/workflow-runs/default/Run_1/logs', 'Invalid run "Run_1"'],
      [
        '/workflow-runs/default/greeting-service-run-5e6f7a8b/logs?sinceSeconds=abc',
        'Invalid sinceSeconds',
      ],
      ['/component-types/Foo/service/workflows', 'Invalid kind'],
    ])('rejects %s', async (path, message) => {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(message);
      expect(proxy.counts.size).toBe(0);
    });
  });

  describe('auth', () => {
    it('rejects unauthenticated callers with 401 before any upstream call', async () => {
      for (const path of [
        '/components/default/greeting-service/summary',
        '/namespaces',
        '/ci-integrations',
      ]) {
        const res = await request(backend.server)
          .get(`${API}${path}`)
          .set('Authorization', mockCredentials.none.header());
        expect(res.status).toBe(401);
      }
      const post = await request(backend.server)
        .post(`${API}/components/default/greeting-service/workflow-runs`)
        .set('Authorization', mockCredentials.none.header());
      expect(post.status).toBe(401);
      expect(proxy.counts.size).toBe(0);
    });

    it('accepts only users, not other backend services', async () => {
      const res = await request(backend.server)
        .get(`${API}/components/default/greeting-service/summary`)
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(403);
      expect(proxy.counts.size).toBe(0);
    });
  });

  describe('workflow runs', () => {
    it('pages through a component’s runs', async () => {
      const first = await get(
        '/components/default/greeting-service/workflow-runs?limit=1',
      );
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await get(
        `/components/default/greeting-service/workflow-runs?limit=1&cursor=${encodeURIComponent(
          first.body.nextCursor,
        )}`,
      );
      expect(second.status).toBe(200);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.items[0].name).not.toBe(first.body.items[0].name);
    });

    it('returns a run with its steps', async () => {
      const res = await get(
        '/workflow-runs/default/greeting-service-run-1a2b3c4d',
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: 'greeting-service-run-1a2b3c4d',
        component: 'greeting-service',
        project: 'demo-project',
        status: 'Failed',
      });
      expect(res.body.steps).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'build-image', phase: 'Failed' }),
        ]),
      );
      expect(backend.authorizeRequests[0].resourceRef).toBe(
        'component:default/greeting-service',
      );
    });

    it('answers 404 for a missing run', async () => {
      const res = await get('/workflow-runs/default/no-such-run');
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain('not found');
    });

    it('starts a build with the component’s workflow, then serves its logs and events', async () => {
      const res = await request(backend.server)
        .post(`${API}/components/default/greeting-service/workflow-runs`)
        .set('Authorization', USER);
      expect(res.status).toBe(201);
      expect(res.body.replayed).toBe(false);
      const name: string = res.body.run.name;
      expect(name).toMatch(/^greeting-service-run-[0-9a-f]{8}$/);
      expect(backend.authorizeRequests[0]).toMatchObject({
        permission: { name: 'openchoreo.workflowrun.create' },
        resourceRef: 'component:default/greeting-service',
      });

      const [run, component] = await Promise.all([
        stack.client.workflowRuns.get('default', name),
        stack.client.components.get('default', 'greeting-service'),
      ]);
      expect(run.metadata.labels).toMatchObject({
        'openchoreo.dev/project': 'demo-project',
        'openchoreo.dev/component': 'greeting-service',
      });
      expect(run.spec?.workflow).toEqual(component.spec?.workflow);

      let status = '';
      for (let i = 0; i < 100 && status !== 'Succeeded'; i++) {
        const details = await get(`/workflow-runs/default/${name}`);
        status = details.body.status;
        if (status === 'Failed') throw new Error(JSON.stringify(details.body));
        await new Promise(r => setTimeout(r, 100));
      }
      expect(status).toBe('Succeeded');
      const logs = await get(`/workflow-runs/default/${name}/logs`);
      expect(logs.status).toBe(200);
      expect(logs.body.items.length).toBeGreaterThan(0);
      expect(logs.body.items[0]).toEqual(
        expect.objectContaining({ log: expect.any(String) }),
      );
      const events = await get(`/workflow-runs/default/${name}/events`);
      expect(events.status).toBe(200);
      expect(Array.isArray(events.body.items)).toBe(true);
    });

    it('refuses to start a build of an External CI component', async () => {
      const res = await request(backend.server)
        .post(`${API}/components/default/inventory-api/workflow-runs`)
        .set('Authorization', USER);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('External CI');
      expect(
        proxy.count('POST', '/api/v1/namespaces/default/workflowruns'),
      ).toBe(0);
    });

    it('starts one build per Idempotency-Key, per user', async () => {
      const post = (key: string, user = USER) =>
        request(backend.server)
          .post(`${API}/components/default/greeting-service/workflow-runs`)
          .set('Authorization', user)
          .set('Idempotency-Key', key);
      const [a, b] = await Promise.all([post('key-1'), post('key-1')]);
      const c = await post('key-1');
      expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
      expect(
        new Set([a.body.run.name, b.body.run.name, c.body.run.name]).size,
      ).toBe(1);
      expect(c.body.replayed).toBe(true);
      expect(c.headers['idempotent-replayed']).toBe('true');
      expect(
        proxy.count('POST', '/api/v1/namespaces/default/workflowruns'),
      ).toBe(1);

      const other = await post('key-2');
      const otherUser = await post(
        'key-1',
        mockCredentials.user.header('user:default/someone-else'),
      );
      expect(other.body.run.name).not.toBe(a.body.run.name);
      expect(otherUser.body.run.name).not.toBe(a.body.run.name);
      expect(
        proxy.count('POST', '/api/v1/namespaces/default/workflowruns'),
      ).toBe(3);
    });
  });

  describe('annotations', () => {
    const path = '/components/default/inventory-api/annotations';
    const put = (body: unknown) =>
      request(backend.server)
        .put(`${API}${path}`)
        .set('Authorization', USER)
        .send(body as object);

    it('splits editable and reserved annotations', async () => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.body.annotations).toEqual({
        'jenkins.io/job-full-name': 'demo-project/inventory-api',
      });
      expect(res.body.reserved).toMatchObject({
        'openchoreo.dev/display-name': 'Inventory API',
      });
    });

    it('replaces editable annotations, keeps reserved ones and publishes the change', async () => {
      const before = (await get(path)).body;
      const res = await put({
        expected: before.annotations,
        annotations: {
          'jenkins.io/job-full-name': 'demo-project/inventory-api-v2',
          team: 'payments',
        },
      });
      expect(res.status).toBe(200);
      expect(res.body.annotations).toEqual({
        'jenkins.io/job-full-name': 'demo-project/inventory-api-v2',
        team: 'payments',
      });
      const stored = await stack.client.components.get(
        'default',
        'inventory-api',
      );
      expect(stored.metadata.annotations).toEqual({
        ...before.reserved,
        'jenkins.io/job-full-name': 'demo-project/inventory-api-v2',
        team: 'payments',
      });
      expect(backend.events.publish).toHaveBeenCalledWith({
        topic: 'openchoreo.component.changed',
        eventPayload: { namespace: 'default', component: 'inventory-api' },
      });
      expect(backend.authorizeRequests.at(-1)).toMatchObject({
        permission: { name: 'openchoreo.annotations.update' },
        resourceRef: 'component:default/inventory-api',
      });
    });

    it('answers 409 when the annotations changed since the client read them', async () => {
      const res = await put({
        expected: { 'jenkins.io/job-full-name': 'something-stale' },
        annotations: { team: 'x' },
      });
      expect(res.status).toBe(409);
      expect(res.body.error.name).toBe('ConflictError');
      expect(res.body.error.message).toContain('jenkins.io/job-full-name');
      expect(backend.events.publish).not.toHaveBeenCalled();
    });

    it('lets exactly one of two concurrent edits win; the other gets 409 (no lost update)', async () => {
      const before = (await get(path)).body;
      const [a, b] = await Promise.all([
        put({ expected: before.annotations, annotations: { owner: 'alice' } }),
        put({ expected: before.annotations, annotations: { owner: 'bob' } }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const winner = a.status === 200 ? 'alice' : 'bob';
      const stored = await stack.client.components.get(
        'default',
        'inventory-api',
      );
      expect(stored.metadata.annotations?.owner).toBe(winner);
      expect(
        proxy.count(
          'PUT',
          '/api/v1/namespaces/default/components/inventory-api',
        ),
      ).toBe(1);
    });

    it.each([
      [
        { 'openchoreo.dev/display-name': 'Hacked' },
        'cannot change openchoreo.dev/display-name',
      ],
      [
        { 'backstage.io/techdocs-ref': 'dir:.' },
        'cannot set backstage.io/techdocs-ref',
      ],
    ])('rejects reserved annotations %j', async (extra, message) => {
      const before = (await get(path)).body;
      const res = await put({
        expected: before.annotations,
        annotations: { ...before.annotations, ...extra },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      expect(
        proxy.count(
          'PUT',
          '/api/v1/namespaces/default/components/inventory-api',
        ),
      ).toBe(0);
    });

    it('rejects removing a reserved annotation and malformed bodies', async () => {
      const before = (await get(path)).body;
      const removal = await put({
        expected: {
          ...before.annotations,
          'openchoreo.dev/display-name': 'Inventory API',
        },
        annotations: before.annotations,
      });
      expect(removal.status).toBe(400);
      expect(removal.body.error.message).toContain(
        'cannot remove openchoreo.dev/display-name',
      );
      const malformed = await put({ annotations: { 'bad key!': 'x' } });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toContain('Invalid expected');
    });
  });

  describe('wizard data', () => {
    it('lists namespaces, projects and component types', async () => {
      const namespaces = await get('/namespaces');
      expect(namespaces.status).toBe(200);
      expect(namespaces.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'default' })]),
      );
      const projects = await get('/namespaces/default/projects');
      expect(projects.body.items).toEqual(
        expect.arrayContaining([
          { name: 'demo-project', displayName: 'Demo Project' },
        ]),
      );
      const types = await get('/namespaces/default/component-types');
      expect(types.status).toBe(200);
      expect(types.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'ClusterComponentType',
            name: 'service',
            componentTypeName: 'deployment/service',
          }),
        ]),
      );
    });

    it('lists only allowed component workflows of a type', async () => {
      const res = await get(
        '/component-types/ClusterComponentType/service/workflows',
      );
      expect(res.status).toBe(200);
      const names = res.body.items.map((w: { name: string }) => w.name);
      expect(names).toContain('dockerfile-builder');
      expect(res.body.items[0].kind).toBe('ClusterWorkflow');

      // A workflow without the component label is not offered.
      const real = await stack.client.clusterWorkflows.get(
        'dockerfile-builder',
      );
      proxy.rules.push({
        method: 'GET',
        path: /\/clusterworkflows\/dockerfile-builder$/,
        respond: {
          status: 200,
          body: { ...real, metadata: { ...real.metadata, labels: {} } },
        },
      });
      const filtered = await get(
        '/component-types/ClusterComponentType/service/workflows',
      );
      expect(
        filtered.body.items.map((w: { name: string }) => w.name),
      ).not.toContain('dockerfile-builder');
      expect(filtered.body.items.length).toBe(names.length - 1);
    });

    it('requires a namespace for namespaced kinds and serves workflow schemas', async () => {
      const missing = await get(
        '/component-types/ComponentType/service/workflows',
      );
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toContain('"namespace" is required');
      const schema = await get(
        '/workflows/ClusterWorkflow/dockerfile-builder/schema',
      );
      expect(schema.status).toBe(200);
      expect(typeof schema.body).toBe('object');
      expect(Object.keys(schema.body).length).toBeGreaterThan(0);
    });

    it('reports a placeholder Jenkins key and missing GitHub/GitLab tokens as not configured, without secrets', async () => {
      const res = await get('/ci-integrations');
      expect(res.status).toBe(200);
      expect(res.body.integrations).toEqual([
        {
          platform: 'jenkins',
          configured: false,
          reason: 'jenkins.apiKey is empty or a placeholder',
        },
        {
          platform: 'github-actions',
          configured: false,
          reason: expect.stringContaining('integrations.github[]'),
        },
        {
          platform: 'gitlab-ci',
          configured: false,
          reason: expect.stringContaining('integrations.gitlab[]'),
        },
      ]);
    });
  });
});
