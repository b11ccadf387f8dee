import type { Express } from 'express';
import { createOpenChoreoApiRouter } from '../router';
import { ResourceStore } from '../store';
import { SpecValidator } from './specValidator';
import { startTestIdp, type TestIdp } from '../__testUtils__/testIdp';
import {
  contractClient,
  servedRoutes,
  type ContractClient,
} from '../__testUtils__/contractClient';
import { fakeObservability } from '../__testUtils__/fakeObservability';
import { addNamespacedTemplates } from '../__testUtils__/namespacedTemplates';

const NS = '/api/v1/namespaces/default';

let idp: TestIdp;
let app: Express;
let store: ResourceStore;
let api: ContractClient;

beforeAll(async () => {
  idp = await startTestIdp();
  store = new ResourceStore();
  app = createOpenChoreoApiRouter({
    auth: { issuer: idp.issuer, jwksUri: idp.jwksUri },
    store,
    observability: fakeObservability(['greeting-service-run-5e6f7a8b']),
  });
  addNamespacedTemplates(store);
  api = contractClient(app, await idp.token());
});

afterAll(() => idp.close());

const component = (name: string, overrides: Record<string, unknown> = {}) => ({
  metadata: {
    name,
    annotations: {
      'jenkins.io/job-full-name': `demo-project/${name}`,
    } as Record<string, string>,
  },
  spec: {
    owner: { projectName: 'demo-project' },
    componentType: { kind: 'ClusterComponentType', name: 'deployment/service' },
    ...overrides,
  },
});

