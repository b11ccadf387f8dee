/*
 * `yarn devstack`: starts the local OpenChoreo control plane and prints its URLs and seeded
 * credentials. Settings come from the environment:
 *   DEVSTACK_HOST (127.0.0.1), DEVSTACK_API_PORT (8080), DEVSTACK_IDP_PORT (8081),
 *   DEVSTACK_JENKINS_PORT (8082), DEVSTACK_GITHUB_PORT (8083), DEVSTACK_GITLAB_PORT (8084),
 *   DEVSTACK_OBSERVER_PORT (8085), DEVSTACK_POD_RETENTION_SECONDS (86400: simulated time after a build
 *   completes until its pods and live logs are collected; the Observer keeps them),
 *   DEVSTACK_TIME_SCALE (1), DEVSTACK_STATE_DIR (unset: in memory),
 *   DEVSTACK_QUIET=1 to drop the per-request log lines, DEVSTACK_PORTAL_REDIRECT_URIS (comma-separated
 *   extra OIDC redirect URIs of the portal client, for a portal on another port than 7007).
 */
import { startDevstack } from './devstack';
import { describeDevstack } from './describeDevstack';

function numberFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  }
  return value;
}

async function main() {
  const devstack = await startDevstack({
    host: process.env.DEVSTACK_HOST,
    apiPort: numberFromEnv('DEVSTACK_API_PORT'),
    idpPort: numberFromEnv('DEVSTACK_IDP_PORT'),
    jenkinsPort: numberFromEnv('DEVSTACK_JENKINS_PORT'),
    githubPort: numberFromEnv('DEVSTACK_GITHUB_PORT'),
    gitlabPort: numberFromEnv('DEVSTACK_GITLAB_PORT'),
    observerPort: numberFromEnv('DEVSTACK_OBSERVER_PORT'),
    podRetentionMs: (() => {
      const seconds = numberFromEnv('DEVSTACK_POD_RETENTION_SECONDS');
      return seconds === undefined ? undefined : seconds * 1000;
    })(),
    timeScale: numberFromEnv('DEVSTACK_TIME_SCALE'),
    stateDir: process.env.DEVSTACK_STATE_DIR || undefined,
    portalRedirectUris: process.env.DEVSTACK_PORTAL_REDIRECT_URIS?.split(',')
      .map(uri => uri.trim())
      .filter(Boolean),
    logger:
      process.env.DEVSTACK_QUIET === '1'
        ? undefined
        : line => process.stdout.write(`devstack ${line}\n`),
  });
  process.stdout.write(`${describeDevstack(devstack)}\n`);

  const shutdown = () => {
    devstack.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch(error => {
  process.stderr.write(
    `devstack failed to start: ${error?.message ?? error}\n`,
  );
  process.exit(1);
});
