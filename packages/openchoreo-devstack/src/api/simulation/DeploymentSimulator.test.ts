import { seedStore } from '../seed';
import { ResourceStore, type ResourceObject } from '../store';
import { ManualClock } from './clock';
import type { Condition } from './conditions';
import {
  DeploymentSimulator,
  FAIL_DEPLOYMENT_ANNOTATION,
  RECONCILE_DELAY_MS,
  ROLLOUT_DURATION_MS,
  STALL_DEPLOYMENT_ANNOTATION,
} from './DeploymentSimulator';

const NS = 'default';

function component(name: string, autoDeploy = true): ResourceObject {
  return {
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: NS },
    spec: {
      owner: { projectName: 'demo-project' },
      componentType: {
        kind: 'ClusterComponentType',
        name: 'deployment/service',
      },
      autoDeploy,
    },
  };
}

function workload(
  componentName: string,
  image: string,
  annotations?: Record<string, string>,
): ResourceObject {
  return {
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind: 'Workload',
    metadata: {
      name: `${componentName}-workload`,
      namespace: NS,
      ...(annotations ? { annotations } : {}),
    },
    spec: {
      owner: { projectName: 'demo-project', componentName },
      container: { image },
      endpoints: { http: { type: 'HTTP', port: 8080, basePath: '/api' } },
    },
  };
}

