import type { OpenChoreoComponents } from '@openchoreo-ci/openchoreo-client';

type Schemas = OpenChoreoComponents['schemas'];
/** A ReleaseBinding as the API returns it. */
export type ReleaseBinding = Schemas['ReleaseBinding'];
type Condition = Schemas['Condition'];

/**
 * Reasons of a ReleaseBinding's `Ready=False` that waiting does not fix (OpenChoreo's
 * releasebinding controller); any other `False` reason (ResourcesProgressing, ResourcesNotReady,
 * ResourcesUnknown, ConnectionsPending, JobRunning...) is still progressing.
 */
export const FAILED_BINDING_REASONS: ReadonlySet<string> = new Set([
  'ComponentReleaseNotFound',
  'EnvironmentNotFound',
  'DataPlaneNotFound',
  'DataPlaneNotConfigured',
  'ComponentNotFound',
  'ProjectNotFound',
  'InvalidReleaseConfiguration',
  'RenderingFailed',
  'ReleaseOwnershipConflict',
  'ReleaseUpdateFailed',
  'ResourceApplyFailed',
  'ResourcesDegraded',
  'ResourcesUndeployed',
  'JobFailed',
]);

/** Where a binding stands for the release being followed. */
export type BindingState =
  | { state: 'ready'; detail: string }
  | { state: 'failed'; detail: string }
  | { state: 'progressing'; detail: string };

/**
 * Reads a ReleaseBinding that references the followed release: `ready` when its `Ready`
 * condition is True, `failed` for a reason in {@link FAILED_BINDING_REASONS} (or
 * `state: Undeploy`), else `progressing`. A condition older than the release (its
 * `lastTransitionTime` before `releaseCreated`, and the controller has not seen the new spec:
 * `lastSpecUpdateTime` before it too) is about the previous release and counts as progressing.
 */
export function releaseBindingState(
  binding: ReleaseBinding,
  releaseCreated: string | undefined,
): BindingState {
  if (binding.spec?.state === 'Undeploy') {
    return {
      state: 'failed',
      detail: `ReleaseBinding ${binding.metadata.name} has state Undeploy: nothing is deployed to ${binding.spec.environment}`,
    };
  }
  const status = binding.status;
  const ready = status?.conditions?.find(c => c.type === 'Ready');
  if (!ready) {
    return {
      state: 'progressing',
      detail: 'waiting for the controller to report readiness',
    };
  }
  const describe = (condition: Condition) =>
    `Ready=${condition.status} ${condition.reason}${
      condition.message ? `: ${condition.message}` : ''
    }`;
  if (!isCurrent(ready, status?.lastSpecUpdateTime, releaseCreated, status)) {
    return {
      state: 'progressing',
      detail: `waiting for the controller to apply the release (last report: ${describe(
        ready,
      )})`,
    };
  }
  if (ready.status === 'True')
    return { state: 'ready', detail: describe(ready) };
  if (ready.status === 'False' && FAILED_BINDING_REASONS.has(ready.reason)) {
    return { state: 'failed', detail: describe(ready) };
  }
  return { state: 'progressing', detail: describe(ready) };
}

function isCurrent(
  ready: Condition,
  lastSpecUpdateTime: string | undefined,
  releaseCreated: string | undefined,
  status: ReleaseBinding['status'],
): boolean {
  if (!releaseCreated) return true;
  const created = Date.parse(releaseCreated);
  if (Date.parse(ready.lastTransitionTime) >= created) return true;
  // A condition that stayed the same across the update (e.g. Ready during a rolling update) is
  // current once the controller has observed the new spec.
  return (
    lastSpecUpdateTime !== undefined &&
    Date.parse(lastSpecUpdateTime) >= created &&
    (ready.observedGeneration === undefined ||
      status?.observedGeneration === undefined ||
      ready.observedGeneration === status.observedGeneration)
  );
}
