import type { Project } from '@backstage-community/plugin-jenkins';
import type { CiRunStatus } from '@openchoreo-ci/plugin-openchoreo-common';
import type { JenkinsBuild } from './CheckedJenkinsClient';

/** Everything the Jenkins card and tab can find, each with what to do about it. */
export type JenkinsJobState =
  /** The portal has no usable Jenkins settings (`GET /ci-integrations`). */
  | { kind: 'not-configured'; reason?: string }
  /** `jenkins.io/job-full-name` is not a job full name; `message` says what to enter. */
  | { kind: 'invalid-annotation'; job: string; message: string }
  /** Jenkins has no job (or folder) of that name. */
  | { kind: 'job-not-found'; job: string; jenkinsUrl: string; detail: string }
  /** The job exists and has never been built. */
  | { kind: 'no-builds'; job: string; jobUrl: string }
  /** Jenkins refused the portal's credentials (401/403). */
  | { kind: 'refused'; jenkinsUrl: string; detail: string }
  /** Jenkins did not answer (connection refused, DNS, time-out between backend and Jenkins). */
  | { kind: 'unreachable'; jenkinsUrl: string; detail: string }
  /** The portal's backend did not answer in time. */
  | { kind: 'timeout'; seconds: number }
  /** Anything else, with the backend's message. */
  | { kind: 'error'; detail: string }
  /** The newest build of the job (or of the folder's jobs). */
  | { kind: 'latest'; job: string; project: Project; build: JenkinsBuild };

/** The kinds of failure the community Jenkins backend's messages reveal. */
export type JenkinsFailureKind =
  | 'job-not-found'
  | 'refused'
  | 'unreachable'
  | 'error';

const UNREACHABLE =
  /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|socket hang up|fetch failed|network timeout|request to .* failed/i;

/**
 * What a failure of the community Jenkins backend means. It answers 500 with Jenkins' own
 * error in the message (`Jenkins API error 404 GET .../job/a/job/b/api/json...`,
 * `... 401 ...`, `request to http://... failed, reason: connect ECONNREFUSED`).
 */
export function classifyJenkinsFailure(message: string): JenkinsFailureKind {
  if (/Jenkins API error 404\b|\b404 Not Found\b/i.test(message)) {
    return 'job-not-found';
  }
  if (
    /Jenkins API error 40[13]\b|\b40[13] (Unauthorized|Forbidden)\b|Invalid password\/token|Authentication required/i.test(
      message,
    )
  ) {
    return 'refused';
  }
  if (UNREACHABLE.test(message)) return 'unreachable';
  return 'error';
}

/** The message of a failed call: the backend's own message when it sent one. */
export function failureMessage(error: unknown): string {
  const body = (error as { body?: { error?: { message?: unknown } } })?.body;
  if (typeof body?.error?.message === 'string') return body.error.message;
  return error instanceof Error ? error.message : String(error);
}

/** The status of a failed call to the backend, when it answered. */
export function failureStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** `https://ci/job/a/job/b/` for `a/b`. */
export function jenkinsJobUrl(baseUrl: string, fullName: string): string {
  const path = fullName
    .split('/')
    .filter(Boolean)
    .map(name => `job/${encodeURIComponent(name)}`)
    .join('/');
  return `${baseUrl.replace(/\/+$/, '')}/${path}/`;
}

/** The newest build among a folder's (or one job's) projects, if any has been built. */
export function newestBuild(
  projects: Project[],
): { project: Project; build: JenkinsBuild } | undefined {
  let newest: { project: Project; build: JenkinsBuild } | undefined;
  for (const project of projects) {
    const build = project.lastBuild as JenkinsBuild | null | undefined;
    if (build && (!newest || build.timestamp > newest.build.timestamp)) {
      newest = { project, build };
    }
  }
  return newest;
}

/** `refs/remotes/origin/main` → `main`. */
export function branchName(ref: string | undefined): string | undefined {
  return ref
    ?.replace(/^refs\/(remotes\/[^/]+|heads)\//, '')
    .replace(/^origin\//, '');
}

/** The backend's message without Jenkins' long `?tree=` queries and HTML tags. */
export function shortJenkinsMessage(message: string): string {
  return message
    .replace(/\?tree=[^\s:]*/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A Jenkins build's status in the one CI vocabulary, with Jenkins' word when it says more. */
export function jenkinsRunStatus(build: {
  building?: boolean;
  result?: string | null;
}): { status: CiRunStatus; detail?: string } {
  if (build.building) return { status: 'running' };
  switch (build.result) {
    case 'SUCCESS':
      return { status: 'succeeded' };
    case 'FAILURE':
      return { status: 'failed' };
    case 'UNSTABLE':
      return { status: 'failed', detail: 'unstable' };
    case 'ABORTED':
      return { status: 'cancelled' };
    case 'NOT_BUILT':
      return { status: 'skipped', detail: 'not built' };
    default:
      return { status: 'unknown', detail: build.result ?? undefined };
  }
}
