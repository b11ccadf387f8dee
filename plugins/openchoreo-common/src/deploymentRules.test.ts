import {
  orderedEnvironments,
  releaseBindingState,
  rootEnvironment,
  type PromotionPathLike,
  type ReleaseBindingLike,
} from './deploymentRules';

const path = (source: string, ...targets: string[]): PromotionPathLike => ({
  sourceEnvironmentRef: { name: source },
  targetEnvironmentRefs: targets.map(name => ({ name })),
});

describe('the environments of a deployment pipeline', () => {
  it('starts at the source that is never a target and follows the promotion paths', () => {
    // Listed out of order, with a fork: staging promotes to production and to a perf environment.
    const paths = [
      path('staging', 'production', 'perf'),
      path('development', 'staging'),
    ];
    expect(rootEnvironment(paths)).toBe('development');
    expect(orderedEnvironments(paths)).toEqual([
      'development',
      'staging',
      'production',
      'perf',
    ]);
  });

  it('has no first environment when every source is also a target, or no paths', () => {
    const loop = [path('a', 'b'), path('b', 'a')];
    expect(rootEnvironment(loop)).toBeUndefined();
    expect(orderedEnvironments(loop)).toEqual([]);
    expect(orderedEnvironments([])).toEqual([]);
  });

  it('lists one environment once, even when two paths reach it', () => {
    const paths = [
      path('dev', 'qa', 'uat'),
      path('qa', 'prod'),
      path('uat', 'prod'),
    ];
    expect(orderedEnvironments(paths)).toEqual(['dev', 'qa', 'uat', 'prod']);
  });
});

describe('releaseBindingState (the portal reads bindings with the publisher rule)', () => {
  const binding = (
    ready?: { status: 'True' | 'False'; reason: string; message?: string },
    state: 'Active' | 'Undeploy' = 'Active',
  ): ReleaseBindingLike => ({
    metadata: { name: 'orders-development' },
    spec: { environment: 'development', releaseName: 'orders-1', state },
    status: ready
      ? {
          conditions: [
            {
              type: 'Ready',
              lastTransitionTime: '2026-05-04T10:00:05Z',
              ...ready,
            },
          ],
        }
      : {},
  });

  it('reads Ready=True as ready, a failure reason as failed and anything else as progressing', () => {
    expect(
      releaseBindingState(
        binding({ status: 'True', reason: 'Ready' }),
        undefined,
      ),
    ).toEqual({ state: 'ready', detail: 'Ready=True Ready' });
    expect(
      releaseBindingState(
        binding({
          status: 'False',
          reason: 'ResourcesDegraded',
          message: 'CrashLoopBackOff',
        }),
        undefined,
      ),
    ).toEqual({
      state: 'failed',
      detail: 'Ready=False ResourcesDegraded: CrashLoopBackOff',
    });
    expect(
      releaseBindingState(
        binding({ status: 'False', reason: 'ResourcesProgressing' }),
        undefined,
      ).state,
    ).toBe('progressing');
    expect(releaseBindingState(binding(), undefined)).toEqual({
      state: 'progressing',
      detail: 'waiting for the controller to report readiness',
    });
  });

  it('does not trust a Ready condition older than the release it points at', () => {
    expect(
      releaseBindingState(
        binding({ status: 'True', reason: 'Ready' }),
        '2026-05-04T11:00:00Z',
      ).state,
    ).toBe('progressing');
  });

  it('reads state Undeploy as failed (nothing is deployed)', () => {
    expect(
      releaseBindingState(binding(undefined, 'Undeploy'), undefined),
    ).toEqual({
      state: 'failed',
      detail:
        'ReleaseBinding orders-development has state Undeploy: nothing is deployed to development',
    });
  });
});
