import type {
  CiRunStatus,
  ExternalCiRun,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { CiHostConnection } from './integrationConfig';
import { PLATFORM_SETTINGS } from './integrationConfig';
import {
  encodePathSegments,
  type CiPlatformReader,
  type RunsPage,
} from './CiPlatformReader';
import {
  callUpstreamOk,
  ExternalCiUnavailableError,
  resetTimeFromHeaders,
  upstreamMessage,
  type UpstreamResponse,
} from './upstreamHttp';

/** The fields of a GitHub workflow run the portal reads. */
interface GitHubRun {
  id: number;
  name?: string | null;
  display_title?: string;
  run_number?: number;
  head_branch?: string | null;
  head_sha?: string;
  event?: string;
  status?: string | null;
  conclusion?: string | null;
  html_url?: string;
  created_at?: string;
  updated_at?: string;
  run_started_at?: string;
  actor?: { login?: string } | null;
}

const QUEUED = new Set(['queued', 'waiting', 'requested', 'pending']);
const CONCLUSIONS: Record<string, CiRunStatus> = {
  success: 'succeeded',
  failure: 'failed',
  timed_out: 'failed',
  startup_failure: 'failed',
  cancelled: 'cancelled',
  skipped: 'skipped',
  neutral: 'skipped',
  stale: 'skipped',
};

/** A GitHub workflow run in the portal's run shape. */
export function toGitHubRun(run: GitHubRun, now = Date.now()): ExternalCiRun {
  let status: CiRunStatus;
  let statusText: string;
  if (run.status === 'completed') {
    statusText = run.conclusion ?? 'completed';
    status = CONCLUSIONS[statusText] ?? 'unknown';
  } else if (run.status === 'in_progress') {
    statusText = 'in_progress';
    status = 'running';
  } else {
    statusText = run.status ?? 'unknown';
    status = QUEUED.has(statusText) ? 'queued' : 'unknown';
  }
  const startedAt = run.run_started_at ?? run.created_at;
  const finishedAt =
    status === 'running' || status === 'queued' ? undefined : run.updated_at;
  const start = startedAt ? Date.parse(startedAt) : NaN;
  const end = finishedAt ? Date.parse(finishedAt) : now;
  return {
    id: String(run.id),
    number: run.run_number,
    pipeline: run.name || 'Workflow run',
    title: run.display_title,
    status,
    statusText,
    branch: run.head_branch ?? undefined,
    commit: run.head_sha,
    event: run.event,
    actor: run.actor?.login,
    createdAt: run.created_at,
    startedAt,
    finishedAt,
    durationMs:
      Number.isNaN(start) || status === 'queued'
        ? undefined
        : Math.max(0, end - start),
    url: run.html_url,
  };
}

const repoPath = (slug: string) => `/repos/${encodePathSegments(slug)}`;

/** GitHub Actions runs over the REST API (github.com or GitHub Enterprise Server). */
export class GitHubActionsReader implements CiPlatformReader {
  constructor(private readonly connection: CiHostConnection) {}

  async project(slug: string) {
    const res = await this.get(slug, repoPath(slug));
    const body = res.body as {
      html_url?: string;
      permissions?: { push?: boolean };
    };
    return { webUrl: body.html_url, canRerun: body.permissions?.push === true };
  }

  async runs(slug: string, page: number, perPage: number): Promise<RunsPage> {
    const res = await this.get(
      slug,
      `${repoPath(slug)}/actions/runs?per_page=${perPage}&page=${page}`,
    );
    const body = res.body as {
      total_count?: number;
      workflow_runs?: GitHubRun[];
    };
    const runs = (body.workflow_runs ?? []).map(run => toGitHubRun(run));
    const hasNextPage =
      /rel="next"/.test(res.headers.get('link') ?? '') ||
      (typeof body.total_count === 'number' &&
        page * perPage < body.total_count);
    return { runs, hasNextPage };
  }

  async rerun(slug: string, runId: string): Promise<ExternalCiRun> {
    await this.call(
      slug,
      `${repoPath(slug)}/actions/runs/${encodeURIComponent(runId)}/rerun`,
      'POST',
    );
    const res = await this.get(
      slug,
      `${repoPath(slug)}/actions/runs/${encodeURIComponent(runId)}`,
    );
    return toGitHubRun(res.body as GitHubRun);
  }

  private get(slug: string, path: string) {
    return this.call(slug, path, 'GET');
  }

  private call(
    slug: string,
    path: string,
    method: 'GET' | 'POST',
  ): Promise<UpstreamResponse> {
    const { apiBaseUrl, token, host } = this.connection;
    const headers: Record<string, string> = {
      Accept: 'application/vnd.github+json',
      'X-GitHub-Api-Version': '2022-11-28',
      'User-Agent': 'openchoreo-ci-portal',
    };
    if (token) headers.Authorization = `Bearer ${token}`;
    return callUpstreamOk(
      'GitHub',
      `${apiBaseUrl}${path}`,
      { method, headers },
      res => githubError(res, slug, host),
    );
  }
}

/** The state GitHub's error answer means for the portal, with what to do. */
export function githubError(
  res: UpstreamResponse,
  slug: string,
  host: string,
): ExternalCiUnavailableError {
  const said = upstreamMessage(res.body);
  const quoted = said ? `: "${said}"` : '';
  const status = res.status;
  if (status === 401) {
    return new ExternalCiUnavailableError(
      'unauthorized',
      `GitHub (${host}) refused the portal's token (401${quoted}). Ask your platform admin to renew it: ${PLATFORM_SETTINGS['github-actions']}.`,
      { status },
    );
  }
  const rateLimited =
    (status === 403 || status === 429) &&
    (res.headers.get('x-ratelimit-remaining') === '0' ||
      res.headers.has('retry-after'));
  if (rateLimited) {
    const resetAt = resetTimeFromHeaders(res.headers);
    return new ExternalCiUnavailableError(
      'rate-limited',
      `GitHub's API rate limit for the portal's token on ${host} is used up${quoted}. ${
        resetAt
          ? `It resets at ${resetAt}; the runs show again after that.`
          : 'Try again in a few minutes.'
      }`,
      { status, resetAt },
    );
  }
  if (status === 403) {
    return new ExternalCiUnavailableError(
      'forbidden',
      `GitHub (${host}) does not let the portal's token do this in ${slug} (403${quoted}). The token needs read access to the repository's Actions (and write access to re-run).`,
      { status },
    );
  }
  if (status === 404) {
    return new ExternalCiUnavailableError(
      'not-found',
      `GitHub repository "${slug}" was not found on ${host}, or the portal's token cannot see it. Check the github.com/project-slug annotation (Edit Annotations) or give the token access to the repository.`,
      { status },
    );
  }
  return new ExternalCiUnavailableError(
    'unreachable',
    `GitHub (${host}) answered ${status} for ${slug}${quoted}. Try again later.`,
    { status },
  );
}
