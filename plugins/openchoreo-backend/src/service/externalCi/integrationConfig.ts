import type { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import type { ExternalCiRunsPlatform } from '@openchoreo-ci/plugin-openchoreo-common';
import { isPlaceholderSecret } from '../ciIntegrations';

/** Where and how the portal reads one GitHub or GitLab instance. */
export interface CiHostConnection {
  platform: ExternalCiRunsPlatform;
  /** `github.com`, `ghe.example.com`, `gitlab.example.com:8443`. */
  host: string;
  /** REST API root without a trailing slash (`https://api.github.com`, `https://h/api/v4`). */
  apiBaseUrl: string;
  /** The web UI root (GitLab's `baseUrl`; GitHub's is taken from API answers). */
  webBaseUrl?: string;
  /** The configured token; `undefined` when it is missing or a placeholder. */
  token?: string;
}

/** Names of the platforms in messages. */
export const PLATFORM_NAMES: Record<ExternalCiRunsPlatform, string> = {
  'github-actions': 'GitHub',
  'gitlab-ci': 'GitLab',
};

/** Where each platform's settings come from, for messages to platform admins. */
export const PLATFORM_SETTINGS: Record<ExternalCiRunsPlatform, string> = {
  'github-actions':
    'integrations.github[] in app-config (host, apiBaseUrl, token; the Helm chart sets GITHUB_HOST, GITHUB_API_BASE_URL and GITHUB_TOKEN from the github-actions-token secret)',
  'gitlab-ci':
    'integrations.gitlab[] in app-config (host, apiBaseUrl, token; GITLAB_HOST and GITLAB_TOKEN)',
};

/**
 * The GitHub and GitLab connections of this portal, read once from Backstage's standard
 * `integrations.github[]` / `integrations.gitlab[]` with `ScmIntegrations`.
 */
export class CiHostConnections {
  static fromConfig(config: Config): CiHostConnections {
    let integrations: ScmIntegrations;
    try {
      integrations = ScmIntegrations.fromConfig(config);
    } catch (error) {
      // A broken integrations section must not stop the portal: the cards say what is wrong.
      const message = error instanceof Error ? error.message : String(error);
      return new CiHostConnections(
        { 'github-actions': [], 'gitlab-ci': [] },
        message,
      );
    }
    const github = integrations.github.list().map(
      ({ config: c }): CiHostConnection => ({
        platform: 'github-actions',
        host: c.host,
        apiBaseUrl: c.apiBaseUrl ?? `https://${c.host}/api/v3`,
        token: usable(c.token),
      }),
    );
    const gitlab = integrations.gitlab.list().map(
      ({ config: c }): CiHostConnection => ({
        platform: 'gitlab-ci',
        host: c.host,
        apiBaseUrl: c.apiBaseUrl,
        webBaseUrl: c.baseUrl,
        token: usable(c.token),
      }),
    );
    return new CiHostConnections({
      'github-actions': github,
      'gitlab-ci': gitlab,
    });
  }

  constructor(
    private readonly byPlatform: Record<
      ExternalCiRunsPlatform,
      CiHostConnection[]
    >,
    /** Why the integrations section could not be read, if it could not. */
    readonly configError?: string,
  ) {}

  /**
   * The connection for a component: the instance whose host the entity's source location names,
   * else the first instance with a usable token, else the first instance (not configured).
   */
  pick(
    platform: ExternalCiRunsPlatform,
    sourceLocation?: string,
  ): CiHostConnection | undefined {
    const list = this.byPlatform[platform];
    const host = hostOf(sourceLocation);
    return (
      (host ? list.find(c => c.host === host) : undefined) ??
      list.find(c => c.token) ??
      list[0]
    );
  }

  /** The first instance with a usable token, for `GET /ci-integrations`. */
  configured(platform: ExternalCiRunsPlatform): CiHostConnection | undefined {
    return this.byPlatform[platform].find(c => c.token);
  }
}

function usable(token: string | undefined): string | undefined {
  return token && !isPlaceholderSecret(token) ? token : undefined;
}

/** The host of `url:https://h/x`, `https://h/x` or `git@h:x`; undefined when there is none. */
function hostOf(location: string | undefined): string | undefined {
  if (!location) return undefined;
  const url = location.replace(/^url:/, '');
  try {
    return new URL(url).host || undefined;
  } catch {
    return /^[^@\s]+@([^:\s]+):/.exec(url)?.[1];
  }
}
