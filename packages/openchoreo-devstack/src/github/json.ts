// Serialises the model the way the GitHub REST API answers (the fields clients read, with
// their real names and formats; GitHub sends more).
import { isoSeconds } from '../emulatorKit';
import { PullRecord, RepoRecord, RunRecord } from './model';

type Json = Record<string, unknown>;

/** Base URLs of one request: the API (with `/api/v3` on GHE paths) and the web pages. */
export interface GitHubUrls {
  api: string;
  html: string;
}

/** What the caller may do in the repository; omitted for anonymous requests. */
export type RepoPermissions = { write: boolean } | undefined;

const userId = (login: string) =>
  100_000 + [...login].reduce((sum, c) => sum + c.charCodeAt(0), 0);

/** A user reference (`owner`, `actor`, `user`). */
export function userJson(urls: GitHubUrls, login: string): Json {
  return {
    login,
    id: userId(login),
    node_id: `U_${Buffer.from(login).toString('base64url')}`,
    avatar_url: `${urls.html}/${login}.png`,
    url: `${urls.api}/users/${login}`,
    html_url: `${urls.html}/${login}`,
    type: login.endsWith('-bot') ? 'Bot' : 'User',
    site_admin: false,
  };
}

/** A repository, as `GET /repos/{owner}/{repo}` returns it. */
export function repoJson(
  urls: GitHubUrls,
  repo: RepoRecord,
  permissions: RepoPermissions,
): Json {
  const json: Json = {
    id: repo.id,
    node_id: `R_${Buffer.from(String(repo.id)).toString('base64url')}`,
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: { ...userJson(urls, repo.owner), type: 'Organization' },
    html_url: `${urls.html}/${repo.fullName}`,
    description: repo.description,
    fork: false,
    url: `${urls.api}/repos/${repo.fullName}`,
    pulls_url: `${urls.api}/repos/${repo.fullName}/pulls{/number}`,
    clone_url: `${urls.html}/${repo.fullName}.git`,
    created_at: isoSeconds(repo.createdAt),
    updated_at: isoSeconds(repo.runs.at(-1)?.updatedAt ?? repo.createdAt),
    pushed_at: isoSeconds(repo.runs.at(-1)?.createdAt ?? repo.createdAt),
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    default_branch: repo.defaultBranch,
  };
  if (permissions) {
    json.permissions = {
      admin: false,
      maintain: false,
      push: permissions.write,
      triage: permissions.write,
      pull: true,
    };
  }
  return json;
}

const REPO_REF_FIELDS = [
  'id',
  'node_id',
  'name',
  'full_name',
  'private',
  'owner',
  'html_url',
  'url',
];

/** A shortened repository, as nested in runs and pull requests. */
function repoRef(urls: GitHubUrls, repo: RepoRecord): Json {
  const full = repoJson(urls, repo, undefined);
  return Object.fromEntries(REPO_REF_FIELDS.map(key => [key, full[key]]));
}

/** A workflow run, as the runs list and `GET .../actions/runs/{id}` return it. */
export function runJson(urls: GitHubUrls, repo: RepoRecord, run: RunRecord) {
  const api = `${urls.api}/repos/${repo.fullName}/actions/runs/${run.id}`;
  return {
    id: run.id,
    name: run.workflow.name,
    node_id: `WFR_${Buffer.from(String(run.id)).toString('base64url')}`,
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.workflow.path,
    display_title: run.displayTitle,
    run_number: run.runNumber,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflow.id,
    check_suite_id: run.jobId - 1,
    url: api,
    html_url: `${urls.html}/${repo.fullName}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: isoSeconds(run.createdAt),
    updated_at: isoSeconds(run.updatedAt),
    actor: userJson(urls, run.actor),
    triggering_actor: userJson(urls, run.actor),
    run_attempt: run.runAttempt,
    run_started_at: isoSeconds(run.runStartedAt),
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url:
      run.runAttempt > 1 ? `${api}/attempts/${run.runAttempt - 1}` : null,
    workflow_url: `${urls.api}/repos/${repo.fullName}/actions/workflows/${run.workflow.id}`,
    head_commit: {
      id: run.headSha,
      message: run.displayTitle,
      timestamp: isoSeconds(run.createdAt),
      author: {
        name: run.actor,
        email: `${run.actor}@users.noreply.github.com`,
      },
    },
    repository: repoRef(urls, repo),
    head_repository: repoRef(urls, repo),
  };
}

/** A pull request, as `POST` and `GET .../pulls` return it. */
export function pullJson(urls: GitHubUrls, repo: RepoRecord, pull: PullRecord) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const branch = (ref: string, sha: string) => ({
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: userJson(urls, repo.owner),
    repo: repoRef(urls, repo),
  });
  return {
    url: `${api}/pulls/${pull.number}`,
    id: pull.id,
    node_id: `PR_${Buffer.from(String(pull.id)).toString('base64url')}`,
    html_url: `${urls.html}/${repo.fullName}/pull/${pull.number}`,
    diff_url: `${urls.html}/${repo.fullName}/pull/${pull.number}.diff`,
    issue_url: `${api}/issues/${pull.number}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: userJson(urls, pull.user),
    body: pull.body || null,
    created_at: isoSeconds(pull.createdAt),
    updated_at: isoSeconds(pull.updatedAt),
    closed_at: pull.state === 'closed' ? isoSeconds(pull.updatedAt) : null,
    merged_at: pull.mergedAt === null ? null : isoSeconds(pull.mergedAt),
    merge_commit_sha: null,
    assignees: [],
    requested_reviewers: [],
    labels: [],
    draft: pull.draft,
    head: branch(pull.head, pull.headSha),
    base: branch(pull.base, pull.baseSha),
    author_association: 'MEMBER',
  };
}
