import { ApiClient } from './apiClient';
import { resolveDeploymentTarget } from './deployment/deploymentTarget';
import { waitForDeployment } from './deployment/waitForDeployment';
import { ExitCode, PublishError } from './errors';
import type { PublishOptions } from './options';
import { publishWorkload } from './publishWorkload';
import type { RetryPolicy } from './retry';
import type { Workload } from './workload';

/** How the API mode runs: credentials, output and test overrides. */
export interface ApiModeContext {
  clientId: string;
  clientSecret: string;
  stdout: (line: string) => void;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  /** Poll interval of `--wait` (default 5 s). */
  pollIntervalMs?: number;
}

/** The poll interval of `--wait`. */
export const DEFAULT_POLL_INTERVAL_MS = 5000;

/**
 * `--mode api` (CI owned): POST/PUT the Workload. With `--wait` (CD participates): first work
 * out the environment the deployment reaches (an unknown one fails before publishing), then
 * publish, then follow the release until it is ready there.
 */
export async function runApiMode(
  publish: PublishOptions,
  workload: Workload,
  fromDescriptor: boolean,
  context: ApiModeContext,
): Promise<void> {
  const { stdout, clientId } = context;
  const api = new ApiClient({
    apiUrl: publish.apiUrl!,
    tokenUrl: publish.tokenUrl!,
    clientId,
    clientSecret: context.clientSecret,
    retry: { ...publish.retry, ...context.retry },
    log: stdout,
    fetch: context.fetch,
  });
  const target = publish.wait
    ? await resolveDeploymentTarget(
        api,
        {
          namespace: publish.namespace,
          project: publish.project,
          component: publish.component,
          environment: publish.wait.environment,
        },
        clientId,
      )
    : undefined;
  const outcome = await publishWorkload(
    api,
    {
      workload,
      namespace: publish.namespace,
      project: publish.project,
      component: publish.component,
      fromDescriptor,
      clientId,
    },
    stdout,
  );
  const image = outcome.workload.spec?.container?.image ?? publish.image;
  stdout(
    `Published: ${outcome.action} workload ${workload.metadata.name} in namespace ` +
      `${publish.namespace} with image ${image}`,
  );
  if (!publish.wait || !target) return;
  if (!target.autoDeploy) {
    throw new PublishError(
      `Published image ${image}, but component ${publish.component} has autoDeploy off, so OpenChoreo does not ` +
        `deploy a new Workload by itself: turn autoDeploy on for the component, or deploy the release to ${target.environment} ` +
        'from the portal, then run without --wait.',
      ExitCode.NotDeployed,
    );
  }
  const deployment = await waitForDeployment(api, {
    namespace: publish.namespace,
    component: publish.component,
    image,
    target,
    timeoutMs: publish.wait.timeoutMs,
    pollIntervalMs: context.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    clientId,
    log: stdout,
  });
  stdout(
    `Deployed: release ${deployment.release} of image ${image} is ready in ${deployment.environment} ` +
      `(ReleaseBinding ${deployment.binding})`,
  );
}
