import {
  toWorkloadProvenanceAnnotations,
  type WorkloadProvenance,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { version } from '../package.json';
import { ApiClient } from './apiClient';
import { loadWorkloadDescriptor } from './descriptor';
import { badInput, ExitCode, PublishError } from './errors';
import { parseCommandLine, USAGE } from './options';
import { publishWorkload } from './publishWorkload';
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
  // Belt and braces: whatever a server echoes back, the secret never reaches the output.
  const redact = (text: string) =>
    clientSecret ? text.split(clientSecret).join('***') : text;
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
    const publishedAt = (options.now?.() ?? new Date())
      .toISOString()
      .replace(/\.\d+Z$/, 'Z');
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

    const clientId = env.OPENCHOREO_CLIENT_ID?.trim();
    if (!clientId || !clientSecret) {
      throw badInput(
        'Set the environment variables OPENCHOREO_CLIENT_ID and OPENCHOREO_CLIENT_SECRET to the ' +
          "External CI service account's OAuth2 client credentials (they are never read from flags).",
      );
    }
    const source = [
      publish.descriptor ? `descriptor ${publish.descriptor}` : 'image only',
      ...describeProvenance(publish.provenance),
    ].join(', ');
    stdout(
      `Publishing image ${publish.image} as workload ${publish.workloadName} of component ` +
        `${publish.namespace}/${publish.project}/${publish.component} (${source})`,
    );
    const api = new ApiClient({
      apiUrl: publish.apiUrl!,
      tokenUrl: publish.tokenUrl!,
      clientId,
      clientSecret,
      retry: { ...publish.retry, ...options.retry },
      log: stdout,
      fetch: options.fetch,
    });
    const outcome = await publishWorkload(
      api,
      {
        workload,
        namespace: publish.namespace,
        project: publish.project,
        component: publish.component,
        fromDescriptor: Boolean(parts),
        clientId,
      },
      stdout,
    );
    stdout(
      `Published: ${outcome.action} workload ${workload.metadata.name} in namespace ` +
        `${publish.namespace} with image ${
          outcome.workload.spec?.container?.image ?? publish.image
        }`,
    );
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