describe('operations', () => {
  it('serves health and readiness', async () => {
    expect((await api.call('GET', '/health')).text).toBe('OK');
    expect((await api.call('GET', '/ready')).text).toBe('Ready');
  });

  it('lists and gets namespaces', async () => {
    const list = await api.call('GET', '/api/v1/namespaces');
    expect(list.body.items.map((n: any) => n.metadata.name)).toEqual([
      'default',
    ]);
    const one = await api.call('GET', '/api/v1/namespaces/default');
    expect(one.body.metadata.labels['openchoreo.dev/control-plane']).toBe(
      'true',
    );
    expect((await api.call('GET', '/api/v1/namespaces/nope')).status).toBe(404);
  });

  it('creates, lists, gets, replaces and deletes projects', async () => {
    const created = await api.call('POST', `${NS}/projects`, {
      metadata: {
        name: 'payments',
        annotations: { 'openchoreo.dev/display-name': 'Payments' },
      },
      spec: { deploymentPipelineRef: { name: 'default' } },
    });
    expect(created.status).toBe(201);
    expect(created.body.metadata.uid).toBeTruthy();
    expect(created.body.metadata.creationTimestamp).toBeTruthy();
    expect(created.body.metadata).not.toHaveProperty('resourceVersion');
    expect(created.body.spec.type).toEqual({
      kind: 'ClusterProjectType',
      name: 'default',
    });

    const list = await api.call('GET', `${NS}/projects`);
    expect(list.body.items.map((p: any) => p.metadata.name)).toEqual([
      'default',
      'demo-project',
      'legacy-systems',
      'payments',
    ]);
    expect(
      (await api.call('GET', `${NS}/projects/payments`)).body.metadata.uid,
    ).toBe(created.body.metadata.uid);
    const replaced = await api.call('PUT', `${NS}/projects/payments`, {
      metadata: {
        name: 'payments',
        annotations: { 'openchoreo.dev/display-name': 'Payments v2' },
      },
      spec: { deploymentPipelineRef: { name: 'default' } },
    });
    expect(replaced.status).toBe(200);
    expect(
      replaced.body.metadata.annotations['openchoreo.dev/display-name'],
    ).toBe('Payments v2');
    expect(replaced.body.metadata.uid).toBe(created.body.metadata.uid);

    expect(
      (
        await api.call('POST', `${NS}/projects`, {
          metadata: { name: 'payments' },
        })
      ).body,
    ).toEqual({
      error: 'Project already exists',
      code: 'CONFLICT',
    });
    expect((await api.call('DELETE', `${NS}/projects/payments`)).status).toBe(
      204,
    );
    expect((await api.call('GET', `${NS}/projects/payments`)).body).toEqual({
      error: 'Project not found',
      code: 'NOT_FOUND',
    });
    expect((await api.call('DELETE', `${NS}/projects/payments`)).status).toBe(
      404,
    );
    expect(
      (
        await api.call('PUT', `${NS}/projects/payments`, {
          metadata: { name: 'payments' },
        })
      ).status,
    ).toBe(404);
  });

  it('creates, lists, gets, replaces and deletes components', async () => {
    const created = await api.call(
      'POST',
      `${NS}/components`,
      component('billing-api'),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'Component',
      metadata: { name: 'billing-api', namespace: 'default' },
    });
    expect(created.body.spec).not.toHaveProperty('workflow');

    const inProject = await api.call(
      'GET',
      `${NS}/components?project=legacy-systems`,
    );
    expect(inProject.body.items.map((c: any) => c.metadata.name)).toEqual([
      'legacy-monolith',
    ]);
    const all = await api.call('GET', `${NS}/components?limit=100`);
    expect(all.body.items.map((c: any) => c.metadata.name)).toContain(
      'billing-api',
    );

    const got = await api.call('GET', `${NS}/components/greeting-service`);
    expect(got.body.spec.workflow).toMatchObject({
      kind: 'ClusterWorkflow',
      name: 'dockerfile-builder',
    });

    const body = component('billing-api', { autoBuild: true });
    body.metadata.annotations['github.com/project-slug'] = 'acme/billing';
    const replaced = await api.call(
      'PUT',
      `${NS}/components/billing-api`,
      body,
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body.spec.autoBuild).toBe(true);
    expect(
      (await api.call('GET', `${NS}/components/billing-api`)).body.metadata
        .annotations,
    ).toEqual({
      'jenkins.io/job-full-name': 'demo-project/billing-api',
      'github.com/project-slug': 'acme/billing',
    });

    expect(
      (await api.call('DELETE', `${NS}/components/billing-api`)).status,
    ).toBe(204);
    expect(
      (await api.call('GET', `${NS}/components/billing-api`)).body,
    ).toEqual({
      error: 'Component not found',
      code: 'NOT_FOUND',
    });
  });

  it('creates, lists, gets, replaces and deletes workloads', async () => {
    await api.call('POST', `${NS}/components`, component('orders'));
    const workload = {
      metadata: { name: 'orders-workload' },
      spec: {
        owner: { projectName: 'demo-project', componentName: 'orders' },
        container: {
          image: 'registry.example.com/orders:1',
          env: [{ key: 'A', value: 'b' }],
        },
        endpoints: {
          http: { type: 'HTTP', port: 8080, visibility: ['external'] },
        },
      },
    };
    const created = await api.call('POST', `${NS}/workloads`, workload);
    expect(created.status).toBe(201);
    const list = await api.call('GET', `${NS}/workloads?component=orders`);
    expect(list.body.items.map((w: any) => w.metadata.name)).toEqual([
      'orders-workload',
    ]);
    expect(
      (await api.call('GET', `${NS}/workloads/orders-workload`)).body.spec
        .container.image,
    ).toBe('registry.example.com/orders:1');
    workload.spec.container.image = 'registry.example.com/orders:2';
    const replaced = await api.call(
      'PUT',
      `${NS}/workloads/orders-workload`,
      workload,
    );
    expect(replaced.body.spec.container.image).toBe(
      'registry.example.com/orders:2',
    );
    expect(
      (await api.call('DELETE', `${NS}/workloads/orders-workload`)).status,
    ).toBe(204);
    expect(
      (await api.call('DELETE', `${NS}/workloads/orders-workload`)).status,
    ).toBe(404);
  });

  it('serves component types with their allowed workflows and schemas', async () => {
    const cluster = await api.call('GET', '/api/v1/clustercomponenttypes');
    expect(cluster.body.items.map((t: any) => t.metadata.name).sort()).toEqual([
      'scheduled-task',
      'service',
      'web-application',
      'worker',
    ]);
    const service = await api.call(
      'GET',
      '/api/v1/clustercomponenttypes/service',
    );
    expect(service.body.spec.workloadType).toBe('deployment');
    expect(service.body.spec.allowedWorkflows).toContainEqual({
      kind: 'ClusterWorkflow',
      name: 'dockerfile-builder',
    });
    const scheduledSchema = await api.call(
      'GET',
      '/api/v1/clustercomponenttypes/scheduled-task/schema',
    );
    expect(scheduledSchema.body.type).toBe('object');
    expect(
      (await api.call('GET', '/api/v1/clustercomponenttypes/nope')).status,
    ).toBe(404);
    expect(
      (await api.call('GET', '/api/v1/clustercomponenttypes/nope/schema'))
        .status,
    ).toBe(404);

    const namespaced = await api.call('GET', `${NS}/componenttypes`);
    expect(namespaced.body.items.map((t: any) => t.metadata.name)).toEqual([
      'go-service',
    ]);
    expect(
      (await api.call('GET', `${NS}/componenttypes/go-service`)).body.spec
        .workloadType,
    ).toBe('deployment');
    expect(
      (await api.call('GET', `${NS}/componenttypes/go-service/schema`)).body
        .properties,
    ).toHaveProperty('replicas');
  });

  it('serves workflows with the component label and repository markers in the schema', async () => {
    const cluster = await api.call(
      'GET',
      '/api/v1/clusterworkflows?labelSelector=openchoreo.dev/workflow-type%3Dcomponent',
    );
    expect(cluster.body.items.map((w: any) => w.metadata.name).sort()).toEqual([
      'ballerina-buildpack-builder',
      'dockerfile-builder',
      'gcp-buildpacks-builder',
      'paketo-buildpacks-builder',
    ]);
    const builder = await api.call(
      'GET',
      '/api/v1/clusterworkflows/dockerfile-builder',
    );
    expect(builder.body.metadata.labels['openchoreo.dev/workflow-type']).toBe(
      'component',
    );
    const schema = await api.call(
      'GET',
      '/api/v1/clusterworkflows/dockerfile-builder/schema',
    );
    expect(
      schema.body.properties.repository.properties.url[
        'x-openchoreo-component-parameter-repository-url'
      ],
    ).toBe(true);
    expect(
      schema.body.properties.repository.properties.revision.properties.commit[
        'x-openchoreo-component-parameter-repository-commit'
      ],
    ).toBe(true);

    expect((await api.call('GET', `${NS}/workflows`)).body.items).toHaveLength(
      1,
    );
    expect(
      (await api.call('GET', `${NS}/workflows/database-migration`)).body
        .metadata.name,
    ).toBe('database-migration');
    expect(
      (await api.call('GET', `${NS}/workflows/database-migration/schema`)).body
        .properties,
    ).toHaveProperty('version');
    expect((await api.call('GET', `${NS}/workflows/nope`)).status).toBe(404);
  });

  it('creates, lists, gets, replaces and deletes workflow runs', async () => {
    const run = {
      metadata: {
        name: 'greeting-service-run-0badcafe',
        labels: {
          'openchoreo.dev/project': 'demo-project',
          'openchoreo.dev/component': 'greeting-service',
        },
      },
      spec: {
        workflow: {
          kind: 'ClusterWorkflow',
          name: 'dockerfile-builder',
          parameters: {
            repository: {
              url: 'https://github.com/openchoreo/sample-workloads',
            },
          },
        },
      },
    };
    const created = await api.call('POST', `${NS}/workflowruns`, run);
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('status');

    const byWorkflow = await api.call(
      'GET',
      `${NS}/workflowruns?workflow=dockerfile-builder`,
    );
    expect(byWorkflow.body.items).toHaveLength(3);
    const byLabel = await api.call(
      'GET',
      `${NS}/workflowruns?labelSelector=${encodeURIComponent(
        'openchoreo.dev/component=greeting-service',
      )}`,
    );
    expect(byLabel.body.items.map((r: any) => r.metadata.name)).toEqual([
      'greeting-service-run-1a2b3c4d',
      'greeting-service-run-5e6f7a8b',
      'greeting-service-run-0badcafe',
    ]);
    expect(
      (await api.call('GET', `${NS}/workflowruns?workflow=other`)).body.items,
    ).toEqual([]);

    const annotated = {
      ...run,
      metadata: {
        ...run.metadata,
        annotations: { 'openchoreo.dev/workload': '{}' },
      },
    };
    const replaced = await api.call(
      'PUT',
      `${NS}/workflowruns/greeting-service-run-0badcafe`,
      annotated,
    );
    expect(replaced.body.metadata.annotations).toEqual({
      'openchoreo.dev/workload': '{}',
    });
    expect(
      (
        await api.call(
          'GET',
          `${NS}/workflowruns/greeting-service-run-0badcafe`,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await api.call(
          'DELETE',
          `${NS}/workflowruns/greeting-service-run-0badcafe`,
        )
      ).status,
    ).toBe(204);
    expect(
      (
        await api.call(
          'GET',
          `${NS}/workflowruns/greeting-service-run-0badcafe`,
        )
      ).status,
    ).toBe(404);
  });

  it('summarises run status and serves live logs and events', async () => {
    const status = await api.call(
      'GET',
      `${NS}/workflowruns/greeting-service-run-5e6f7a8b/status`,
    );
    expect(status.body.status).toBe('Succeeded');
    expect(status.body.hasLiveObservability).toBe(true);
    expect(status.body.steps.map((s: any) => [s.name, s.phase])).toEqual([
      ['checkout-source', 'Succeeded'],
      ['build-image', 'Succeeded'],
      ['publish-image', 'Succeeded'],
      ['generate-workload-cr', 'Succeeded'],
    ]);
    expect(status.body.steps[0].finishedAt).toBeTruthy();
    const failed = await api.call(
      'GET',
      `${NS}/workflowruns/greeting-service-run-1a2b3c4d/status`,
    );
    expect(failed.body).toMatchObject({
      status: 'Failed',
      hasLiveObservability: false,
    });
    expect(failed.body.steps.map((s: any) => s.phase)).toEqual([
      'Succeeded',
      'Failed',
      'Skipped',
      'Skipped',
    ]);
    expect(
      (await api.call('GET', `${NS}/workflowruns/nope/status`)).status,
    ).toBe(404);

    const logs = await api.call(
      'GET',
      `${NS}/workflowruns/greeting-service-run-5e6f7a8b/logs?task=build-image&sinceSeconds=60`,
    );
    expect(logs.body).toEqual([
      { timestamp: '2026-01-06T10:00:05Z', log: '[build-image] building' },
    ]);
    const notStarted = await api.call(
      'GET',
      `${NS}/workflowruns/greeting-service-run-1a2b3c4d/logs`,
    );
    expect(notStarted.status).toBe(404);
    expect(notStarted.body.code).toBe('NOT_FOUND');

    const events = await api.call(
      'GET',
      `${NS}/workflowruns/greeting-service-run-5e6f7a8b/events?task=checkout-source`,
    );
    expect(events.body[0]).toMatchObject({ type: 'Normal', reason: 'Started' });
    expect(
      (
        await api.call(
          'GET',
          `${NS}/workflowruns/greeting-service-run-1a2b3c4d/events`,
        )
      ).status,
    ).toBe(404);
  });

  it('serves environments and the deployment pipeline', async () => {
    const environments = await api.call('GET', `${NS}/environments`);
    expect(environments.body.items.map((e: any) => e.metadata.name)).toEqual([
      'development',
      'staging',
      'production',
    ]);
    expect(
      (await api.call('GET', `${NS}/environments/production`)).body.spec
        .isProduction,
    ).toBe(true);
    expect(
      (await api.call('GET', `${NS}/deploymentpipelines`)).body.items,
    ).toHaveLength(1);
    const pipeline = await api.call('GET', `${NS}/deploymentpipelines/default`);
    expect(pipeline.body.spec.promotionPaths[0].sourceEnvironmentRef.name).toBe(
      'development',
    );
  });

  it('creates, lists, gets and deletes component releases; binds them to environments', async () => {
    await api.call('POST', `${NS}/components`, component('shipping'));
    const owner = { projectName: 'demo-project', componentName: 'shipping' };
    const release = await api.call('POST', `${NS}/componentreleases`, {
      metadata: { name: 'shipping-0a1b2c3d4e' },
      spec: {
        owner,
        componentType: {
          kind: 'ClusterComponentType',
          name: 'deployment/service',
        },
        workload: { container: { image: 'registry.example.com/shipping:1' } },
      },
    });
    expect(release.status).toBe(201);
    expect(
      (
        await api.call(
          'POST',
          `${NS}/componentreleases`,
          { metadata: { name: 'shipping-bad' }, spec: { owner } },
          { violatesSpec: true },
        )
      ).status,
    ).toBe(422);
    const releases = await api.call(
      'GET',
      `${NS}/componentreleases?component=shipping`,
    );
    expect(releases.body.items.map((r: any) => r.metadata.name)).toEqual([
      'shipping-0a1b2c3d4e',
    ]);
    expect(
      (await api.call('GET', `${NS}/componentreleases/shipping-0a1b2c3d4e`))
        .body.spec.workload.container.image,
    ).toBe('registry.example.com/shipping:1');

    const binding = await api.call('POST', `${NS}/releasebindings`, {
      metadata: { name: 'shipping-development' },
      spec: {
        owner,
        environment: 'development',
        releaseName: 'shipping-0a1b2c3d4e',
      },
    });
    expect(binding.status).toBe(201);
    expect(binding.body.spec.state).toBe('Active');
    const bindings = await api.call(
      'GET',
      `${NS}/releasebindings?component=shipping`,
    );
    expect(bindings.body.items.map((b: any) => b.metadata.name)).toEqual([
      'shipping-development',
    ]);
    const promoted = await api.call(
      'PUT',
      `${NS}/releasebindings/shipping-development`,
      {
        metadata: { name: 'shipping-development' },
        spec: { owner, environment: 'development', releaseName: 'shipping-1' },
      },
    );
    expect(promoted.status).toBe(200);
    expect(
      (
        await api.call('PUT', `${NS}/releasebindings/shipping-development`, {
          metadata: { name: 'shipping-development' },
          spec: { owner, environment: 'staging' },
        })
      ).status,
    ).toBe(400);
    expect(
      (await api.call('GET', `${NS}/releasebindings/shipping-development`)).body
        .spec.releaseName,
    ).toBe('shipping-1');
    expect(
      (await api.call('DELETE', `${NS}/releasebindings/shipping-development`))
        .status,
    ).toBe(204);
    expect(
      (await api.call('DELETE', `${NS}/componentreleases/shipping-0a1b2c3d4e`))
        .status,
    ).toBe(204);
    expect(
      (await api.call('GET', `${NS}/componentreleases/shipping-0a1b2c3d4e`))
        .body,
    ).toEqual({ error: 'ComponentRelease not found', code: 'NOT_FOUND' });
    expect(
      (
        await api.call('POST', `${NS}/releasebindings`, {
          metadata: { name: 'ghost-development' },
          spec: {
            owner: { projectName: 'demo-project', componentName: 'ghost' },
            environment: 'development',
          },
        })
      ).status,
    ).toBe(400);
  });
});

