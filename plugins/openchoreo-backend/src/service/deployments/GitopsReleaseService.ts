import {
  GITOPS_REPOSITORY_ANNOTATION,
  isGitopsReleaseBranch,
  parseGitopsRepository,
  type GitopsDeployment,
  type GitopsRepositoryRef,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { cacheKey } from '../context';
import type { ExternalCiCache } from '../externalCi/ExternalCiService';
import {
  PLATFORM_NAMES,
  PLATFORM_SETTINGS,
  type CiHostConnection,
  type CiHostConnections,
} from '../externalCi/integrationConfig';
import { ExternalCiUnavailableError } from '../externalCi/upstreamHttp';
import {
  listOpenPullRequests,
  type OpenPullRequest,
} from './releasePullRequests';

type Unavailable = Extract<GitopsDeployment, { state: 'unavailable' }>;

/** What one read of a repository's open pull requests gave: the list, or why not (cached too). */
type OpenPullRequestsRead =
  | { ok: true; pulls: OpenPullRequest[] }
  | { ok: false; reason: Unavailable['reason']; message: string };

const platformOf = (connection: CiHostConnection) =>
  connection.platform === 'github-actions' ? 'github' : 'gitlab';

/**
 * The release pull request a GitOps-mode component is waiting for: the component names its GitOps
 * repository in {@link GITOPS_REPOSITORY_ANNOTATION}; the open pull (GitHub) or merge (GitLab)
 * requests of that repository are read with the portal's integration token (one upstream read per
 * repository per cache time, whatever the components and viewers), and the newest one from a
 * `release/<component>-<timestamp>` branch is the pending release.
 */
export class GitopsReleaseService {
  constructor(
    private readonly options: {
      connections: CiHostConnections;
      /** Shared by every viewer: the portal's token reads the same for all. */
      cache: ExternalCiCache;
    },
  ) {}

  /** The pending release of `component` in the repository `annotation` names. */
  async pendingRelease(
    component: string,
    annotation: string,
  ): Promise<GitopsDeployment> {
    const repository = parseGitopsRepository(annotation);
    if ('error' in repository) {
      return {
        state: 'unavailable',
        reason: 'invalid-annotation',
        message: `The ${GITOPS_REPOSITORY_ANNOTATION} annotation is not usable: ${repository.error}. Fix it with Edit Annotations.`,
      };
    }
    const connection = this.connectionFor(repository.host);
    if (!connection?.token) {
      return {
        state: 'unavailable',
        ...(connection ? { platform: platformOf(connection) } : {}),
        repository,
        reason: 'not-configured',
        message: connection
          ? `${PLATFORM_NAMES[connection.platform]} is configured for ${
              repository.host
            } without a usable token, so the portal cannot look for the release pull request. Ask your platform admin to set ${
              PLATFORM_SETTINGS[connection.platform]
            }.`
          : `No GitHub or GitLab integration of this portal serves ${repository.host}, so the portal cannot look for the release pull request in ${repository.slug}. Ask your platform admin to add one for host ${repository.host}: ${PLATFORM_SETTINGS['github-actions']}, or ${PLATFORM_SETTINGS['gitlab-ci']}.`,
      };
    }
    const platform = platformOf(connection);
    const read = await this.options.cache.get(
      cacheKey(
        'gitops-pulls',
        connection.platform,
        `${connection.host}/${repository.slug}`,
      ),
      () => this.readOpenPullRequests(connection, repository),
    );
    if (!read.ok) {
      return {
        state: 'unavailable',
        platform,
        repository,
        reason: read.reason,
        message: read.message,
      };
    }
    const releases = read.pulls
      .filter(pull => isGitopsReleaseBranch(component, pull.branch))
      .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
    if (releases.length === 0) return { state: 'none', platform, repository };
    return {
      state: 'pending',
      platform,
      repository,
      pullRequest: releases[0],
      others: releases.length - 1,
    };
  }

  /** The integration whose host is the repository's, GitHub first. */
  private connectionFor(host: string): CiHostConnection | undefined {
    return (['github-actions', 'gitlab-ci'] as const)
      .map(platform =>
        this.options.connections.pick(platform, `https://${host}/`),
      )
      .find(connection => connection?.host === host);
  }

  private async readOpenPullRequests(
    connection: CiHostConnection,
    repository: GitopsRepositoryRef,
  ): Promise<OpenPullRequestsRead> {
    try {
      return {
        ok: true,
        pulls: await listOpenPullRequests(connection, repository.slug),
      };
    } catch (error) {
      if (!(error instanceof ExternalCiUnavailableError)) throw error;
      return {
        ok: false,
        reason: error.reason,
        message: gitopsMessage(error, connection, repository),
      };
    }
  }
}

/** GitHub's or GitLab's refusal in the words of the GitOps repository (not of CI runs). */
function gitopsMessage(
  error: ExternalCiUnavailableError,
  connection: CiHostConnection,
  repository: GitopsRepositoryRef,
): string {
  const name = PLATFORM_NAMES[connection.platform];
  const what =
    connection.platform === 'github-actions'
      ? 'pull requests'
      : 'merge requests';
  switch (error.reason) {
    case 'not-found':
      return `The GitOps repository ${repository.slug} was not found on ${repository.host}, or the portal's ${name} token cannot see it. Check the ${GITOPS_REPOSITORY_ANNOTATION} annotation (Edit Annotations) or give the token read access to the repository.`;
    case 'forbidden':
      return `${name} does not let the portal's token read the ${what} of ${
        repository.slug
      } (${error.status ?? 403}). Give the token read access to its ${what}.`;
    default:
      return error.message;
  }
}
