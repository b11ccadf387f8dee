import { describeConnectionError, summarizeBody } from '../apiClient';
import { ExitCode, PublishError, type ExitCodeValue } from '../errors';
import { withRetries, type RetryPolicy } from '../retry';
import type { PullRequestProvider } from '../modeOptions';

/** The release pull request to open (a merge request on GitLab). */
export interface PullRequestRequest {
  provider: PullRequestProvider;
  apiUrl: string;
  /** `owner/repo` on GitHub; `group/project` or the numeric id on GitLab. */
  repository: string;
  token: string;
  head: string;
  base: string;
  title: string;
  body: string;
  retry: RetryPolicy;
  log: (line: string) => void;
  fetch?: typeof fetch;
}

/** The opened pull request: its number (`iid` on GitLab) and web page. */
export interface OpenedPullRequest {
  number: number;
  url: string;
}

/**
 * Opens the release pull request: GitHub `POST /repos/{owner}/{repo}/pulls`, GitLab
 * `POST /projects/{id}/merge_requests`. Connection errors, 429 and 5xx are retried like the
 * OpenChoreo API calls; a refusal becomes an error that names the branch that was pushed.
 */
export async function openPullRequest(
  request: PullRequestRequest,
): Promise<OpenedPullRequest> {
  const github = request.provider === 'github';
  const url = github
    ? `${request.apiUrl}/repos/${request.repository
        .split('/')
        .map(encodeURIComponent)
        .join('/')}/pulls`
    : `${request.apiUrl}/projects/${encodeURIComponent(
        request.repository,
      )}/merge_requests`;
  const body = github
    ? {
        title: request.title,
        head: request.head,
        base: request.base,
        body: request.body,
      }
    : {
        title: request.title,
        source_branch: request.head,
        target_branch: request.base,
        description: request.body,
        remove_source_branch: true,
      };
  const headers: Record<string, string> = github
    ? {
        authorization: `Bearer ${request.token}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
      }
    : { 'private-token': request.token, accept: 'application/json' };
  const what = github ? 'pull request' : 'merge request';
  const { outcome, attempts } = await withRetries(
    () =>
      (request.fetch ?? fetch)(url, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'user-agent': 'openchoreo-publish-workload',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(request.retry.requestTimeoutMs),
      }),
    request.retry,
    (failed, delayMs, next) =>
      request.log(
        `POST ${url}: ${
          failed.error
            ? describeConnectionError(failed.error)
            : failed.response.status
        }; retrying in ${delayMs} ms (attempt ${next} of ${
          request.retry.maxAttempts
        })`,
      ),
  );
  const pushed = `The branch ${request.head} was pushed; open the ${what} to ${request.base} by hand, or run the publish again.`;
  if (outcome.error) {
    throw new PublishError(
      `Cannot reach ${
        request.apiUrl
      } to open the ${what} (${describeConnectionError(
        outcome.error,
      )}, ${attempts} attempt(s)): check --git-api-url. ${pushed}`,
      ExitCode.Unavailable,
    );
  }
  const text = await outcome.response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const status = outcome.response.status;
  request.log(`POST ${url}: ${status}`);
  if (status === 201 || status === 200) {
    const answer = json as {
      number?: unknown;
      iid?: unknown;
      html_url?: unknown;
      web_url?: unknown;
    };
    const number = github ? answer?.number : answer?.iid;
    const page = github ? answer?.html_url : answer?.web_url;
    return {
      number: typeof number === 'number' ? number : 0,
      url: typeof page === 'string' ? page : '',
    };
  }
  const detail = summarizeBody({ status, json, text });
  const tokenVariable = github ? 'GITHUB_TOKEN' : 'GITLAB_TOKEN';
  const fail = (message: string, code: ExitCodeValue) =>
    new PublishError(`${message} ${pushed}`, code);
  if (status === 401) {
    throw fail(
      `${
        github ? 'GitHub' : 'GitLab'
      } refused the token (401 ${detail}): set OPENCHOREO_GIT_TOKEN (or ${tokenVariable}) to a valid token.`,
      ExitCode.Auth,
    );
  }
  if (
    status === 403 &&
    outcome.response.headers.get('x-ratelimit-remaining') === '0'
  ) {
    throw fail(
      `${
        github ? 'GitHub' : 'GitLab'
      } rate limit reached (403 ${detail}): try again after the limit resets.`,
      ExitCode.Unavailable,
    );
  }
  if (status === 403) {
    throw fail(
      `The token may not open ${what}s in ${request.repository} (403 ${detail}): give it write access (GitHub: pull-requests: write; GitLab: Developer role, api scope).`,
      ExitCode.Auth,
    );
  }
  if (status === 404) {
    throw fail(
      `Repository ${request.repository} was not found at ${request.apiUrl} (404 ${detail}), or the token cannot see it: check --git-repository and --git-api-url.`,
      ExitCode.NotFound,
    );
  }
  throw fail(
    `Opening the ${what} failed: ${status} ${detail}.`,
    status === 429 || status >= 500 ? ExitCode.Unavailable : ExitCode.Other,
  );
}

/**
 * `owner/repo` (or GitLab's `group/subgroup/project`) from a remote URL: `https://host/o/r.git`,
 * `ssh://git@host/o/r.git`, `git@host:o/r.git`; undefined for a local path.
 */
export function repositoryFromRemoteUrl(remoteUrl: string): string | undefined {
  const trimmed = remoteUrl.trim();
  let path: string | undefined;
  const scp = /^[^/@\s]+@[^:/\s]+:(.+)$/.exec(trimmed);
  if (scp) {
    path = scp[1];
  } else {
    try {
      const url = new URL(trimmed);
      if (url.protocol === 'file:') return undefined;
      path = decodeURIComponent(url.pathname);
    } catch {
      return undefined;
    }
  }
  const slug = path
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  return slug.includes('/') ? slug : undefined;
}
