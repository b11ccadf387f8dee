import type { OpenChoreoComponents } from '@openchoreo-ci/openchoreo-client';
import { AUTO_DEPLOY_BLOCKING_REASONS } from '@openchoreo-ci/plugin-openchoreo-common';
import type { ApiClient } from '../apiClient';
import { formatDuration } from '../duration';
import { ExitCode, PublishError } from '../errors';
import type { DeploymentTarget } from './deploymentTarget';
import { readAllItems, readResource } from './readResource';
import {
  releaseBindingState,
  type ReleaseBinding,
} from './releaseBindingState';

type Schemas = OpenChoreoComponents['schemas'];
type Component = Schemas['Component'];
type ComponentRelease = Schemas['ComponentRelease'];

/** What `--wait` follows, and how. */
export interface WaitRequest {
  namespace: string;
  component: string;
  image: string;
  target: DeploymentTarget;
  timeoutMs: number;
  pollIntervalMs: number;
  clientId: string;
  log: (line: string) => void;
}

/** The deployment that became ready. */
export interface Deployment {
  release: string;
  binding: string;
  environment: string;
}

/**
 * CI owned, CD participates: after the publish, follows what OpenChoreo does with the Workload
 * until the release runs in the target environment. Polls the Component (its
 * `status.latestRelease`), the ComponentRelease (its frozen workload must carry the image) and
 * the component's ReleaseBinding to the environment (its `releaseName`, then its `Ready`
 * condition), printing each new step. Throws exit 6 when the deployment fails (with the
 * binding's reason) and exit 7 when it is not ready within the timeout.
 */
export async function waitForDeployment(
  api: ApiClient,
  request: WaitRequest,
): Promise<Deployment> {
  const { target, log } = request;
  const started = Date.now();
  const deadline = started + request.timeoutMs;
  let lastStep = '';
  const step = (line: string) => {
    if (line !== lastStep) log(line);
    lastStep = line;
  };
  log(
    `Waiting up to ${formatDuration(request.timeoutMs)} for the deployment of ${
      request.image
    } to ${target.environment} (deployment pipeline ${
      target.pipeline
    }: ${target.environments.join(' → ')})`,
  );
  const notDeployed = (reason: string) =>
    new PublishError(
      `Published image ${request.image}, but it was not deployed to ${target.environment}: ${reason}`,
      ExitCode.NotDeployed,
    );
  for (;;) {
    const release = await findRelease(api, request, notDeployed);
    if (!release) {
      step(
        `Waiting for OpenChoreo to create the ComponentRelease of image ${request.image}`,
      );
    } else {
      const releaseName = release.metadata.name;
      step(`ComponentRelease ${releaseName} holds image ${request.image}`);
      const binding = await findBinding(api, request);
      if (!binding) {
        const promotion =
          target.environment === target.firstEnvironment
            ? ''
            : ` (it gets releases by promotion from ${target.firstEnvironment})`;
        step(
          `Waiting for the ReleaseBinding of ${request.component} to ${target.environment}${promotion}`,
        );
      } else if (binding.spec?.releaseName !== releaseName) {
        step(
          `ReleaseBinding ${binding.metadata.name} references ${
            binding.spec?.releaseName ?? 'no release'
          }; waiting for it to reference ${releaseName}`,
        );
      } else {
        const state = releaseBindingState(
          binding,
          release.metadata.creationTimestamp,
        );
        step(
          `ReleaseBinding ${binding.metadata.name} (${target.environment}, ${releaseName}): ${state.detail}`,
        );
        if (state.state === 'ready') {
          for (const endpoint of binding.status?.endpoints ?? []) {
            if (endpoint.invokeURL) {
              log(`Endpoint ${endpoint.name}: ${endpoint.invokeURL}`);
            }
          }
          return {
            release: releaseName,
            binding: binding.metadata.name,
            environment: target.environment,
          };
        }
        if (state.state === 'failed') {
          throw notDeployed(
            `the deployment failed (ReleaseBinding ${binding.metadata.name}: ${state.detail}). ` +
              'Fix the cause and publish again; the portal shows the binding and its resources.',
          );
        }
      }
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new PublishError(
        `Published image ${request.image}, but its deployment to ${
          target.environment
        } was not ready within ${formatDuration(
          request.timeoutMs,
        )} (last step: ${lastStep}). ` +
          'It may still finish: check the component in the portal, or raise --wait-timeout.',
        ExitCode.DeployTimeout,
      );
    }
    await new Promise(resolve =>
      setTimeout(resolve, Math.min(request.pollIntervalMs, remaining)),
    );
  }
}

/** The component's latest ComponentRelease when it holds the published image. */
async function findRelease(
  api: ApiClient,
  request: WaitRequest,
  notDeployed: (reason: string) => PublishError,
): Promise<ComponentRelease | undefined> {
  const ns = `/namespaces/${encodeURIComponent(request.namespace)}`;
  const component = await readResource<Component>(
    api,
    `${ns}/components/${encodeURIComponent(request.component)}`,
    `component "${request.component}"`,
    request.clientId,
  );
  const ready = component?.status?.conditions?.find(c => c.type === 'Ready');
  const latest = component?.status?.latestRelease?.name;
  const holdsImage = (release: ComponentRelease | undefined) =>
    (release?.spec?.workload as { container?: { image?: unknown } } | undefined)
      ?.container?.image === request.image;
  if (latest) {
    const release = await readResource<ComponentRelease>(
      api,
      `${ns}/componentreleases/${encodeURIComponent(latest)}`,
      `ComponentRelease "${latest}"`,
      request.clientId,
      true,
    );
    if (holdsImage(release)) return release;
  } else {
    // Servers that do not report latestRelease: the newest release of the component with the image.
    const releases = await readAllItems<ComponentRelease>(
      api,
      `${ns}/componentreleases?component=${encodeURIComponent(
        request.component,
      )}`,
      `the ComponentReleases of "${request.component}"`,
      request.clientId,
    );
    const matching = releases
      .filter(holdsImage)
      .sort((a, b) =>
        (b.metadata.creationTimestamp ?? '').localeCompare(
          a.metadata.creationTimestamp ?? '',
        ),
      );
    if (matching[0]) return matching[0];
  }
  if (
    ready?.status === 'False' &&
    AUTO_DEPLOY_BLOCKING_REASONS.has(ready.reason)
  ) {
    throw notDeployed(
      `OpenChoreo cannot release component ${request.component} (Ready=False ${
        ready.reason
      }${
        ready.message ? `: ${ready.message}` : ''
      }). Fix the component's configuration and publish again.`,
    );
  }
  return undefined;
}

/** The component's ReleaseBinding to the target environment. */
async function findBinding(
  api: ApiClient,
  request: WaitRequest,
): Promise<ReleaseBinding | undefined> {
  const bindings = await readAllItems<ReleaseBinding>(
    api,
    `/namespaces/${encodeURIComponent(
      request.namespace,
    )}/releasebindings?component=${encodeURIComponent(request.component)}`,
    `the ReleaseBindings of "${request.component}"`,
    request.clientId,
  );
  return bindings.find(
    binding =>
      binding.spec?.environment === request.target.environment &&
      binding.spec?.owner?.componentName === request.component,
  );
}
