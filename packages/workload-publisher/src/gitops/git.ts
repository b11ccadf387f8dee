import { execFile } from 'node:child_process';

/** What one git command did. */
export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs git commands in one checkout. */
export type Git = (args: string[]) => Promise<GitResult>;

/**
 * The `git` on PATH, run in `cwd` without prompts (a CI has no terminal) and in the C locale
 * (its messages are what {@link classifyPushFailure} reads). Never throws for a non-zero exit.
 */
export function gitIn(
  cwd: string,
  identity?: { name: string; email: string },
): Git {
  const config = identity
    ? ['-c', `user.name=${identity.name}`, '-c', `user.email=${identity.email}`]
    : [];
  return args =>
    new Promise((resolve, reject) => {
      execFile(
        'git',
        [...config, ...args],
        {
          cwd,
          env: {
            ...process.env,
            GIT_TERMINAL_PROMPT: '0',
            LC_ALL: 'C',
            LANG: 'C',
          },
          maxBuffer: 16 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          const code = (error as { code?: unknown } | null)?.code;
          if (error && typeof code !== 'number') {
            // git is missing, or cwd vanished: not an answer of git's own.
            reject(error);
            return;
          }
          resolve({
            code: typeof code === 'number' ? code : 0,
            stdout: stdout.toString(),
            stderr: stderr.toString(),
          });
        },
      );
    });
}

/** Why a push was refused, as far as git's output tells. */
export type PushFailure = 'race' | 'denied' | 'unreachable' | 'other';

/**
 * Reads a failed `git push`: `race` when another push landed first (non-fast-forward, or the
 * remote could not move the ref from the old value), `denied` for missing rights (HTTP 401/403,
 * "Permission to ... denied", a protected branch or a hook that declined), `unreachable` when
 * the remote cannot be reached.
 */
export function classifyPushFailure(output: string): PushFailure {
  if (
    /\[rejected\][^\n]*\((fetch first|non-fast-forward)\)/.test(output) ||
    /\[remote rejected\][^\n]*\((failed to update ref|cannot lock ref|incorrect old value)/i.test(
      output,
    )
  ) {
    return 'race';
  }
  if (
    /\[remote rejected\]|permission to [^\n]* denied|not allowed to push|returned error: 40[13]|authentication failed|could not read username|permission denied|access denied|denied to /i.test(
      output,
    )
  ) {
    return 'denied';
  }
  if (
    /could not resolve host|connection refused|connection timed out|timed out|unable to access|could not read from remote repository|does not appear to be a git repository/i.test(
      output,
    )
  ) {
    return 'unreachable';
  }
  return 'other';
}

/** Text with the credentials of any `scheme://user:secret@host` URL in it masked. */
export function withoutUrlCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}

/** git's own message in a few lines: the `fatal:`/`error:`/`remote:` and `!` lines, else all. */
export function gitMessage(result: GitResult): string {
  const lines = `${result.stderr}\n${result.stdout}`
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean);
  const telling = lines.filter(line =>
    /^(fatal|error|remote|!|ERROR)/.test(line),
  );
  return withoutUrlCredentials(
    (telling.length > 0 ? telling : lines).slice(0, 6).join(' | '),
  );
}
