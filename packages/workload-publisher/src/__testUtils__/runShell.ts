import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How a CI runs a script: Jenkins `sh -xe`, GitHub Actions bash with pipefail, GitLab `sh -e`. */
export const CI_SHELLS = {
  jenkins: ['sh', '-xe'],
  'github-actions': ['bash', '--noprofile', '--norc', '-eo', 'pipefail'],
  'gitlab-ci': ['sh', '-e'],
  bash: ['bash'],
} as const;

/** The result of a script run. */
export interface ShellRun {
  code: number;
  stdout: string;
  stderr: string;
  output: string;
}

/**
 * Runs `script` from a file, as a CI hands a step to its shell, with exactly `env` plus PATH:
 * nothing of the test process's own environment (it may itself run in a CI) leaks in.
 */
export function runShell(
  shell: readonly string[],
  script: string,
  env: Record<string, string | undefined>,
  cwd?: string,
): Promise<ShellRun> {
  const dir = mkdtempSync(join(tmpdir(), 'publish-step-'));
  const file = join(dir, 'step.sh');
  writeFileSync(file, script);
  return new Promise<ShellRun>((resolve, reject) => {
    const child = spawn(shell[0], [...shell.slice(1), file], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => {
      stdout += chunk;
    });
    child.stderr.on('data', chunk => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', code =>
      resolve({ code: code ?? -1, stdout, stderr, output: stdout + stderr }),
    );
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** Looks like a JWT (an access token): three base64url parts starting with `eyJ`. */
export const JWT_PATTERN = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;
