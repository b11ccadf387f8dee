import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type {
  CiIntegration,
  ExternalCiProject,
  ExternalCiRerunResponse,
  ExternalCiRunsResponse,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { CoalescingCache } from '../coalescingCache';
import { cacheKey } from '../context';
import type { CiPlatformReader } from './CiPlatformReader';
import type { ExternalCiTarget } from './externalCiTarget';
import { GitHubActionsReader } from './githubActions';
import { GitLabCiReader } from './gitlabCi';
import {
  CiHostConnections,
  PLATFORM_NAMES,
  PLATFORM_SETTINGS,
  type CiHostConnection,
} from './integrationConfig';
import { ExternalCiUnavailableError } from './upstreamHttp';

/** A read-through cache shared by the viewers (the plugin's `CoalescingCache`). */
export type ExternalCiCache = Pick<CoalescingCache, 'get' | 'invalidate'>;

/** Options of {@link ExternalCiService}. */
export interface ExternalCiServiceOptions {
  connections: CiHostConnections;
  /** Pages of runs and the `unavailable` states, reused by every viewer for a short time. */
  runsCache: ExternalCiCache;
  /** A repository's page URL and re-run right, which change rarely (minutes). */
  projectCache: ExternalCiCache;
}

/**
 * GitHub Actions runs and GitLab CI pipelines of components, read with the portal's configured
 * token. Every viewer of a repository shares one upstream poll per cache time; upstream
 * failures become `unavailable` states (cached like runs) with what to do.
 */
export class ExternalCiService {
  private readonly readers = new Map<string, CiPlatformReader>();

  constructor(private readonly options: ExternalCiServiceOptions) {}

  /** One page of runs (newest first), or why they cannot be shown. */
  async runs(
    target: ExternalCiTarget,
    page: number,
    perPage: number,
  ): Promise<ExternalCiRunsResponse> {
    const { platform, slug } = target;
    const connection = this.options.connections.pick(
      platform,
      target.sourceLocation,
    );
    const project: ExternalCiProject | undefined = connection && {
      slug,
      host: connection.host,
    };
    if (target.invalid) {
      return {
        state: 'unavailable',
        platform,
        reason: 'not-found',
        project,
        message: `The ${target.annotation} annotation is not usable: ${target.invalid} Fix it with Edit Annotations.`,
      };
    }
    if (!connection?.token) {
      return {
        state: 'unavailable',
        platform,
        reason: 'not-configured',
        project,
        message: this.notConfiguredMessage(target, connection),
      };
    }
    const reader = this.reader(connection);
    const key = cacheKey('ci-runs', ...scope(connection, slug), page, perPage);
    return this.options.runsCache.get(
      key,
      async (): Promise<ExternalCiRunsResponse> => {
        try {
          const [info, runs] = await Promise.all([
            this.options.projectCache.get(
              cacheKey('ci-project', ...scope(connection, slug)),
              () => reader.project(slug),
            ),
            reader.runs(slug, page, perPage),
          ]);
          return {
            state: 'ok',
            platform,
            project: { slug, host: connection.host, webUrl: info.webUrl },
            runs: runs.runs,
            page,
            perPage,
            hasNextPage: runs.hasNextPage,
            canRerun: info.canRerun,
          };
        } catch (error) {
          if (!(error instanceof ExternalCiUnavailableError)) throw error;
          return {
            state: 'unavailable',
            platform,
            reason: error.reason,
            project: { slug, host: connection.host },
            message: error.message,
            ...(error.resetAt ? { resetAt: error.resetAt } : {}),
          };
        }
      },
    );
  }

  /**
   * Re-runs a run with the portal's token and forgets the cached pages of its repository. The
   * platform's refusal becomes the matching Backstage error (403, 404, 409 or 503).
   */
  async rerun(
    target: ExternalCiTarget,
    runId: string,
  ): Promise<ExternalCiRerunResponse> {
    const { platform, slug } = target;
    const connection = this.options.connections.pick(
      platform,
      target.sourceLocation,
    );
    if (target.invalid) {
      throw new NotFoundError(
        `The ${target.annotation} annotation is not usable: ${target.invalid}`,
      );
    }
    if (!connection?.token) {
      throw new ServiceUnavailableError(
        this.notConfiguredMessage(target, connection),
      );
    }
    try {
      const run = await this.reader(connection).rerun(slug, runId);
      return { run };
    } catch (error) {
      if (!(error instanceof ExternalCiUnavailableError)) throw error;
      throw toRerunError(error, PLATFORM_NAMES[platform]);
    } finally {
      await this.options.runsCache.invalidate(
        cacheKey('ci-runs', ...scope(connection, slug)),
      );
    }
  }

  /** Whether GitHub Actions and GitLab CI are usable, for `GET /ci-integrations` (no tokens). */
  integrations(): CiIntegration[] {
    return (['github-actions', 'gitlab-ci'] as const).map(platform => {
      const connection = this.options.connections.configured(platform);
      return connection
        ? { platform, configured: true, baseUrl: connection.apiBaseUrl }
        : {
            platform,
            configured: false,
            reason: this.notConfiguredMessage(
              { platform },
              this.options.connections.pick(platform),
            ),
          };
    });
  }

  private notConfiguredMessage(
    target: Pick<ExternalCiTarget, 'platform'>,
    connection: CiHostConnection | undefined,
  ): string {
    const name = PLATFORM_NAMES[target.platform];
    const where = connection ? ` for ${connection.host}` : '';
    const broken = this.options.connections.configError
      ? ` (the integrations settings could not be read: ${this.options.connections.configError})`
      : '';
    return `${name} is not configured in this portal: it has no ${name} token${where}${broken}. Ask your platform admin to set ${
      PLATFORM_SETTINGS[target.platform]
    }.`;
  }

  private reader(connection: CiHostConnection): CiPlatformReader {
    const key = `${connection.platform}|${connection.host}`;
    let reader = this.readers.get(key);
    if (!reader) {
      reader =
        connection.platform === 'github-actions'
          ? new GitHubActionsReader(connection)
          : new GitLabCiReader(connection);
      this.readers.set(key, reader);
    }
    return reader;
  }
}

/** The cache scope of a repository: `<platform>|<host>/<slug>` (one scope per repository). */
function scope(connection: CiHostConnection, slug: string): [string, string] {
  return [connection.platform, `${connection.host}/${slug}`];
}

function toRerunError(error: ExternalCiUnavailableError, name: string): Error {
  const message = `${name} did not re-run it: ${error.message}`;
  switch (error.reason) {
    case 'forbidden':
      // GitHub refuses a re-run of a run in progress with 403 "This workflow is already running".
      return /already running/i.test(error.message)
        ? new ConflictError(message)
        : new NotAllowedError(message);
    case 'not-found':
      return new NotFoundError(message);
    default:
      return new ServiceUnavailableError(message);
  }
}
