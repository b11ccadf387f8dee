import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { ResourceStore, startOpenChoreoApi } from './api';
import type { RunningOpenChoreoApi } from './api';
import { DeploymentSimulator, WorkflowRunSimulator } from './api/simulation';
import { startIdentityProvider } from './idp';
import type { IdentityProvider } from './idp';
import { startJenkinsEmulator } from './jenkins';
import type { JenkinsEmulator } from './jenkins';
import { startGitHubEmulator } from './github';
import type { GitHubEmulator } from './github';
import { startGitLabEmulator } from './gitlab';
import type { GitLabEmulator } from './gitlab';
import {
  archiveCompletedRuns,
  ObserverArchive,
  startObserver,
  type RunningObserver,
} from './observer';

/** Where the devstack listens and how it behaves; every field has a local default. */
export interface DevstackOptions {
  host?: string;
  /** OpenChoreo API stand-in port (default 8080; 0 = random). */
  apiPort?: number;
  /** Identity provider port (default 8081; 0 = random). */
  idpPort?: number;
  /** Jenkins emulator port (default 8082; 0 = random). */
  jenkinsPort?: number;
  /** GitHub REST emulator port (default 8083 when `apiPort` is left at 8080, else random). */
  githubPort?: number;
  /** GitLab REST emulator port (default 8084 when `apiPort` is left at 8080, else random). */
  gitlabPort?: number;
  /** Observer stand-in port (default 8085 when `apiPort` is left at 8080, else random). */
  observerPort?: number;
  /**
   * Simulated time after a build completes until its pods (and live logs) are collected; the
   * Observer keeps them. Default 24 h. `POST <observer>/_devstack/workflowruns/:ns/:run/collect`
   * collects one at once.
   */
  podRetentionMs?: number;
  /** Speed of simulated build time: 1 is real time, 0.1 is ten times faster. */
  timeScale?: number;
  /** Extra OIDC redirect URIs of the portal client (a portal on another port than 7007). */
  portalRedirectUris?: string[];
  /** Folder to keep the API's state in across restarts; in memory when unset. */
  stateDir?: string;
  /** Receives one line per request of every server, prefixed with the server's name. */
  logger?: (line: string) => void;
}

/** The running devstack: its servers and one `close()`. */
export interface Devstack {
  idp: IdentityProvider;
  api: RunningOpenChoreoApi;
  jenkins: JenkinsEmulator;
  github: GitHubEmulator;
  gitlab: GitLabEmulator;
  /** The Observer stand-in (the observability plane's API: archived build logs and events). */
  observer: RunningObserver;
  simulator: WorkflowRunSimulator;
  /** autoDeploy and ReleaseBinding rollouts (ComponentReleases, ReleaseBindings). */
  deployments: DeploymentSimulator;
  close(): Promise<void>;
}

/**
 * Starts the local OpenChoreo control plane: identity provider, API stand-in (with the
 * WorkflowRun simulation publishing Workloads through the API, like the real build step) and
 * the Jenkins, GitHub and GitLab emulators.
 */
export async function startDevstack(
  options: DevstackOptions = {},
): Promise<Devstack> {
  const host = options.host ?? '127.0.0.1';
  const log = (server: string) => (line: string) =>
    options.logger?.(`[${server}] ${line}`);

  const idp = await startIdentityProvider({
    host,
    port: options.idpPort ?? 8081,
    portalRedirectUris: options.portalRedirectUris,
    logger: log('idp'),
  });

  let persistFile: string | undefined;
  if (options.stateDir) {
    mkdirSync(options.stateDir, { recursive: true });
    persistFile = join(options.stateDir, 'openchoreo-state.json');
  }
  const store = new ResourceStore({ persistFile });
  // The simulation publishes over HTTP, so it needs the API's URL: start the API first.
  const simulation: { current?: WorkflowRunSimulator } = {};
  const api = await startOpenChoreoApi({
    host,
    port: options.apiPort ?? 8080,
    auth: { issuer: idp.issuer, jwksUri: idp.jwksUri },
    store,
    observability: {
      logs: (...args) => simulation.current?.logs(...args),
      events: (...args) => simulation.current?.events(...args),
      isCollected: (...args) =>
        simulation.current?.isCollected(...args) ?? false,
    },
    logger: log('api'),
    control: {
      simulation: {
        appendLogs: (...args) =>
          simulation.current?.appendLogs(...args) ?? false,
      },
    },
  });
  const simulator = new WorkflowRunSimulator({
    store,
    timeScale: options.timeScale ?? 1,
    podRetentionMs: options.podRetentionMs,
    publisher: {
      apiUrl: api.url,
      tokenUrl: idp.tokenUrl,
      ...idp.clients.workloadPublisher,
    },
    logger: {
      info: log('builds'),
      warn: log('builds'),
      error: log('builds'),
    },
  });
  simulation.current = simulator;
  simulator.start();
  const deployments = new DeploymentSimulator({
    store,
    timeScale: options.timeScale ?? 1,
    logger: {
      info: log('deploy'),
      warn: log('deploy'),
      error: log('deploy'),
    },
  });
  deployments.start();

  const jenkins = await startJenkinsEmulator({
    host,
    port: options.jenkinsPort ?? 8082,
    logger: log('jenkins'),
  });

  // The fixed emulator ports go with the fixed API port: callers that move the API (tests with
  // port 0, scripts on free ports) get free emulator ports too unless they name them.
  const onDefaultPorts = (options.apiPort ?? 8080) === 8080;
  const emulatorPort = (port: number | undefined, fixed: number) =>
    port ?? (onDefaultPorts ? fixed : 0);
  const github = await startGitHubEmulator({
    host,
    port: emulatorPort(options.githubPort, 8083),
    logger: log('github'),
  });
  const gitlab = await startGitLabEmulator({
    host,
    port: emulatorPort(options.gitlabPort, 8084),
    logger: log('gitlab'),
  });

  // The observability plane: builds' logs and events are shipped to it as the builds complete,
  // and outlive the pods. The default ClusterObservabilityPlane points at it.
  const archive = new ObserverArchive();
  const stopArchiving = archiveCompletedRuns(store, archive, simulator);
  const observer = await startObserver({
    host,
    port: emulatorPort(options.observerPort, 8085),
    auth: { issuer: idp.issuer, jwksUri: idp.jwksUri },
    archive,
    store,
    source: simulator,
    collectPods: (namespace, name) => simulator.expireLogs(namespace, name),
    logger: log('observer'),
  });
  const plane = store.get('ClusterObservabilityPlane', undefined, 'default');
  if (plane) {
    store.replace({
      ...plane,
      spec: { ...plane.spec, observerURL: observer.url },
    });
  }

  return {
    idp,
    api,
    jenkins,
    github,
    gitlab,
    observer,
    simulator,
    deployments,
    async close() {
      stopArchiving();
      simulator.stop();
      deployments.stop();
      await Promise.all([
        api.close(),
        jenkins.close(),
        github.close(),
        gitlab.close(),
        observer.close(),
        idp.close(),
      ]);
    },
  };
}
