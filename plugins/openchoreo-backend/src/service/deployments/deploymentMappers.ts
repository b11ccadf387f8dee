import type {
  Component,
  ComponentRelease,
  Environment,
  ReleaseBinding,
  Workload,
} from '@openchoreo-ci/openchoreo-client';
import {
  AUTO_DEPLOY_BLOCKING_REASONS,
  readDisplayInfo,
  readyCondition,
  releaseBindingState,
  type DeployedRelease,
  type EnvironmentDeployment,
  type LatestBuildDeployment,
} from '@openchoreo-ci/plugin-openchoreo-common';

/** What the mappers know about the releases bound or made: `null` when one could not be found. */
export type ReleasesByName = ReadonlyMap<string, ComponentRelease | null>;

/** A value without `undefined`, `null`, empty arrays and empty objects, with sorted keys. */
function normalized(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalized);
    return items.length === 0 ? undefined : items;
  }
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .map(key => [key, normalized((value as Record<string, unknown>)[key])])
      .filter(([, v]) => v !== undefined);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value === null ? undefined : value;
}

/** The workload spec a release froze (without the owner, which a release keeps apart). */
function frozenWorkload(release: ComponentRelease): Record<string, unknown> {
  const workload = release.spec?.workload ?? {};
  const { owner: _owner, ...spec } = workload as Record<string, unknown>;
  return spec;
}

/** The image of a release's frozen workload. */
export function releaseImage(release: ComponentRelease): string | undefined {
  const container = frozenWorkload(release).container as
    | { image?: unknown }
    | undefined;
  return typeof container?.image === 'string' ? container.image : undefined;
}

/**
 * True when `release` was made from the current Workload: the same image and the same spec
 * (container, endpoints, dependencies...; empty and missing count as equal, the owner is ignored).
 */
export function releaseHoldsWorkload(
  release: ComponentRelease,
  workload: Workload | undefined,
): boolean {
  if (!workload?.spec) return false;
  const { owner: _owner, ...current } = workload.spec;
  return (
    JSON.stringify(normalized(current)) ===
    JSON.stringify(normalized(frozenWorkload(release)))
  );
}

/** The component's binding to an environment (OpenChoreo keeps at most one per environment). */
export function bindingFor(
  bindings: readonly ReleaseBinding[],
  component: string,
  environment: string,
): ReleaseBinding | undefined {
  return bindings.find(
    b =>
      b.spec?.environment === environment &&
      (b.spec.owner?.componentName ?? component) === component,
  );
}

function toDeployedRelease(
  name: string,
  releases: ReleasesByName,
  workload: Workload | undefined,
): DeployedRelease {
  const release = releases.get(name);
  if (!release) return { name, current: false };
  const image = releaseImage(release);
  return {
    name,
    ...(image ? { image } : {}),
    ...(release.metadata.creationTimestamp
      ? { createdAt: release.metadata.creationTimestamp }
      : {}),
    current: releaseHoldsWorkload(release, workload),
  };
}

/** One environment of the pipeline and what the component's binding to it says. */
export function toEnvironmentDeployment(input: {
  environment: string;
  definition?: Environment;
  binding?: ReleaseBinding;
  releases: ReleasesByName;
  workload?: Workload;
  /** The pipeline's first environment (autoDeploy's), for the not-deployed message. */
  first: string;
}): EnvironmentDeployment {
  const { environment, definition, binding, releases, workload } = input;
  const display = definition
    ? readDisplayInfo(definition.metadata.annotations)
    : {};
  const base: EnvironmentDeployment = {
    environment,
    ...(display.displayName ? { displayName: display.displayName } : {}),
    ...(definition?.spec?.isProduction !== undefined
      ? { isProduction: definition.spec.isProduction }
      : {}),
    state: 'not-deployed',
  };
  if (!binding) {
    return {
      ...base,
      message:
        environment === input.first
          ? 'Nothing deployed yet: OpenChoreo binds a release here when the component has one.'
          : `Not promoted here yet: releases reach ${environment} by promotion.`,
    };
  }
  const releaseName = binding.spec?.releaseName;
  const release = releaseName
    ? toDeployedRelease(releaseName, releases, workload)
    : undefined;
  const ready = readyCondition(binding);
  const withBinding: EnvironmentDeployment = {
    ...base,
    binding: binding.metadata.name,
    ...(release ? { release } : {}),
    ...(ready ? { reason: ready.reason, since: ready.lastTransitionTime } : {}),
  };
  if (binding.spec?.state === 'Undeploy') {
    return {
      ...withBinding,
      reason: 'Undeploy',
      message: `Undeployed: the ReleaseBinding ${binding.metadata.name} has state Undeploy.`,
    };
  }
  if (!releaseName) {
    return {
      ...withBinding,
      message: `The ReleaseBinding ${binding.metadata.name} names no release yet.`,
    };
  }
  const frozen = releases.get(releaseName);
  const rule = releaseBindingState(binding, frozen?.metadata.creationTimestamp);
  const message = ready?.message || rule.detail;
  if (rule.state === 'ready') {
    const endpoints = (binding.status?.endpoints ?? []).flatMap(e =>
      e.invokeURL ? [{ name: e.name, url: e.invokeURL }] : [],
    );
    return {
      ...withBinding,
      state: 'ready',
      message,
      ...(endpoints.length ? { endpoints } : {}),
    };
  }
  return { ...withBinding, state: rule.state, message };
}

