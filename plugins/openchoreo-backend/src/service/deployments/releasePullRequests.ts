import type { GitopsPullRequest } from '@openchoreo-ci/plugin-openchoreo-common';
import { encodePathSegments } from '../externalCi/CiPlatformReader';
import { githubError } from '../externalCi/githubActions';
import { gitlabError } from '../externalCi/gitlabCi';
import type { CiHostConnection } from '../externalCi/integrationConfig';
import { callUpstream } from '../externalCi/upstreamHttp';

/** Open pull/merge requests asked for at once; a release branch older than this is not looked for. */
export const OPEN_PULL_REQUESTS_PAGE = 100;

/** An open pull/merge request of the GitOps repository, whatever its branch. */
export type OpenPullRequest = GitopsPullRequest;

interface GitHubPull {
  number: number;
  title?: string;
  html_url?: string;
  draft?: boolean;
  created_at?: string;
  user?: { login?: string } | null;
  head?: { ref?: string };
  base?: { ref?: string };
}

interface GitLabMergeRequest {
  iid: number;
  title?: string;
  web_url?: string;
  draft?: boolean;
  work_in_progress?: boolean;
  created_at?: string;
  author?: { username?: string } | null;
  source_branch?: string;
  target_branch?: string;
}

/**
 * The open pull requests (GitHub) or merge requests (GitLab) of a repository, newest first,
 * read with the portal's integration token. Failures are `ExternalCiUnavailableError`s classified
 * like the CI runs' (refused token, rate limit, not found, unreachable).
 */
export async function listOpenPullRequests(
  connection: CiHostConnection,
  slug: string,
): Promise<OpenPullRequest[]> {
  const auth: Record<string, string> = connection.token
    ? { Authorization: `Bearer ${connection.token}` }
    : {};
  if (connection.platform === 'github-actions') {
    const res = await callUpstream(
      'GitHub',
      `${connection.apiBaseUrl}/repos/${encodePathSegments(
        slug,
      )}/pulls?state=open&sort=created&direction=desc&per_page=${OPEN_PULL_REQUESTS_PAGE}`,
      {
        headers: {
          Accept: 'application/vnd.github+json',
          'X-GitHub-Api-Version': '2022-11-28',
          'User-Agent': 'openchoreo-ci-portal',
          ...auth,
        },
      },
    );
    if (res.status !== 200) throw githubError(res, slug, connection.host);
    return (Array.isArray(res.body) ? (res.body as GitHubPull[]) : []).map(
      pull => ({
        number: pull.number,
        title: pull.title ?? '',
        url: pull.html_url,
        branch: pull.head?.ref ?? '',
        base: pull.base?.ref,
        author: pull.user?.login,
        createdAt: pull.created_at,
        draft: pull.draft === true,
      }),
    );
  }
  const res = await callUpstream(
    'GitLab',
    `${connection.apiBaseUrl}/projects/${encodeURIComponent(
      slug,
    )}/merge_requests?state=opened&order_by=created_at&sort=desc&per_page=${OPEN_PULL_REQUESTS_PAGE}`,
    { headers: auth },
  );
  if (res.status !== 200) throw gitlabError(res, slug, connection.host);
  return (
    Array.isArray(res.body) ? (res.body as GitLabMergeRequest[]) : []
  ).map(mr => ({
    number: mr.iid,
    title: mr.title ?? '',
    url: mr.web_url,
    branch: mr.source_branch ?? '',
    base: mr.target_branch,
    author: mr.author?.username,
    createdAt: mr.created_at,
    draft: mr.draft === true || mr.work_in_progress === true,
  }));
}
