import {
  releaseBindingState,
  type ReleaseBinding,
} from './releaseBindingState';

const RELEASE_CREATED = '2026-05-04T10:00:00Z';

function binding(
  ready: { status: 'True' | 'False'; reason: string; at: string; gen?: number },
  status: { lastSpecUpdateTime?: string; observedGeneration?: number } = {},
  state?: 'Active' | 'Undeploy',
): ReleaseBinding {
  return {
    metadata: { name: 'orders-development' },
    spec: {
      owner: { projectName: 'p', componentName: 'orders' },
      environment: 'development',
      releaseName: 'orders-abc',
      state: state ?? 'Active',
    },
    status: {
      ...status,
      conditions: [
        {
          type: 'Ready',
          status: ready.status,
          reason: ready.reason,
          message: 'm',
          lastTransitionTime: ready.at,
          observedGeneration: ready.gen,
        },
      ],
    },
  };
}

describe('releaseBindingState', () => {
  it('is ready, failed or progressing by the Ready condition of the release', () => {
    expect(
      releaseBindingState(
        binding({
          status: 'True',
          reason: 'Ready',
          at: '2026-05-04T10:00:05Z',
        }),
        RELEASE_CREATED,
      ),
    ).toEqual({ state: 'ready', detail: 'Ready=True Ready: m' });
    expect(
      releaseBindingState(
        binding({
          status: 'False',
          reason: 'ResourcesDegraded',
          at: '2026-05-04T10:00:05Z',
        }),
        RELEASE_CREATED,
      ).state,
    ).toBe('failed');
    expect(
      releaseBindingState(
        binding({
          status: 'False',
          reason: 'ResourcesNotReady',
          at: '2026-05-04T10:00:05Z',
        }),
        RELEASE_CREATED,
      ).state,
    ).toBe('progressing');
  });

  it('does not take a report about the previous release for this one', () => {
    const stale = releaseBindingState(
      binding({ status: 'True', reason: 'Ready', at: '2026-05-04T09:00:00Z' }),
      RELEASE_CREATED,
    );
    expect(stale.state).toBe('progressing');
    expect(stale.detail).toContain(
      'waiting for the controller to apply the release',
    );
    // Ready stayed True across a rolling update, but the controller saw the new spec.
    expect(
      releaseBindingState(
        binding(
          {
            status: 'True',
            reason: 'Ready',
            at: '2026-05-04T09:00:00Z',
            gen: 3,
          },
          { lastSpecUpdateTime: '2026-05-04T10:00:01Z', observedGeneration: 3 },
        ),
        RELEASE_CREATED,
      ).state,
    ).toBe('ready');
  });

  it('fails a binding that is undeployed', () => {
    expect(
      releaseBindingState(
        binding(
          { status: 'True', reason: 'Ready', at: '2026-05-04T10:00:05Z' },
          {},
          'Undeploy',
        ),
        RELEASE_CREATED,
      ).state,
    ).toBe('failed');
  });
});
