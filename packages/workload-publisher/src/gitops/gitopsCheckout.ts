import { existsSync, statSync } from 'node:fs';
import { badInput, ExitCode, PublishError } from '../errors';
import {
  gitIn,
  gitMessage,
  withoutUrlCredentials,
  type Git,
  type GitResult,
} from './git';

/** The identity of commits when the checkout has none configured. */
export const DEFAULT_COMMIT_IDENTITY = {
  name: 'OpenChoreo workload publisher',
  email: 'openchoreo-publisher@noreply.invalid',
};

/** A checked GitOps checkout: its git, remote, target branch and the state to restore. */
export interface GitopsCheckout {
  git: Git;
  root: string;
  remote: string;
  /** The remote's URL, for finding the repository (may hold credentials: never print it). */
  remoteUrl: string;
  /** The remote's URL without credentials, for messages. */
  remoteDisplayUrl: string;
  branch: string;
  /** What HEAD was (a branch name, else the commit), to go back to. */
  original: { ref?: string; commit: string };
}

/**
 * Checks that `repoPath` is a clean checkout with the remote, and works out the branch. Changes
 * nothing; every problem is an input error (exit 2) that says what to do.
 */
export async function openGitopsCheckout(
  repoPath: string,
  remote: string,
  branch: string | undefined,
  env: Record<string, string | undefined>,
): Promise<GitopsCheckout> {
  if (!existsSync(repoPath) || !statSync(repoPath).isDirectory()) {
    throw badInput(
      `The GitOps repository path ${repoPath} is not a directory: clone the GitOps repository first ` +
        '(git clone <url> <dir>) and pass that directory as --gitops-repo.',
    );
  }
  const probe = gitIn(repoPath);
  const top = await run(probe, ['rev-parse', '--show-toplevel']).catch(
    (error: Error) => {
      throw new PublishError(
        `Cannot run git (${error.message}): GitOps mode needs git on the PATH of the CI runner.`,
        ExitCode.BadInput,
      );
    },
  );
  if (top.code !== 0) {
    throw badInput(
      `${repoPath} is not a git repository (${gitMessage(
        top,
      )}): clone the GitOps repository ` +
        '(git clone <url> <dir>) and pass that directory as --gitops-repo.',
    );
  }
  const root = top.stdout.trim();
  const configured = await run(probe, ['config', 'user.email']);
  const hasIdentity =
    configured.stdout.trim() !== '' ||
    Boolean(env.GIT_AUTHOR_EMAIL && env.GIT_COMMITTER_EMAIL);
  const git = hasIdentity ? probe : gitIn(repoPath, DEFAULT_COMMIT_IDENTITY);

  const status = await run(git, [
    'status',
    '--porcelain',
    '--untracked-files=no',
  ]);
  if (status.stdout.trim() !== '') {
    throw badInput(
      `The GitOps checkout ${root} has uncommitted changes (${status.stdout
        .trim()
        .split('\n')
        .slice(0, 3)
        .join(
          ', ',
        )}): publish from a clean checkout, so nothing else is committed with the Workload.`,
    );
  }
  const url = await run(git, ['remote', 'get-url', remote]);
  if (url.code !== 0) {
    throw badInput(
      `The GitOps checkout ${root} has no remote "${remote}" (${gitMessage(
        url,
      )}): set --gitops-remote to the remote of the GitOps repository.`,
    );
  }
  const head = await run(git, ['rev-parse', 'HEAD']);
  if (head.code !== 0) {
    throw badInput(
      `The GitOps checkout ${root} has no commit yet (${gitMessage(
        head,
      )}): clone a GitOps repository that has its branch.`,
    );
  }
  const symbolic = await run(git, [
    'symbolic-ref',
    '--quiet',
    '--short',
    'HEAD',
  ]);
  const currentBranch =
    symbolic.code === 0 ? symbolic.stdout.trim() : undefined;
  const target = branch ?? currentBranch;
  if (!target) {
    throw badInput(
      `The GitOps checkout ${root} is on a detached HEAD: set --gitops-branch to the branch Flux applies (e.g. main).`,
    );
  }
  return {
    git,
    root,
    remote,
    remoteUrl: url.stdout.trim(),
    remoteDisplayUrl: withoutUrlCredentials(url.stdout.trim()),
    branch: target,
    original: { ref: currentBranch, commit: head.stdout.trim() },
  };
}

/** Runs git; rejects only when git cannot be started. */
export function run(git: Git, args: string[]): Promise<GitResult> {
  return git(args);
}

/** Runs git and throws an error with git's message (exit 1) when it fails. */
export async function must(
  git: Git,
  args: string[],
  what: string,
): Promise<string> {
  const result = await git(args);
  if (result.code !== 0) {
    throw new PublishError(
      `${what} failed (git ${args[0]}: ${gitMessage(result)}).`,
      ExitCode.Other,
    );
  }
  return result.stdout;
}
