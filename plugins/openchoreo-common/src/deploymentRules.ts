// How OpenChoreo's deploy side is read: the environments of a DeploymentPipeline in promotion
// order, and where a ReleaseBinding stands. One definition for the publisher's `--wait` and the
// portal's deployments card. Isomorphic; structural types, so the client's generated
// `DeploymentPipeline` / `ReleaseBinding` fit without a dependency on the client.

/** A promotion path of a DeploymentPipeline (`spec.promotionPaths[]`). */
export interface PromotionPathLike {
  sourceEnvironmentRef: { name: string };
  targetEnvironmentRefs: ReadonlyArray<{ name: string }>;
}

/** A Kubernetes-style condition, as OpenChoreo reports them. */
export interface DeploymentCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message?: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

/** The parts of a ReleaseBinding that say where it stands. */
export interface ReleaseBindingLike {
  metadata: { name: string };
  spec?: { environment: string; releaseName?: string; state?: string };
  status?: {
    conditions?: DeploymentCondition[];
    lastSpecUpdateTime?: string;
    observedGeneration?: number;
  };
}

/**
 * The first environment of a deployment pipeline: the source of a promotion path that is never a
 * target (OpenChoreo's `findRootEnvironment`); autoDeploy binds new releases to it.
 */
export function rootEnvironment(
  paths: readonly PromotionPathLike[],
): string | undefined {
  const targets = new Set(
    paths.flatMap(path => path.targetEnvironmentRefs.map(ref => ref.name)),
  );
  return paths
    .map(path => path.sourceEnvironmentRef.name)
    .find(name => name && !targets.has(name));
}

/**
 * The pipeline's environments in promotion order: breadth first from `root` (default: the
 * {@link rootEnvironment}); empty when the pipeline has no first environment.
 */
export function orderedEnvironments(
  paths: readonly PromotionPathLike[],
  root: string | undefined = rootEnvironment(paths),
): string[] {
  if (!root) return [];
  const order = [root];
  for (let i = 0; i < order.length; i++) {
    for (const path of paths) {
      if (path.sourceEnvironmentRef.name !== order[i]) continue;
      for (const target of path.targetEnvironmentRefs) {
        if (!order.includes(target.name)) order.push(target.name);
      }
    }
  }
  return order;
}

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

/**
 * Reasons of a Component's `Ready=False` that mean autoDeploy cannot produce a release until
 * someone changes the configuration (OpenChoreo's component controller).
 */
export const AUTO_DEPLOY_BLOCKING_REASONS: ReadonlySet<string> = new Set([
  'AutoDeployFailed',
  'DeploymentPipelineNotFound',
  'ProjectNotFound',
  'ComponentTypeNotFound',
  'TraitNotFound',
  'InvalidConfiguration',
]);

/** Where a binding stands for the release being followed. */
export type BindingState =
  | { state: 'ready'; detail: string }
  | { state: 'failed'; detail: string }
  | { state: 'progressing'; detail: string };

/** `Ready=False ResourcesDegraded: <message>`. */
export function describeCondition(condition: DeploymentCondition): string {
  return `Ready=${condition.status} ${condition.reason}${
    condition.message ? `: ${condition.message}` : ''
  }`;
}

/** The binding's `Ready` condition, if the controller has reported one. */
export function readyCondition(
  binding: ReleaseBindingLike,
): DeploymentCondition | undefined {
  return binding.status?.conditions?.find(c => c.type === 'Ready');
}

/**
 * Reads a ReleaseBinding that references the followed release: `ready` when its `Ready`
 * condition is True, `failed` for a reason in {@link FAILED_BINDING_REASONS} (or
 * `state: Undeploy`), else `progressing`. A condition older than the release (its
 * `lastTransitionTime` before `releaseCreated`, and the controller has not seen the new spec:
 * `lastSpecUpdateTime` before it too) is about the previous release and counts as progressing.
 */
export function releaseBindingState(
  binding: ReleaseBindingLike,
  releaseCreated: string | undefined,
): BindingState {
  if (binding.spec?.state === 'Undeploy') {
    return {
      state: 'failed',
      detail: `ReleaseBinding ${binding.metadata.name} has state Undeploy: nothing is deployed to ${binding.spec.environment}`,
    };
  }
  const status = binding.status;
  const ready = readyCondition(binding);
  if (!ready) {
    return {
      state: 'progressing',
      detail: 'waiting for the controller to report readiness',
    };
  }
  if (!isCurrent(ready, releaseCreated, status)) {
    return {
      state: 'progressing',
      detail: `waiting for the controller to apply the release (last report: ${describeCondition(
        ready,
      )})`,
    };
  }
  if (ready.status === 'True') {
    return { state: 'ready', detail: describeCondition(ready) };
  }
  if (ready.status === 'False' && FAILED_BINDING_REASONS.has(ready.reason)) {
    return { state: 'failed', detail: describeCondition(ready) };
  }
  return { state: 'progressing', detail: describeCondition(ready) };
}

function isCurrent(
  ready: DeploymentCondition,
  releaseCreated: string | undefined,
  status: ReleaseBindingLike['status'],
): boolean {
  if (!releaseCreated) return true;
  const created = Date.parse(releaseCreated);
  if (Date.parse(ready.lastTransitionTime) >= created) return true;
  // A condition that stayed the same across the update (e.g. Ready during a rolling update) is
  // current once the controller has observed the new spec.
  const lastSpecUpdateTime = status?.lastSpecUpdateTime;
  return (
    lastSpecUpdateTime !== undefined &&
    Date.parse(lastSpecUpdateTime) >= created &&
    (ready.observedGeneration === undefined ||
      status?.observedGeneration === undefined ||
      ready.observedGeneration === status.observedGeneration)
  );
}
