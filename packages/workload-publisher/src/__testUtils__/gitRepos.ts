import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A bare "remote" GitOps repository and the helpers to clone and inspect it. */
export interface GitopsRemote {
  /** The temp folder holding everything; removed by `cleanup`. */
  dir: string;
  /** Path of the bare repository (what clones use as `origin`). */
  bare: string;
  /** Runs git in `cwd` (default the bare repository) and returns stdout. */
  git(args: string[], cwd?: string): string;
  /** A fresh clone of the branch `main`, with a committer identity. */
  clone(name: string): string;
  /** The file at `path` on `ref` of the remote, or undefined. */
  show(path: string, ref?: string): string | undefined;
  /** Every ref of the remote with its commit, to compare before/after. */
  refs(): string;
  /** Installs a `pre-receive` hook (a POSIX sh script body). */
  hook(body: string): void;
  cleanup(): void;
}

const IDENTITY = [
  '-c',
  'user.name=GitOps Test',
  '-c',
  'user.email=gitops-test@example.com',
];

/**
 * Creates a real bare git repository whose `main` holds `files` (OpenChoreo's GitOps layout or
 * anything else) in one commit, under the system temp folder.
 */
export function createGitopsRemote(
  files: Record<string, string>,
): GitopsRemote {
  const dir = mkdtempSync(join(tmpdir(), 'gitops-publisher-'));
  const bare = join(dir, 'gitops.git');
  const git = (args: string[], cwd = bare) =>
    execFileSync('git', [...IDENTITY, ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C' },
      stdio: 'pipe',
    });
  mkdirSync(bare);
  git(['init', '--quiet', '--bare', '--initial-branch=main']);
  const seed = join(dir, 'seed');
  git(['clone', '--quiet', bare, seed], dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(seed, path)), { recursive: true });
    writeFileSync(join(seed, path), content);
  }
  git(['checkout', '--quiet', '-b', 'main'], seed);
  git(['add', '-A'], seed);
  git(['commit', '--quiet', '-m', 'GitOps repository'], seed);
  git(['push', '--quiet', 'origin', 'main'], seed);
  return {
    dir,
    bare,
    git,
    clone(name) {
      const path = join(dir, name);
      git(['clone', '--quiet', '--branch', 'main', bare, path], dir);
      git(['config', 'user.name', 'CI runner'], path);
      git(['config', 'user.email', 'ci@example.com'], path);
      return path;
    },
    show(path, ref = 'main') {
      try {
        return execFileSync('git', ['show', `${ref}:${path}`], {
          cwd: bare,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        });
      } catch {
        return undefined;
      }
    },
    refs: () => git(['for-each-ref', '--format=%(refname) %(objectname)']),
    hook(body) {
      const file = join(bare, 'hooks', 'pre-receive');
      writeFileSync(file, `#!/bin/sh\n${body}\n`);
      chmodSync(file, 0o755);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