const imageOf = (workload: Workload | undefined) =>
  workload?.spec?.container?.image;

/**
 * Whether the current Workload (what the latest build published) has reached the pipeline's
 * first environment: compares it with the release bound there, then with the component's
 * latest release; says why not and what to do.
 */
export function toLatestBuildDeployment(input: {
  component: Component;
  workload?: Workload;
  first?: EnvironmentDeployment;
  releases: ReleasesByName;
  /** Why the pipeline cannot be followed, when it cannot. */
  problem?: string;
}): LatestBuildDeployment {
  const { component, workload, first, releases } = input;
  const image = imageOf(workload);
  const withImage = image ? { image } : {};
  if (!workload) {
    return {
      state: 'no-workload',
      message:
        'No workload yet: nothing to deploy until a build publishes one.',
    };
  }
  if (input.problem || !first) {
    return {
      state: 'not-deployed',
      ...withImage,
      message:
        input.problem ??
        'The project has no deployment pipeline with a first environment.',
    };
  }
  const where = first.displayName ?? first.environment;
  const environment = first.environment;
  const bound = first.release;
  if (bound?.current) {
    const common = {
      ...withImage,
      release: bound.name,
      environment,
    };
    switch (first.state) {
      case 'ready':
        return {
          state: 'deployed',
          ...common,
          message: `The latest build is ready in ${where} (release ${bound.name}).`,
        };
      case 'failed':
        return {
          state: 'failed',
          ...common,
          message: `The latest build failed to deploy to ${where}: ${
            first.reason ? `${first.reason}: ` : ''
          }${
            first.message ?? 'no reason given'
          }. Fix the cause and publish again.`,
        };
      case 'progressing':
        return {
          state: 'deploying',
          ...common,
          message: `The latest build is rolling out to ${where} (release ${bound.name}).`,
        };
      default:
        return {
          state: 'not-deployed',
          ...common,
          message: `The latest build's release ${
            bound.name
          } is bound to ${where} but not deployed: ${
            first.message ?? ''
          }`.trim(),
        };
    }
  }
  const latestName = component.status?.latestRelease?.name;
  const latest = latestName ? releases.get(latestName) : undefined;
  const autoDeploy = component.spec?.autoDeploy === true;
  if (latest && releaseHoldsWorkload(latest, workload)) {
    return autoDeploy
      ? {
          state: 'deploying',
          ...withImage,
          release: latest.metadata.name,
          environment,
          message: `Release ${latest.metadata.name} holds the latest build; waiting for OpenChoreo to bind it to ${where}.`,
        }
      : {
          state: 'not-deployed',
          ...withImage,
          release: latest.metadata.name,
          environment,
          message: `Release ${latest.metadata.name} holds the latest build, but autoDeploy is off: deploy it to ${where} from OpenChoreo, or turn autoDeploy on.`,
        };
  }
  if (!autoDeploy) {
    return {
      state: 'not-deployed',
      ...withImage,
      environment,
      message: `autoDeploy is off for this component: OpenChoreo does not release new workloads by itself. Deploy the latest build to ${where} from OpenChoreo, or turn autoDeploy on.`,
    };
  }
  const ready = component.status?.conditions?.find(c => c.type === 'Ready');
  if (
    ready?.status === 'False' &&
    AUTO_DEPLOY_BLOCKING_REASONS.has(ready.reason)
  ) {
    return {
      state: 'not-deployed',
      ...withImage,
      environment,
      message: `OpenChoreo cannot release the latest build: ${ready.reason}${
        ready.message ? `: ${ready.message}` : ''
      }. Ask a platform engineer to fix the component's configuration.`,
    };
  }
  return {
    state: 'deploying',
    ...withImage,
    environment,
    message: `Waiting for OpenChoreo to make a release of the latest build for ${where}.`,
  };
}
