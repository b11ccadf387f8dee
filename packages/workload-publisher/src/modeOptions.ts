import { resolve } from 'node:path';
import { parseTimeout } from './duration';

/** How the Workload reaches OpenChoreo (seed 002's three ways, `--mode` and `--wait`). */
export type PublishMode = 'api' | 'gitops';

/** Where a GitOps publish opens its release pull request (merge request on GitLab). */
export type PullRequestProvider = 'github' | 'gitlab';

/** `--wait`: follow the deployment the published Workload leads to. */
export interface WaitOptions {
  /** How long the deployment may take before the run gives up (exit 7). */
  timeoutMs: number;
  /** The environment to wait for; default the first of the project's deployment pipeline. */
  environment?: string;
}

/** `--mode gitops`: where the Workload CR is committed and how it is proposed. */
export interface GitopsOptions {
  /** Absolute path of the GitOps repository's checkout. */
  repoPath: string;
  /** The branch Flux applies; default the checkout's current branch. */
  branch?: string;
  /** The remote to fetch from and push to (default `origin`). */
  remote: string;
  /** Push attempts when another push lands first (non-fast-forward), default 5. */
  pushAttempts: number;
  /** Open a release pull request instead of pushing to the branch. */
  pullRequest?: {
    provider: PullRequestProvider;
    /** REST API root: `https://api.github.com`, `https://gitlab.example.com/api/v4`... */
    apiUrl: string;
    /** `owner/repo` (GitHub), `group/project` or the numeric id (GitLab); default from the remote URL. */
    repository?: string;
  };
}

/** The mode part of the command line. */
export interface ModeOptions {
  mode: PublishMode;
  wait?: WaitOptions;
  gitops?: GitopsOptions;
}

/** The default of `--wait-timeout`. */
export const DEFAULT_WAIT_TIMEOUT_MS = 10 * 60_000;

type Read = (flag: string, ...variables: string[]) => string | undefined;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const GIT_NAME = /^[A-Za-z0-9._][A-Za-z0-9._/-]*$/;

/**
 * Reads `--mode`, `--wait`, `--wait-timeout`, `--environment` and the GitOps flags; pushes one
 * line per problem onto `problems` (reported together by the caller, exit code 2).
 */
export function readModeOptions(
  read: Read,
  flagSet: (flag: string, variable: string) => boolean,
  env: Record<string, string | undefined>,
  cwd: string,
  problems: string[],
): ModeOptions {
  const modeText = read('mode', 'OPENCHOREO_PUBLISH_MODE') ?? 'api';
  if (modeText !== 'api' && modeText !== 'gitops') {
    problems.push(`--mode "${modeText}" must be api or gitops`);
  }
  const mode: PublishMode = modeText === 'gitops' ? 'gitops' : 'api';
  const wait = flagSet('wait', 'OPENCHOREO_WAIT');
  const timeoutText = read('wait-timeout', 'OPENCHOREO_WAIT_TIMEOUT');
  const environment = read('environment', 'OPENCHOREO_ENVIRONMENT');

  if (mode === 'gitops') {
    for (const [given, flag] of [
      [wait, 'wait'],
      [timeoutText !== undefined, 'wait-timeout'],
      [environment !== undefined, 'environment'],
    ] as const) {
      if (given) {
        problems.push(
          `--${flag} applies to --mode api: in GitOps mode the GitOps tool (Flux) deploys what is merged, after this run`,
        );
      }
    }
    return { mode, gitops: readGitopsOptions(read, env, cwd, problems) };
  }

  if (!wait) {
    for (const [given, flag] of [
      [timeoutText !== undefined, 'wait-timeout'],
      [environment !== undefined, 'environment'],
    ] as const) {
      if (given) problems.push(`--${flag} needs --wait`);
    }
    return { mode };
  }
  let timeoutMs = DEFAULT_WAIT_TIMEOUT_MS;
  if (timeoutText !== undefined) {
    const parsed = parseTimeout(timeoutText);
    if (parsed === undefined) {
      problems.push(
        `--wait-timeout "${timeoutText}" must be a duration such as 10m, 90s, 1h30m or a number of seconds`,
      );
    } else {
      timeoutMs = parsed;
    }
  }
  if (environment !== undefined && !DNS_LABEL.test(environment)) {
    problems.push(`--environment "${environment}" is not a valid name`);
  }
  return { mode, wait: { timeoutMs, environment } };
}

function readGitopsOptions(
  read: Read,
  env: Record<string, string | undefined>,
  cwd: string,
  problems: string[],
): GitopsOptions {
  const repo = read('gitops-repo', 'OPENCHOREO_GITOPS_REPO');
  if (!repo) {
    problems.push(
      '--gitops-repo (or OPENCHOREO_GITOPS_REPO) is required with --mode gitops: the path of a checkout of the GitOps repository',
    );
  }
  const branch = read('gitops-branch', 'OPENCHOREO_GITOPS_BRANCH');
  const remote = read('gitops-remote', 'OPENCHOREO_GITOPS_REMOTE') ?? 'origin';
  for (const [value, flag] of [
    [branch, 'gitops-branch'],
    [remote, 'gitops-remote'],
  ] as const) {
    if (
      value !== undefined &&
      (!GIT_NAME.test(value) || value.includes('..'))
    ) {
      problems.push(`--${flag} "${value}" is not a valid git name`);
    }
  }
  const attemptsText = read('push-attempts', 'OPENCHOREO_PUSH_ATTEMPTS');
  let pushAttempts = 5;
  if (attemptsText !== undefined) {
    const attempts = Number(attemptsText);
    if (!Number.isInteger(attempts) || attempts < 1 || attempts > 20) {
      problems.push(
        `--push-attempts "${attemptsText}" must be a whole number from 1 to 20`,
      );
    } else {
      pushAttempts = attempts;
    }
  }

  const providerText = read('pull-request', 'OPENCHOREO_GITOPS_PULL_REQUEST');
  let pullRequest: GitopsOptions['pullRequest'];
  if (providerText !== undefined && providerText !== 'none') {
    if (providerText !== 'github' && providerText !== 'gitlab') {
      problems.push(
        `--pull-request "${providerText}" must be github, gitlab or none`,
      );
    } else {
      const apiUrl =
        read('git-api-url', 'OPENCHOREO_GIT_API_URL') ??
        (providerText === 'github'
          ? env.GITHUB_API_URL?.trim() || 'https://api.github.com'
          : env.CI_API_V4_URL?.trim() || 'https://gitlab.com/api/v4');
      if (!isHttpUrl(apiUrl)) {
        problems.push(`--git-api-url "${apiUrl}" is not an http(s) URL`);
      }
      pullRequest = {
        provider: providerText,
        apiUrl: apiUrl.replace(/\/+$/, ''),
        repository: read('git-repository', 'OPENCHOREO_GIT_REPOSITORY'),
      };
    }
  }
  return {
    repoPath: resolve(cwd, repo ?? '.'),
    branch,
    remote,
    pushAttempts,
    pullRequest,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
