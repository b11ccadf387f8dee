import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gitopsReleaseBranch } from '@openchoreo-ci/plugin-openchoreo-common';
import { badInput, ExitCode, PublishError } from '../errors';
import type { GitopsOptions } from '../modeOptions';
import type { RetryPolicy } from '../retry';
import type { Workload } from '../workload';
import { classifyPushFailure, gitMessage } from './git';
import {
  must,
  openGitopsCheckout,
  run,
  type GitopsCheckout,
} from './gitopsCheckout';
import { openPullRequest, repositoryFromRemoteUrl } from './pullRequest';
import { gitopsWorkloadPath, updateWorkloadFile } from './workloadFile';

/** What a GitOps publish is asked to do. */
export interface GitopsPublishRequest {
  options: GitopsOptions;
  workload: Workload;
  namespace: string;
  project: string;
  component: string;
  /** True when the Workload came from a descriptor (more than the image is written). */
  fromDescriptor: boolean;
  /** The commit message: subject line, then the body lines. */
  message: { subject: string; body: string[] };
  /** The publish time, for the release branch's name. */
  publishedAt: Date;
  /** The pull request token (never logged). */
  token?: string;
  retry: RetryPolicy;
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  fetch?: typeof fetch;
}

/** What a GitOps publish did. */
export interface GitopsPublishOutcome {
  action: 'created' | 'updated' | 'unchanged';
  path: string;
  /** The commit pushed (absent when unchanged). */
  commit?: string;
  /** The branch pushed: the target branch, or the release branch of a pull request. */
  branch?: string;
  pullRequest?: { number: number; url: string };
}

/**
 * CI triggered, CD owned: writes the Workload CR at OpenChoreo's GitOps path in the checkout,
 * commits it with the run's provenance and pushes it to the branch Flux applies, or pushes a
 * `release/<component>-<timestamp>` branch and opens a pull request. Never force-pushes: when
 * another push lands first, it fetches again and re-applies the change on the new tip (up to
 * `pushAttempts` times). Nothing changed: no commit. Any failure puts the checkout back as it was.
 */
export async function publishToGitops(
  request: GitopsPublishRequest,
): Promise<GitopsPublishOutcome> {
  const { options, log } = request;
  const checkout = await openGitopsCheckout(
    options.repoPath,
    options.remote,
    options.branch,
    request.env,
  );
  const pullRequest = options.pullRequest;
  let repository: string | undefined;
  if (pullRequest) {
    if (!request.token) {
      throw badInput(
        `Set OPENCHOREO_GIT_TOKEN (or ${
          pullRequest.provider === 'github' ? 'GITHUB_TOKEN' : 'GITLAB_TOKEN'
        }) to a token that may open ${
          pullRequest.provider === 'github' ? 'pull requests' : 'merge requests'
        } in the GitOps repository.`,
      );
    }
    repository =
      pullRequest.repository ?? repositoryFromRemoteUrl(checkout.remoteUrl);
    if (!repository) {
      throw badInput(
        `Cannot tell the repository from the remote URL ${checkout.remoteDisplayUrl}: set --git-repository ` +
          `(${
            pullRequest.provider === 'github'
              ? 'owner/repo'
              : 'group/project or the project id'
          }).`,
      );
    }
  }
  const path = gitopsWorkloadPath(
    request.namespace,
    request.project,
    request.component,
  );
  const releaseBranch = pullRequest
    ? gitopsReleaseBranch(request.component, request.publishedAt)
    : undefined;
  const pushBranch = releaseBranch ?? checkout.branch;
  log(
    `GitOps: ${path} in ${checkout.root} (remote ${checkout.remote}, branch ${
      checkout.branch
    }${releaseBranch ? `, pull request from ${releaseBranch}` : ''})`,
  );

  const localBefore = await localBranch(checkout, pushBranch);
  try {
    for (let attempt = 1; ; attempt++) {
      const base = await fetchBranch(checkout);
      const existing = await readAt(checkout, base, path);
      const update = updateWorkloadFile(
        existing,
        request.workload,
        !request.fromDescriptor,
        path,
      );
      if (update.action === 'unchanged') {
        log(
          `Nothing to publish: ${path} on ${checkout.remote}/${checkout.branch} already has image ${request.workload.spec?.container?.image}`,
        );
        // A retry found the change already there (an identical publish landed first).
        if (attempt > 1) await restore(checkout, pushBranch, localBefore);
        return { action: 'unchanged', path };
      }
      if (attempt === 1 && !releaseBranch && localBefore) {
        await refuseUnpushedCommits(checkout, localBefore, base);
      }
      await must(
        checkout.git,
        ['checkout', '--quiet', '-B', pushBranch, base],
        `Checking out ${pushBranch} at ${checkout.remote}/${checkout.branch}`,
      );
      const file = join(checkout.root, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, update.text);
      await must(checkout.git, ['add', '--', path], `Adding ${path}`);
      await must(
        checkout.git,
        [
          'commit',
          '--quiet',
          '-m',
          request.message.subject,
          '-m',
          request.message.body.join('\n'),
          '--',
          path,
        ],
        `Committing ${path}`,
      );
      const commit = (
        await must(checkout.git, ['rev-parse', 'HEAD'], 'Reading the commit')
      ).trim();
      const pushed = await run(checkout.git, [
        'push',
        '--porcelain',
        checkout.remote,
        `HEAD:refs/heads/${pushBranch}`,
      ]);
      const output = `${pushed.stdout}\n${pushed.stderr}`;
      if (pushed.code === 0) {
        log(
          `Pushed ${commit.slice(0, 12)} to ${checkout.remote}/${pushBranch} (${
            update.action
          } ${path})`,
        );
        const outcome: GitopsPublishOutcome = {
          action: update.action,
          path,
          commit,
          branch: pushBranch,
        };
        if (checkout.original.ref !== pushBranch) {
          await backToOriginal(checkout);
        }
        if (pullRequest && repository && releaseBranch) {
          outcome.pullRequest = await openPullRequest({
            provider: pullRequest.provider,
            apiUrl: pullRequest.apiUrl,
            repository,
            token: request.token!,
            head: releaseBranch,
            base: checkout.branch,
            title: request.message.subject,
            body: request.message.body.join('\n'),
            retry: request.retry,
            log,
            fetch: request.fetch,
          });
        }
        return outcome;
      }
      const failure = classifyPushFailure(output);
      if (failure === 'race' && attempt < options.pushAttempts) {
        log(
          `Push to ${
            checkout.remote
          }/${pushBranch} rejected: another push landed first; fetching again and re-applying (attempt ${
            attempt + 1
          } of ${options.pushAttempts})`,
        );
        continue;
      }
      throw pushError(
        checkout,
        pushBranch,
        failure,
        gitMessage(pushed),
        attempt,
      );
    }
  } catch (error) {
    await restore(checkout, pushBranch, localBefore).catch(() => undefined);
    throw error;
  }
}

