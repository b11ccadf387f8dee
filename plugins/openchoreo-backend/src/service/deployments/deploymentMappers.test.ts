import type {
  Component,
  ComponentRelease,
  Workload,
} from '@openchoreo-ci/openchoreo-client';
import {
  releaseHoldsWorkload,
  toEnvironmentDeployment,
  toLatestBuildDeployment,
} from './deploymentMappers';

const workload = (spec: Partial<NonNullable<Workload['spec']>>): Workload => ({
  metadata: { name: 'orders-workload' },
  spec: {
    owner: { projectName: 'shop', componentName: 'orders' },
    container: { image: 'registry.example.com/orders:1' },
    ...spec,
  },
});

const release = (frozen: Record<string, unknown>): ComponentRelease => ({
  metadata: { name: 'orders-1a2b', creationTimestamp: '2026-05-04T10:00:00Z' },
  spec: {
    owner: { projectName: 'shop', componentName: 'orders' },
    componentType: {},
    workload: frozen,
  },
});

describe('releaseHoldsWorkload', () => {
  it('compares image and spec, ignoring the owner and empty values', () => {
    const current = workload({
      endpoints: { http: { type: 'HTTP', port: 8080 } },
    });
    expect(
      releaseHoldsWorkload(
        release({
          container: { image: 'registry.example.com/orders:1', env: [] },
          endpoints: { http: { port: 8080, type: 'HTTP' } },
          dependencies: {},
        }),
        current,
      ),
    ).toBe(true);
    // Same image, but the endpoints changed since: not the current Workload.
    expect(
      releaseHoldsWorkload(
        release({ container: { image: 'registry.example.com/orders:1' } }),
        current,
      ),
    ).toBe(false);
    expect(
      releaseHoldsWorkload(
        release({ container: { image: 'registry.example.com/orders:0' } }),
        workload({}),
      ),
    ).toBe(false);
    expect(releaseHoldsWorkload(release({}), undefined)).toBe(false);
  });
});

describe('toLatestBuildDeployment', () => {
  const component = (status: Component['status'], autoDeploy = true) =>
    ({
      metadata: { name: 'orders' },
      spec: {
        owner: { projectName: 'shop' },
        componentType: {
          kind: 'ClusterComponentType',
          name: 'deployment/service',
        },
        autoDeploy,
      },
      status,
    } as Component);

  it('says what blocks autoDeploy when the component controller cannot release', () => {
    const first = toEnvironmentDeployment({
      environment: 'development',
      releases: new Map(),
      first: 'development',
    });
    expect(
      toLatestBuildDeployment({
        component: component({
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              reason: 'ComponentTypeNotFound',
              message: 'ClusterComponentType "deployment/service" not found',
              lastTransitionTime: '2026-05-04T10:00:00Z',
            },
          ],
        }),
        workload: workload({}),
        first,
        releases: new Map(),
      }),
    ).toEqual({
      state: 'not-deployed',
      image: 'registry.example.com/orders:1',
      environment: 'development',
      message:
        'OpenChoreo cannot release the latest build: ComponentTypeNotFound: ClusterComponentType "deployment/service" not found. Ask a platform engineer to fix the component\'s configuration.',
    });
  });

  it('waits for the binding when the latest release holds the Workload but is not bound yet', () => {
    const latest = release({
      container: { image: 'registry.example.com/orders:1' },
    });
    expect(
      toLatestBuildDeployment({
        component: component({
          latestRelease: { name: 'orders-1a2b', releaseHash: 'x' },
        }),
        workload: workload({}),
        first: toEnvironmentDeployment({
          environment: 'development',
          releases: new Map(),
          first: 'development',
        }),
        releases: new Map([['orders-1a2b', latest]]),
      }),
    ).toMatchObject({
      state: 'deploying',
      release: 'orders-1a2b',
      message:
        'Release orders-1a2b holds the latest build; waiting for OpenChoreo to bind it to development.',
    });
  });

  it('passes the pipeline problem on', () => {
    expect(
      toLatestBuildDeployment({
        component: component({}),
        workload: workload({}),
        releases: new Map(),
        problem:
          'The deployment pipeline "default" of project "shop" does not exist.',
      }),
    ).toEqual({
      state: 'not-deployed',
      image: 'registry.example.com/orders:1',
      message:
        'The deployment pipeline "default" of project "shop" does not exist.',
    });
  });
});

describe('toEnvironmentDeployment', () => {
  it('reads an undeployed binding as not deployed, and a release that is gone without its image', () => {
    const deployment = toEnvironmentDeployment({
      environment: 'staging',
      binding: {
        metadata: { name: 'orders-staging' },
        spec: {
          owner: { projectName: 'shop', componentName: 'orders' },
          environment: 'staging',
          releaseName: 'orders-gone',
          state: 'Undeploy',
        },
      },
      releases: new Map([['orders-gone', null]]),
      first: 'development',
    });
    expect(deployment).toEqual({
      environment: 'staging',
      state: 'not-deployed',
      binding: 'orders-staging',
      release: { name: 'orders-gone', current: false },
      reason: 'Undeploy',
      message:
        'Undeployed: the ReleaseBinding orders-staging has state Undeploy.',
    });
  });
});
