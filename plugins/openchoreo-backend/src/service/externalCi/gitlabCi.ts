import type {
  CiRunStatus,
  ExternalCiRun,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { CiPlatformReader, RunsPage } from './CiPlatformReader';
import type { CiHostConnection } from './integrationConfig';
import { PLATFORM_SETTINGS } from './integrationConfig';
import {
  callUpstreamOk,
  ExternalCiUnavailableError,
  resetTimeFromHeaders,
  upstreamMessage,
  type UpstreamResponse,
} from './upstreamHttp';

/** The fields of a GitLab pipeline the portal reads (list and single-pipeline answers). */
interface GitLabPipeline {
  id: number;
  iid?: number;
  name?: string | null;
  ref?: string;
  sha?: string;
  status?: string;
  source?: string;
  web_url?: string;
  created_at?: string;
  updated_at?: string;
  started_at?: string | null;
  finished_at?: string | null;
  /** Seconds; only on the single-pipeline answer. */
  duration?: number | null;
  user?: { username?: string } | null;
}

const STATUSES: Record<string, CiRunStatus> = {
  success: 'succeeded',
  failed: 'failed',
  canceled: 'cancelled',
  canceling: 'cancelled',
  skipped: 'skipped',
  running: 'running',
  created: 'queued',
  waiting_for_resource: 'queued',
  preparing: 'queued',
  pending: 'queued',
  scheduled: 'queued',
};

/** How many finished pipelines' details are remembered (they never change). */
const FINISHED_MEMO_SIZE = 500;

/** A GitLab pipeline in the portal's run shape. */
export function toGitLabRun(
  pipeline: GitLabPipeline,
  now = Date.now(),
): ExternalCiRun {
  const statusText = pipeline.status ?? 'unknown';
  const status = STATUSES[statusText] ?? 'unknown';
  const startedAt = pipeline.started_at ?? undefined;
  const finishedAt = pipeline.finished_at ?? undefined;
  let durationMs: number | undefined;
  if (typeof pipeline.duration === 'number') {
    durationMs = pipeline.duration * 1000;
  } else if (startedAt) {
    const end = finishedAt ? Date.parse(finishedAt) : now;
    const ms = end - Date.parse(startedAt);
    durationMs = Number.isNaN(ms) ? undefined : Math.max(0, ms);
  }
  return {
    id: String(pipeline.id),
    number: pipeline.iid,
    pipeline: pipeline.name || 'Pipeline',
    status,
    statusText,
    branch: pipeline.ref,
    commit: pipeline.sha,
    event: pipeline.source,
    actor: pipeline.user?.username,
    createdAt: pipeline.created_at,
    startedAt,
    finishedAt,
    durationMs,
    url: pipeline.web_url,
  };
}

const isFinished = (run: ExternalCiRun) =>
  run.status !== 'running' &&
  run.status !== 'queued' &&
  run.status !== 'unknown';

/** GitLab CI pipelines over the REST API v4 (gitlab.com or self-managed). */
export class GitLabCiReader implements CiPlatformReader {
  private readonly finished = new Map<string, ExternalCiRun>();

  constructor(private readonly connection: CiHostConnection) {}

  async project(slug: string) {
    const res = await this.call(slug, projectPath(slug), 'GET');
    const body = res.body as {
      web_url?: string;
      permissions?: {
        project_access?: { access_level?: number } | null;
        group_access?: { access_level?: number } | null;
      };
    };
    const level = Math.max(
      body.permissions?.project_access?.access_level ?? 0,
      body.permissions?.group_access?.access_level ?? 0,
    );
    // Developer (30) and above may retry pipelines.
    return { webUrl: body.web_url, canRerun: level >= 30 };
  }

  async runs(slug: string, page: number, perPage: number): Promise<RunsPage> {
    const res = await this.call(
      slug,
      `${projectPath(
        slug,
      )}/pipelines?per_page=${perPage}&page=${page}&order_by=id&sort=desc`,
      'GET',
    );
    const list = Array.isArray(res.body) ? (res.body as GitLabPipeline[]) : [];
    // The list has no duration, start or user: read each pipeline (finished ones only once).
    const runs = await Promise.all(list.map(p => this.pipeline(slug, p)));
    const next = res.headers.get('x-next-page');
    return { runs, hasNextPage: next !== null && next.trim() !== '' };
  }

  async rerun(slug: string, runId: string): Promise<ExternalCiRun> {
    const res = await this.call(
      slug,
      `${projectPath(slug)}/pipelines/${encodeURIComponent(runId)}/retry`,
      'POST',
    );
    this.finished.delete(`${slug}|${runId}`);
    return toGitLabRun(res.body as GitLabPipeline);
  }

  private async pipeline(
    slug: string,
    listed: GitLabPipeline,
  ): Promise<ExternalCiRun> {
    const key = `${slug}|${listed.id}`;
    const known = this.finished.get(key);
    if (known && known.statusText === listed.status) return known;
    const res = await this.call(
      slug,
      `${projectPath(slug)}/pipelines/${listed.id}`,
      'GET',
    );
    const run = toGitLabRun(res.body as GitLabPipeline);
    if (isFinished(run)) {
      this.finished.set(key, run);
      if (this.finished.size > FINISHED_MEMO_SIZE) {
        this.finished.delete(this.finished.keys().next().value as string);
      }
    }
    return run;
  }

  private call(
    slug: string,
    path: string,
    method: 'GET' | 'POST',
  ): Promise<UpstreamResponse> {
    const { apiBaseUrl, token, host } = this.connection;
    const headers: Record<string, string> = token
      ? { 'PRIVATE-TOKEN': token }
      : {};
    return callUpstreamOk(
      'GitLab',
      `${apiBaseUrl}${path}`,
      { method, headers },
      res => gitlabError(res, slug, host),
    );
  }
}

/** `/projects/<path or id>`: a path is one URL-encoded segment (`group%2Fproject`). */
function projectPath(slug: string): string {
  return `/projects/${encodeURIComponent(slug)}`;
}

/** The state GitLab's error answer means for the portal, with what to do. */
export function gitlabError(
  res: UpstreamResponse,
  slug: string,
  host: string,
): ExternalCiUnavailableError {
  const said = upstreamMessage(res.body);
  const quoted = said ? `: "${said}"` : '';
  const status = res.status;
  switch (status) {
    case 401:
      return new ExternalCiUnavailableError(
        'unauthorized',
        `GitLab (${host}) refused the portal's token (401${quoted}). Ask your platform admin to renew it: ${PLATFORM_SETTINGS['gitlab-ci']}.`,
        { status },
      );
    case 403:
      return new ExternalCiUnavailableError(
        'forbidden',
        `GitLab (${host}) does not let the portal's token do this in project ${slug} (403${quoted}). Reading pipelines needs the Reporter role, retrying them Developer.`,
        { status },
      );
    case 404:
      return new ExternalCiUnavailableError(
        'not-found',
        `GitLab project "${slug}" was not found on ${host}, or the portal's token cannot see it. Check the gitlab.com/project-slug (or gitlab.com/project-id) annotation (Edit Annotations) or give the token access to the project.`,
        { status },
      );
    case 429: {
      const resetAt = resetTimeFromHeaders(res.headers);
      return new ExternalCiUnavailableError(
        'rate-limited',
        `GitLab (${host}) is rate limiting the portal's token${quoted}. ${
          resetAt
            ? `Try again after ${resetAt}.`
            : 'Try again in a few minutes.'
        }`,
        { status, resetAt },
      );
    }
    default:
      return new ExternalCiUnavailableError(
        'unreachable',
        `GitLab (${host}) answered ${status} for project ${slug}${quoted}. Try again later.`,
        { status },
      );
  }
}