async function fetchBranch(checkout: GitopsCheckout): Promise<string> {
  const { git, remote, branch } = checkout;
  const tracking = `refs/remotes/${remote}/${branch}`;
  const fetched = await run(git, [
    'fetch',
    '--quiet',
    '--no-tags',
    remote,
    `+refs/heads/${branch}:${tracking}`,
  ]);
  if (fetched.code !== 0) {
    const message = gitMessage(fetched);
    if (/couldn't find remote ref/i.test(message)) {
      throw badInput(
        `The GitOps repository (${remote}) has no branch "${branch}": set --gitops-branch to the branch Flux applies.`,
      );
    }
    const failure = classifyPushFailure(message);
    throw new PublishError(
      `Cannot fetch ${branch} from ${remote} (${message}): ${
        failure === 'denied'
          ? 'the CI runner has no read access to the GitOps repository; configure its git credentials'
          : 'check that the GitOps repository is reachable from the CI runner'
      }.`,
      failure === 'denied' ? ExitCode.Auth : ExitCode.Unavailable,
    );
  }
  return (
    await must(git, ['rev-parse', tracking], 'Reading the branch')
  ).trim();
}

async function readAt(
  checkout: GitopsCheckout,
  commit: string,
  path: string,
): Promise<string | undefined> {
  const shown = await run(checkout.git, ['show', `${commit}:${path}`]);
  return shown.code === 0 ? shown.stdout : undefined;
}

async function localBranch(checkout: GitopsCheckout, branch: string) {
  const result = await run(checkout.git, [
    'rev-parse',
    '--verify',
    '--quiet',
    `refs/heads/${branch}`,
  ]);
  return result.code === 0 ? result.stdout.trim() : undefined;
}

async function refuseUnpushedCommits(
  checkout: GitopsCheckout,
  local: string,
  base: string,
) {
  const ancestor = await run(checkout.git, [
    'merge-base',
    '--is-ancestor',
    local,
    base,
  ]);
  if (ancestor.code !== 0) {
    throw badInput(
      `The local branch ${checkout.branch} of ${checkout.root} has commits that are not on ${checkout.remote}/${checkout.branch}: ` +
        'publish from a fresh checkout of the GitOps repository (this run never pushes other commits).',
    );
  }
}

/** Puts HEAD back where it was (the branch, or the commit). */
async function backToOriginal(checkout: GitopsCheckout) {
  const { ref, commit } = checkout.original;
  await run(checkout.git, ['checkout', '--quiet', '-f', ref ?? commit]);
}

/**
 * Undoes this run's local changes: HEAD back where it was, the pushed branch back to its old
 * commit (or removed when this run created it), the working tree clean.
 */
async function restore(
  checkout: GitopsCheckout,
  branch: string,
  before: string | undefined,
) {
  const { git, original } = checkout;
  await run(git, ['checkout', '--quiet', '-f', '--detach', original.commit]);
  if (before) {
    await run(git, ['update-ref', `refs/heads/${branch}`, before]);
  } else {
    await run(git, ['update-ref', '-d', `refs/heads/${branch}`]);
  }
  await run(git, [
    'checkout',
    '--quiet',
    '-f',
    original.ref ?? original.commit,
  ]);
}

function pushError(
  checkout: GitopsCheckout,
  branch: string,
  failure: ReturnType<typeof classifyPushFailure>,
  message: string,
  attempts: number,
): PublishError {
  const target = `${checkout.remote}/${branch} (${checkout.remoteDisplayUrl})`;
  switch (failure) {
    case 'race':
      return new PublishError(
        `Push to ${target} was rejected ${attempts} time(s) because other pushes kept landing first (${message}): run the publish again.`,
        ExitCode.Unavailable,
      );
    case 'denied':
      return new PublishError(
        `The GitOps repository refused the push to ${target} (${message}): the CI's git credentials need write access to ` +
          `${branch}${
            checkout.branch === branch
              ? ', or the branch is protected: use --pull-request to propose the change instead'
              : ''
          }. Nothing was pushed.`,
        ExitCode.Auth,
      );
    case 'unreachable':
      return new PublishError(
        `Cannot reach the GitOps repository ${checkout.remoteDisplayUrl} (${message}): check the remote URL and that the CI runner can reach it.`,
        ExitCode.Unavailable,
      );
    default:
      return new PublishError(
        `Push to ${target} failed (${message}).`,
        ExitCode.Other,
      );
  }
}
