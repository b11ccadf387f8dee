import {
  toWorkloadProvenanceAnnotations,
  type WorkloadProvenance,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { version } from '../package.json';
import { runApiMode } from './apiMode';
import { loadWorkloadDescriptor } from './descriptor';
import { badInput, ExitCode, PublishError } from './errors';
import { parseCommandLine, USAGE } from './options';
import { runGitopsMode } from './gitopsMode';
import type { RetryPolicy } from './retry';
import { buildWorkload } from './workload';

/** What {@link main} talks to; the defaults are the process's. */
export interface MainOptions {
  env?: Record<string, string | undefined>;
  /** Where relative paths (the descriptor) resolve; default `INIT_CWD` (set by yarn/npx) or the cwd. */
  cwd?: string;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  fetch?: typeof fetch;
  /** Overrides of the retry policy (tests use short delays). */
  retry?: Partial<RetryPolicy>;
  /** The clock of the publish time recorded on the Workload. */
  now?: () => Date;
  /** Poll interval of `--wait` in milliseconds (default 5000; tests use less). */
  pollIntervalMs?: number;
}

/** What the CLI records as the Workload's publisher. */
export const PUBLISHER_NAME = `openchoreo-publish-workload/${version}`;

/**
 * The `openchoreo-publish-workload` CLI: parses `argv` (without node and the script), publishes,
 * and resolves to the exit code. Never throws; never prints the client secret.
 */
export async function main(
  argv: string[],
  options: MainOptions = {},
): Promise<number> {
  const env = options.env ?? process.env;
  const clientSecret = env.OPENCHOREO_CLIENT_SECRET ?? '';
  // Belt and braces: whatever a server echoes back, no secret reaches the output.
  const secrets = [
    clientSecret,
    env.OPENCHOREO_GIT_TOKEN,
    env.GITHUB_TOKEN,
    env.GITLAB_TOKEN,
  ]
    .map(secret => secret?.trim())
    .filter((secret): secret is string => Boolean(secret));
  const redact = (text: string) =>
    secrets.reduce((result, secret) => result.split(secret).join('***'), text);
  const out = options.stdout ?? (text => process.stdout.write(`${text}\n`));
  const err = options.stderr ?? (text => process.stderr.write(`${text}\n`));
  const stdout = (text: string) => out(redact(text));
  const stderr = (text: string) => err(redact(text));

  try {
    const parsed = parseCommandLine(
      argv,
      env,
      options.cwd ?? env.INIT_CWD ?? process.cwd(),
    );
    if (parsed.help) {
      stdout(USAGE);
      return ExitCode.Ok;
    }
    const publish = parsed.options;
    const parts = publish.descriptor
      ? await loadWorkloadDescriptor(publish.descriptor)
      : undefined;
    const now = options.now?.() ?? new Date();
    const publishedAt = now.toISOString().replace(/\.\d+Z$/, 'Z');
    const workload = buildWorkload(
      publish,
      parts,
      toWorkloadProvenanceAnnotations({
        ...publish.provenance,
        publishedAt,
        publisher: PUBLISHER_NAME,
      }),
    );
    if (publish.dryRun) {
      stdout(JSON.stringify(workload, null, 2));
      return ExitCode.Ok;
    }

    const source = [
      publish.descriptor ? `descriptor ${publish.descriptor}` : 'image only',
      ...describeProvenance(publish.provenance),
    ].join(', ');
    const target = `${publish.namespace}/${publish.project}/${publish.component}`;
    if (publish.mode === 'gitops') {
      stdout(
        `Publishing image ${publish.image} as workload ${publish.workloadName} of component ${target} ` +
          `to the GitOps repository ${publish.gitops!.repoPath} (${source})`,
      );
      await runGitopsMode(publish, workload, Boolean(parts), {
        env,
        stdout,
        publisher: PUBLISHER_NAME,
        publishedAt: now,
        provenance: publish.provenance,
        fetch: options.fetch,
        retry: options.retry,
      });
      return ExitCode.Ok;
    }

    const clientId = env.OPENCHOREO_CLIENT_ID?.trim();
    if (!clientId || !clientSecret) {
      throw badInput(
        'Set the environment variables OPENCHOREO_CLIENT_ID and OPENCHOREO_CLIENT_SECRET to the ' +
          "External CI service account's OAuth2 client credentials (they are never read from flags).",
      );
    }
    stdout(
      `Publishing image ${publish.image} as workload ${publish.workloadName} of component ${target} (${source})`,
    );
    await runApiMode(publish, workload, Boolean(parts), {
      clientId,
      clientSecret,
      stdout,
      fetch: options.fetch,
      retry: options.retry,
      pollIntervalMs: options.pollIntervalMs,
    });
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof PublishError) {
      stderr(`Error: ${error.message}`);
      return error.exitCode;
    }
    stderr(`Error: ${(error as Error).stack ?? String(error)}`);
    return ExitCode.Other;
  }
}

/** The run's provenance in a few words for the first log line, e.g. `jenkins run 42`. */
function describeProvenance(provenance: WorkloadProvenance): string[] {
  const parts: string[] = [];
  if (provenance.platform) {
    parts.push(
      [
        provenance.platform,
        provenance.pipeline,
        provenance.runNumber ? `#${provenance.runNumber}` : undefined,
      ]
        .filter(Boolean)
        .join(' '),
    );
  }
  if (provenance.commit) parts.push(`commit ${provenance.commit.slice(0, 12)}`);
  if (provenance.ref) parts.push(`ref ${provenance.ref}`);
  return parts;
}