describe('validation and errors', () => {
  it('rejects bad names with 400 and CRD violations with 422', async () => {
    const noName = await api.call('POST', `${NS}/projects`, {
      metadata: { name: '' },
    });
    expect(noName.status).toBe(400);
    expect(noName.body.code).toBe('BAD_REQUEST');
    const badName = await api.call(
      'POST',
      `${NS}/components`,
      component('Bad_Name'),
    );
    expect(badName.status).toBe(400);
    expect(badName.body.error).toContain('RFC 1123');
    const tooLong = await api.call('POST', `${NS}/projects`, {
      metadata: { name: 'a'.repeat(64) },
    });
    expect(tooLong.status).toBe(400);

    const badType = component('typo', {
      componentType: { kind: 'ClusterComponentType', name: 'service' },
    });
    const typeError = await api.call('POST', `${NS}/components`, badType, {
      violatesSpec: true,
    });
    expect(typeError.status).toBe(422);
    expect(typeError.body.code).toBe('UNPROCESSABLE_CONTENT');
    expect(typeError.body.error).toContain('spec.componentType.name');
    const badWorkload = await api.call('POST', `${NS}/workloads`, {
      metadata: { name: 'x-workload' },
      spec: {
        owner: { projectName: 'demo-project', componentName: 'inventory-api' },
      },
    });
    expect(badWorkload.status).toBe(422);
    expect(badWorkload.body.error).toContain('spec.container.image');
    expect((await api.call('GET', `${NS}/components/typo`)).status).toBe(404);
  });

  it('requires the referenced project and component to exist', async () => {
    const noProject = await api.call('POST', `${NS}/components`, {
      ...component('orphan'),
      spec: {
        owner: { projectName: 'ghost' },
        componentType: { name: 'deployment/service' },
      },
    });
    expect(noProject.body).toMatchObject({
      error: 'Referenced project not found',
      code: 'BAD_REQUEST',
    });
    const noComponent = await api.call('POST', `${NS}/workloads`, {
      metadata: { name: 'ghost-workload' },
      spec: {
        owner: { projectName: 'demo-project', componentName: 'ghost' },
        container: { image: 'x:1' },
      },
    });
    expect(noComponent.status).toBe(400);
    expect(noComponent.body).toMatchObject({
      error: 'Referenced component not found',
      code: 'BAD_REQUEST',
    });
    const noWorkflow = await api.call('POST', `${NS}/workflowruns`, {
      metadata: { name: 'run-without-workflow' },
      spec: { workflow: { name: 'nope' } },
    });
    expect(noWorkflow.body).toEqual({
      error: 'ClusterWorkflow not found',
      code: 'NOT_FOUND',
    });
  });

  it('answers 409 for duplicate components and workloads', async () => {
    const duplicate = await api.call(
      'POST',
      `${NS}/components`,
      component('inventory-api'),
    );
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({
      error: 'Component already exists',
      code: 'CONFLICT',
    });
  });

  it('keeps owner.projectName and componentType immutable', async () => {
    const current = (await api.call('GET', `${NS}/components/inventory-api`))
      .body;
    const moved = structuredClone(current);
    moved.spec.owner.projectName = 'legacy-systems';
    delete moved.status;
    const moveAttempt = await api.call(
      'PUT',
      `${NS}/components/inventory-api`,
      moved,
    );
    expect(moveAttempt.status).toBe(400);
    expect(moveAttempt.body.error).toContain(
      'spec.owner.projectName is immutable',
    );

    const retyped = structuredClone(current);
    retyped.spec.componentType.name = 'deployment/worker';
    const retypeAttempt = await api.call(
      'PUT',
      `${NS}/components/inventory-api`,
      retyped,
    );
    expect(retypeAttempt.status).toBe(400);
    expect(retypeAttempt.body.error).toContain(
      'spec.componentType is immutable',
    );
    expect(
      (await api.call('GET', `${NS}/components/inventory-api`)).body.spec
        .componentType.name,
    ).toBe('deployment/service');
  });

  it('answers a duplicate workflow run name with 500, like the real server', async () => {
    const run = {
      metadata: { name: 'greeting-service-run-5e6f7a8b' },
      spec: {
        workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
      },
    };
    const duplicate = await api.call('POST', `${NS}/workflowruns`, run);
    expect(duplicate.status).toBe(500);
    expect(duplicate.body).toEqual({
      error: 'Internal server error',
      code: 'INTERNAL_ERROR',
    });
    const stored = (
      await api.call('GET', `${NS}/workflowruns/greeting-service-run-5e6f7a8b`)
    ).body;
    expect(stored.status.tasks).toHaveLength(4);
  });

  it('rejects invalid label selectors with a JSON 400', async () => {
    const res = await api.call(
      'GET',
      `${NS}/components?labelSelector=${encodeURIComponent('a in (b')}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('BAD_REQUEST');
  });
});

describe('pagination', () => {
  it('walks every page with nextCursor until it is absent', async () => {
    for (let i = 0; i < 5; i++) {
      await api.call('POST', `${NS}/components`, component(`paged-${i}`));
    }
    const expected = (
      await api.call('GET', `${NS}/components?limit=100`)
    ).body.items.map((c: any) => c.metadata.name);
    expect(expected.length).toBeGreaterThan(6);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = `limit=3${
        cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
      }`;
      const page = await api.call('GET', `${NS}/components?${query}`);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((c: any) => c.metadata.name));
      cursor = page.body.pagination.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 3));
  });

  it('sets nextCursor only when more items follow', async () => {
    const url = '/api/v1/clustercomponenttypes';
    const first = await api.call('GET', `${url}?limit=2`);
    expect(first.body.items).toHaveLength(2);
    const cursor = encodeURIComponent(first.body.pagination.nextCursor);
    const second = await api.call('GET', `${url}?limit=2&cursor=${cursor}`);
    expect(second.body.items).toHaveLength(2);
    expect(second.body.pagination).toEqual({});
    const names = [...first.body.items, ...second.body.items].map(
      (t: any) => t.metadata.name,
    );
    expect(new Set(names).size).toBe(4);
    expect((await api.call('GET', `${url}?limit=4`)).body.pagination).toEqual(
      {},
    );
    const bad = await api.call('GET', `${url}?cursor=not-a-cursor`);
    expect(bad.status).toBe(400);
  });

  it('defaults limit to 20 and clamps it to 1..100', async () => {
    for (let i = 5; i < 25; i++) {
      await api.call('POST', `${NS}/components`, component(`paged-${i}`));
    }
    const first = await api.call('GET', `${NS}/components`);
    expect(first.body.items).toHaveLength(20);
    expect(first.body.pagination.nextCursor).toEqual(expect.any(String));
    expect(
      (await api.call('GET', `${NS}/components?limit=0`)).body.items,
    ).toHaveLength(1);
    const all = await api.call('GET', `${NS}/components?limit=1000`);
    expect(all.body.items.length).toBeGreaterThan(20);
    expect(all.body.pagination).toEqual({});
  });
});

describe('authorization of user tokens', () => {
  let viewer: ContractClient;
  let outsider: ContractClient;

  beforeAll(async () => {
    const userToken = (sub: string, group: string) =>
      idp.token({ claims: { sub, groups: [group] } });
    viewer = contractClient(app, await userToken('viewer', 'viewers'));
    outsider = contractClient(app, await userToken('outsider', 'outsiders'));
  });

  afterAll(() => {
    for (const client of [viewer, outsider]) {
      for (const entry of client.covered) api.covered.add(entry);
    }
  });

  const RUN = 'greeting-service-run-5e6f7a8b';

  it('refuses writes outside the roles with the spec 403 body naming the action and namespace', async () => {
    const greeting = (
      await api.call('GET', `${NS}/components/greeting-service`)
    ).body;
    delete greeting.status;
    const workload = {
      metadata: { name: 'greeting-service-workload' },
      spec: {
        owner: {
          projectName: 'demo-project',
          componentName: 'greeting-service',
        },
        container: { image: 'registry.example.com/greeting:9' },
      },
    };
    const refused: [string, string, unknown, string][] = [
      [
        'POST',
        `${NS}/projects`,
        { metadata: { name: 'p2' } },
        'project:create',
      ],
      [
        'PUT',
        `${NS}/projects/demo-project`,
        { metadata: { name: 'demo-project' } },
        'project:update',
      ],
      ['DELETE', `${NS}/projects/demo-project`, undefined, 'project:delete'],
      [
        'POST',
        `${NS}/components`,
        component('viewer-made'),
        'component:create',
      ],
      [
        'PUT',
        `${NS}/components/greeting-service`,
        greeting,
        'component:update',
      ],
      [
        'DELETE',
        `${NS}/components/greeting-service`,
        undefined,
        'component:delete',
      ],
      ['POST', `${NS}/workloads`, workload, 'workload:create'],
      ['DELETE', `${NS}/workflowruns/${RUN}`, undefined, 'workflowrun:delete'],
      [
        'POST',
        `${NS}/workflowruns`,
        {
          metadata: {
            name: 'greeting-service-run-00000001',
            labels: {
              'openchoreo.dev/project': 'demo-project',
              'openchoreo.dev/component': 'greeting-service',
            },
          },
          spec: {
            workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
          },
        },
        'workflowrun:create',
      ],
    ];
    for (const [method, url, body, action] of refused) {
      const res = await viewer.call(method, url, body);
      expect({ method, url, status: res.status, code: res.body.code }).toEqual({
        method,
        url,
        status: 403,
        code: 'FORBIDDEN',
      });
      expect(res.body.error).toContain(`Forbidden: ${action} on `);
      expect(res.body.error).toContain('in namespace "default"');
    }
    expect((await api.call('GET', `${NS}/components/viewer-made`)).status).toBe(
      404,
    );
    expect((await api.call('GET', `${NS}/workflowruns/${RUN}`)).status).toBe(
      200,
    );
  });

  it('answers 403 for single reads and drops items from lists the caller may not see', async () => {
    for (const url of [
      '/api/v1/namespaces/default',
      `${NS}/projects/demo-project`,
      `${NS}/components/greeting-service`,
      `${NS}/workflowruns/${RUN}`,
      `${NS}/workflowruns/${RUN}/status`,
      `${NS}/workflowruns/${RUN}/logs`,
      `${NS}/workflowruns/${RUN}/events`,
      '/api/v1/clustercomponenttypes/service',
      '/api/v1/clustercomponenttypes/service/schema',
      '/api/v1/clusterworkflows/dockerfile-builder',
      `${NS}/environments/development`,
    ]) {
      const res = await outsider.call('GET', url);
      expect({ url, status: res.status }).toEqual({ url, status: 403 });
      expect(res.body.code).toBe('FORBIDDEN');
    }
    // A missing object is still a 404: the server looks it up before deciding.
    expect((await outsider.call('GET', `${NS}/components/nope`)).status).toBe(
      404,
    );
    for (const url of [
      '/api/v1/namespaces',
      `${NS}/projects`,
      `${NS}/components`,
      `${NS}/workloads`,
      `${NS}/workflowruns`,
      '/api/v1/clustercomponenttypes',
      '/api/v1/clusterworkflows',
    ]) {
      const res = await outsider.call('GET', url);
      expect({ url, status: res.status, items: res.body.items }).toEqual({
        url,
        status: 200,
        items: [],
      });
    }
    const seen = await viewer.call('GET', `${NS}/components?limit=100`);
    expect(seen.body.items.map((c: any) => c.metadata.name)).toContain(
      'greeting-service',
    );
  });

  it('evaluates authorization requests with the decision the routes enforce', async () => {
    const check = (action: string, subject?: object) => ({
      ...(subject ? { subject_context: subject } : {}),
      action,
      resource: {
        type: action.split(':')[0],
        hierarchy: {
          namespace: 'default',
          project: 'demo-project',
          component: 'greeting-service',
        },
      },
    });
    const asViewer = await viewer.call('POST', '/api/v1/authz/evaluates', [
      check('component:view'),
      check('workflowrun:create'),
      check('component:explode'),
    ]);
    expect(asViewer.status).toBe(200);
    expect(asViewer.body.map((d: any) => d.decision)).toEqual([
      true,
      false,
      false,
    ]);
    expect(asViewer.body[0].context.reason).toContain('role viewer');

    const forDeveloper = await api.call('POST', '/api/v1/authz/evaluates', [
      check('workflowrun:create', {
        type: 'user',
        entitlement_claim: 'groups',
        entitlement_values: ['developers'],
      }),
      check('component:delete', {
        type: 'user',
        entitlement_claim: 'groups',
        entitlement_values: ['developers'],
      }),
    ]);
    expect(forDeveloper.body.map((d: any) => d.decision)).toEqual([
      true,
      false,
    ]);

    const bad = await api.call(
      'POST',
      '/api/v1/authz/evaluates',
      [{ resource: { type: 'component', hierarchy: {} } }],
      { violatesSpec: true },
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('workflow and observability planes', () => {
  it('lists and gets the planes; the default workflow plane leads to the Observer', async () => {
    store.create({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'ObservabilityPlane',
      metadata: { name: 'team-obs', namespace: 'default' },
      spec: { observerURL: 'http://observer.team.svc:8080' },
    });
    store.create({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'WorkflowPlane',
      metadata: { name: 'team-ci', namespace: 'default' },
      spec: {
        observabilityPlaneRef: { kind: 'ObservabilityPlane', name: 'team-obs' },
      },
    });
    const clusterPlanes = await api.call(
      'GET',
      '/api/v1/clusterworkflowplanes',
    );
    expect(clusterPlanes.body.items.map((p: any) => p.metadata.name)).toEqual([
      'default',
    ]);
    const ci = await api.call('GET', '/api/v1/clusterworkflowplanes/default');
    expect(ci.body.spec.observabilityPlaneRef).toEqual({
      kind: 'ClusterObservabilityPlane',
      name: 'default',
    });
    const obs = await api.call(
      'GET',
      '/api/v1/clusterobservabilityplanes/default',
    );
    expect(obs.body.spec.observerURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(
      (await api.call('GET', '/api/v1/clusterobservabilityplanes')).body.items,
    ).toHaveLength(1);
    expect(
      (await api.call('GET', '/api/v1/clusterobservabilityplanes/nope')).status,
    ).toBe(404);

    const teamCi = await api.call('GET', `${NS}/workflowplanes/team-ci`);
    expect(teamCi.body.spec.observabilityPlaneRef.name).toBe('team-obs');
    expect(
      (await api.call('GET', `${NS}/workflowplanes`)).body.items,
    ).toHaveLength(1);
    const teamObs = await api.call('GET', `${NS}/observabilityplanes/team-obs`);
    expect(teamObs.body.spec.observerURL).toBe('http://observer.team.svc:8080');
    expect(
      (await api.call('GET', `${NS}/observabilityplanes`)).body.items,
    ).toHaveLength(1);
  });
});

describe('coverage', () => {
  it('validated a response of every operation the stand-in serves', () => {
    const validator = SpecValidator.load();
    const served = servedRoutes(app)
      .map(route =>
        validator.findOperation(
          route.method,
          route.path.replace(/:[A-Za-z]+/g, 'x'),
        ),
      )
      .filter(operation => operation !== undefined)
      .map(operation => operation!.operationId);
    const validated = new Set(
      [...api.covered].map(entry => entry.split(':')[0]),
    );
    expect(served.length).toBeGreaterThanOrEqual(40);
    expect(served.filter(id => !validated.has(id))).toEqual([]);
  });
});
