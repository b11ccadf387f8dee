import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { OPENCHOREO_USER_TOKEN_HEADER } from '@openchoreo-ci/plugin-openchoreo-common';
import type { JenkinsApi, Project } from '@backstage-community/plugin-jenkins';

/** A build as the community Jenkins backend returns it. */
export type JenkinsBuild = Awaited<ReturnType<JenkinsApi['getBuild']>>;
/** A job with its builds, as the community Jenkins backend returns it. */
export type JenkinsJob = Awaited<ReturnType<JenkinsApi['getJobBuilds']>>;

/** Options of {@link CheckedJenkinsClient}. */
export interface CheckedJenkinsClientOptions {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
  /** How long a rebuild may take to show up as a new build or a queued job (default 15 s). */
  rebuildTimeoutMs?: number;
  /** How often the job is read while waiting for it (default 1 s). */
  rebuildPollMs?: number;
  /**
   * The user's OpenChoreo token, sent with every call when the backend calls OpenChoreo as the
   * user (`openchoreo.auth.userTokens`): the backend asks OpenChoreo before it uses its own
   * Jenkins credentials for the user.
   */
  userToken?: () => Promise<string | undefined>;
}

/**
 * The community Jenkins client, made truthful: every call rejects with the backend's error
 * when it fails (the community client reads an error answer as "no projects", which leaves its
 * card spinning), and a rebuild is only reported done when Jenkins really started a new build
 * (the community backend answers 200 even when Jenkins refused).
 */
export class CheckedJenkinsClient implements JenkinsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly rebuildTimeoutMs: number;
  private readonly rebuildPollMs: number;
  private readonly userToken?: () => Promise<string | undefined>;

  constructor(options: CheckedJenkinsClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.rebuildTimeoutMs = options.rebuildTimeoutMs ?? 15_000;
    this.rebuildPollMs = options.rebuildPollMs ?? 1000;
    this.userToken = options.userToken;
  }

  async getProjects(options: {
    entity: CompoundEntityRef;
    filter: { branch?: string };
  }): Promise<Project[]> {
    const url = new URL(`${await this.entityUrl(options.entity)}/projects`);
    if (options.filter.branch) {
      url.searchParams.append('branch', options.filter.branch);
    }
    const body = await this.json<{ projects?: Project[] }>(url.toString());
    return (body.projects ?? []).map(project => ({
      ...project,
      onRestartClick: () =>
        this.retry({
          entity: options.entity,
          jobFullName: project.fullName,
          buildNumber: String(project.lastBuild?.number),
        }),
    }));
  }

  async getBuild(options: {
    entity: CompoundEntityRef;
    jobFullName: string;
    buildNumber: string;
  }): Promise<JenkinsBuild> {
    const body = await this.json<{ build: JenkinsBuild }>(
      await this.buildUrl(options),
    );
    return body.build;
  }

  async getJobBuilds(options: {
    entity: CompoundEntityRef;
    jobFullName: string;
  }): Promise<JenkinsJob> {
    const body = await this.json<{ build: JenkinsJob }>(
      `${await this.entityUrl(options.entity)}/job/${encodeURIComponent(
        options.jobFullName,
      )}`,
    );
    return body.build;
  }

  async getBuildConsoleText(options: {
    entity: CompoundEntityRef;
    jobFullName: string;
    buildNumber: string;
  }) {
    return this.json<{ consoleText: string }>(
      `${await this.buildUrl(options)}/consoleText`,
    );
  }

  /**
   * Replays a build and waits until Jenkins shows a new build (or the job queued); rejects with
   * what to do when the build does not exist or Jenkins did not start one.
   */
  async retry(options: {
    entity: CompoundEntityRef;
    jobFullName: string;
    buildNumber: string;
  }): Promise<void> {
    const { jobFullName, buildNumber } = options;
    const before = await this.getJobBuilds(options);
    if (!before.builds?.some(b => String(b.number) === buildNumber)) {
      throw new Error(
        `Jenkins job ${jobFullName} has no build #${buildNumber} to rebuild: refresh the page.`,
      );
    }
    const newest = Math.max(...before.builds.map(b => b.number));
    const response = await this.fetch(await this.buildUrl(options), 'POST');
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const deadline = Date.now() + this.rebuildTimeoutMs;
    for (;;) {
      const after = await this.getJobBuilds(options);
      if (after.inQueue || after.builds?.some(b => b.number > newest)) return;
      if (Date.now() >= deadline) break;
      await new Promise(resolve => setTimeout(resolve, this.rebuildPollMs));
    }
    throw new Error(
      `Jenkins did not start a new build of ${jobFullName} after the rebuild of #${buildNumber}: it refused or ignored the request. Check that the portal's Jenkins user may build this job (Job/Build permission) and that it is a Pipeline job (a rebuild replays a Pipeline build), or start the build in Jenkins.`,
    );
  }

  private async entityUrl(entity: CompoundEntityRef): Promise<string> {
    const base = await this.discoveryApi.getBaseUrl('openchoreo');
    return `${base}/jenkins/v1/entity/${encodeURIComponent(
      entity.namespace,
    )}/${encodeURIComponent(entity.kind)}/${encodeURIComponent(entity.name)}`;
  }

  private async buildUrl(options: {
    entity: CompoundEntityRef;
    jobFullName: string;
    buildNumber: string;
  }): Promise<string> {
    return `${await this.entityUrl(options.entity)}/job/${encodeURIComponent(
      options.jobFullName,
    )}/${encodeURIComponent(options.buildNumber)}`;
  }

  private async fetch(url: string, method = 'GET'): Promise<Response> {
    const token = await this.userToken?.();
    return this.fetchApi.fetch(url, {
      method,
      headers: token ? { [OPENCHOREO_USER_TOKEN_HEADER]: token } : {},
    });
  }

  private async json<T>(url: string): Promise<T> {
    const response = await this.fetch(url);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