describe('DeploymentSimulator', () => {
  let clock: ManualClock;
  let store: ResourceStore;
  let deployments: DeploymentSimulator;

  beforeEach(() => {
    clock = new ManualClock('2026-05-04T10:00:00Z');
    store = new ResourceStore({ now: () => clock.now() });
    seedStore(store, clock.now());
    deployments = new DeploymentSimulator({ store, clock });
    deployments.start();
  });
  afterEach(() => deployments.stop());

  const binding = (name = 'orders-development') =>
    store.get('ReleaseBinding', NS, name);
  const ready = (name?: string) =>
    (binding(name)?.status?.conditions as Condition[] | undefined)?.find(
      c => c.type === 'Ready',
    );
  const releases = () =>
    store
      .list('ComponentRelease', NS)
      .filter(r => r.metadata.name.startsWith('orders-'));
  const publish = (image: string, annotations?: Record<string, string>) => {
    const next = workload('orders', image, annotations);
    if (store.get('Workload', NS, next.metadata.name)) store.replace(next);
    else store.create(next);
  };

  it('releases a changed Workload and rolls it out to the first environment', async () => {
    store.create(component('orders'));
    publish('registry.example.com/orders:1');
    await clock.advance(RECONCILE_DELAY_MS);

    const [release] = releases();
    expect(release.metadata.name).toMatch(/^orders-[0-9a-f]{10}$/);
    expect(release.spec).toMatchObject({
      owner: { projectName: 'demo-project', componentName: 'orders' },
      componentType: {
        kind: 'ClusterComponentType',
        name: 'deployment/service',
      },
      workload: { container: { image: 'registry.example.com/orders:1' } },
    });
    expect(release.spec?.workload).not.toHaveProperty('owner');
    const status = store.get('Component', NS, 'orders')?.status;
    expect(status?.latestRelease).toEqual({
      name: release.metadata.name,
      releaseHash: release.metadata.name.slice('orders-'.length),
    });
    expect(binding()?.spec).toEqual({
      owner: { projectName: 'demo-project', componentName: 'orders' },
      environment: 'development',
      releaseName: release.metadata.name,
      state: 'Active',
    });
    expect(ready()).toMatchObject({
      status: 'False',
      reason: 'ResourcesProgressing',
      observedGeneration: 1,
    });

    await clock.advance(ROLLOUT_DURATION_MS);
    expect(ready()).toMatchObject({
      status: 'True',
      reason: 'Ready',
      lastTransitionTime: '2026-05-04T10:00:04.200Z',
    });
    expect(binding()?.status).toMatchObject({
      observedGeneration: 1,
      lastSpecUpdateTime: '2026-05-04T10:00:00.200Z',
      endpoints: [
        {
          name: 'http',
          type: 'HTTP',
          invokeURL:
            'http://orders-development-default.openchoreo.localhost:19080/api',
        },
      ],
    });

    // Only annotations change (a new run's provenance): the release is the same.
    publish('registry.example.com/orders:1', { 'ci.example/run': '2' });
    await clock.advance(RECONCILE_DELAY_MS + ROLLOUT_DURATION_MS);
    expect(releases()).toHaveLength(1);
    expect(ready()?.status).toBe('True');

    // A new image: a second release, the binding moves to it and rolls out again.
    publish('registry.example.com/orders:2');
    await clock.advance(RECONCILE_DELAY_MS);
    expect(releases()).toHaveLength(2);
    const latest = store.get('Component', NS, 'orders')?.status
      ?.latestRelease as {
      name: string;
    };
    expect(binding()?.spec?.releaseName).toBe(latest.name);
    expect(ready()).toMatchObject({ status: 'False', observedGeneration: 2 });
    await clock.advance(ROLLOUT_DURATION_MS);
    expect(ready()).toMatchObject({ status: 'True', observedGeneration: 2 });
  });

  it('fails or stalls a rollout on the annotations and the one-shot switches', async () => {
    store.create(component('orders'));
    publish('registry.example.com/orders:1', {
      [FAIL_DEPLOYMENT_ANNOTATION]:
        'ImagePullBackOff: registry.example.com/orders:1 not found',
    });
    await clock.advance(RECONCILE_DELAY_MS + ROLLOUT_DURATION_MS);
    expect(ready()).toMatchObject({
      status: 'False',
      reason: 'ResourcesDegraded',
      message: 'ImagePullBackOff: registry.example.com/orders:1 not found',
    });

    deployments.stallNextDeployment('orders');
    publish('registry.example.com/orders:2');
    await clock.advance(RECONCILE_DELAY_MS + 10 * ROLLOUT_DURATION_MS);
    expect(ready()).toMatchObject({
      status: 'False',
      reason: 'ResourcesProgressing',
    });

    deployments.failNextDeployment('orders');
    publish('registry.example.com/orders:3');
    await clock.advance(RECONCILE_DELAY_MS + ROLLOUT_DURATION_MS);
    expect(ready()).toMatchObject({
      status: 'False',
      reason: 'ResourcesDegraded',
    });
    expect(ready()?.message).toContain('CrashLoopBackOff');

    publish('registry.example.com/orders:4', {
      [STALL_DEPLOYMENT_ANNOTATION]: 'true',
    });
    await clock.advance(RECONCILE_DELAY_MS + 10 * ROLLOUT_DURATION_MS);
    expect(ready()?.reason).toBe('ResourcesProgressing');

    publish('registry.example.com/orders:5');
    await clock.advance(RECONCILE_DELAY_MS + ROLLOUT_DURATION_MS);
    expect(ready()?.status).toBe('True');
  });

  it('rolls out a promotion (a ReleaseBinding written through the API) and reports bad references', async () => {
    store.create(component('orders'));
    publish('registry.example.com/orders:1');
    await clock.advance(RECONCILE_DELAY_MS + ROLLOUT_DURATION_MS);
    const releaseName = binding()?.spec?.releaseName;
    store.create({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'ReleaseBinding',
      metadata: { name: 'orders-staging', namespace: NS },
      spec: {
        owner: { projectName: 'demo-project', componentName: 'orders' },
        environment: 'staging',
        releaseName,
      },
    });
    await clock.advance(ROLLOUT_DURATION_MS);
    expect(ready('orders-staging')?.status).toBe('True');

    const staging = binding('orders-staging')!;
    store.replace({
      ...staging,
      spec: { ...staging.spec, releaseName: 'orders-nope' },
    });
    await clock.advance(0);
    expect(ready('orders-staging')).toMatchObject({
      status: 'False',
      reason: 'ComponentReleaseNotFound',
    });
  });

  it('leaves components without autoDeploy alone and reports what blocks a release', async () => {
    store.create(component('manual', false));
    store.create(workload('manual', 'registry.example.com/manual:1'));
    await clock.advance(RECONCILE_DELAY_MS);
    expect(
      store
        .list('ReleaseBinding', NS)
        .filter(b => b.metadata.name.startsWith('manual-')),
    ).toEqual([]);
    expect(store.get('Component', NS, 'manual')?.status).toBeUndefined();

    const project = store.get('Project', NS, 'demo-project')!;
    store.replace({
      ...project,
      spec: { ...project.spec, deploymentPipelineRef: { name: 'missing' } },
    });
    store.create(component('orders'));
    publish('registry.example.com/orders:1');
    await clock.advance(RECONCILE_DELAY_MS);
    expect(
      (
        store.get('Component', NS, 'orders')?.status?.conditions as Condition[]
      )[0],
    ).toMatchObject({
      type: 'Ready',
      status: 'False',
      reason: 'DeploymentPipelineNotFound',
      message: 'DeploymentPipeline "missing" not found',
    });
    expect(releases()).toEqual([]);
  });

  it('deploys the seeded autoDeploy components on start', async () => {
    await clock.advance(RECONCILE_DELAY_MS + ROLLOUT_DURATION_MS);
    expect(ready('inventory-api-development')?.status).toBe('True');
  });

  it('does not roll out settled bindings again after a restart', async () => {
    store.create(component('orders'));
    publish('registry.example.com/orders:1');
    await clock.advance(RECONCILE_DELAY_MS + ROLLOUT_DURATION_MS);
    const settled = binding();
    deployments.stop();

    deployments = new DeploymentSimulator({ store, clock });
    deployments.start();
    await clock.advance(RECONCILE_DELAY_MS + ROLLOUT_DURATION_MS);
    expect(binding()).toEqual(settled);
  });
});
