import type { WorkloadProvenance } from '@openchoreo-ci/plugin-openchoreo-common';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  PROVENANCE_OVERRIDES,
  readCiProvenance,
  type CiProvenanceField,
} from './ciProvenance';
import { badInput } from './errors';
import { readModeOptions, type ModeOptions } from './modeOptions';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';

/** Everything a `publish` run needs, from flags and environment variables. */
export interface PublishOptions extends ModeOptions {
  apiUrl?: string;
  tokenUrl?: string;
  namespace: string;
  project: string;
  component: string;
  image: string;
  workloadName: string;
  /** Absolute path of the workload descriptor, when one is given. */
  descriptor?: string;
  dryRun: boolean;
  retry: RetryPolicy;
  /** Where the run comes from: the CI's variables, overridden by flags (no publish time yet). */
  provenance: WorkloadProvenance;
}

/** The usage text of `openchoreo-publish-workload --help`. */
export const USAGE = `Usage: openchoreo-publish-workload publish [options]

Publishes a container image as the OpenChoreo Workload of an External CI component, in one of
three ways (--mode, --wait):
  --mode api (default)   CI owned: POST /api/v1/namespaces/{namespace}/workloads, on 409 PUT.
  --mode api --wait      CI owned, CD participates: publish, then follow the ComponentRelease
                         OpenChoreo makes and its ReleaseBinding to the first environment of the
                         project's deployment pipeline until it is ready (or fails, or times out).
  --mode gitops          CI triggered, CD owned: commit the Workload CR to a GitOps repository
                         checkout (namespaces/<ns>/projects/<p>/components/<c>/workload.yaml) and
                         push it, or push a release/<component>-<time> branch and open a pull
                         request; Flux applies what is merged.

Options (each also read from the environment variable in brackets; flags win):
  --api-url <url>          OpenChoreo API URL                [OPENCHOREO_API_URL]
  --token-url <url>        OAuth2 token endpoint of the IdP  [OPENCHOREO_TOKEN_URL, or
                                                             THUNDER_URL + /oauth2/token]
  --namespace <name>       namespace (default: default)      [OPENCHOREO_NAMESPACE]
  --project <name>         project of the component          [OPENCHOREO_PROJECT]
  --component <name>       component                         [OPENCHOREO_COMPONENT]
  --image <ref>            image that was pushed             [OPENCHOREO_IMAGE, IMAGE]
  --descriptor <file>      workload.yaml (endpoints, dependencies, configurations)
                                                             [OPENCHOREO_DESCRIPTOR]
  --workload-name <name>   default: <component>-workload     [OPENCHOREO_WORKLOAD_NAME]
  --dry-run                print the Workload JSON, call nothing [OPENCHOREO_DRY_RUN=true]
  --max-attempts <n>       attempts per request on connection errors, 429, 5xx (default 5)
                                                             [OPENCHOREO_MAX_ATTEMPTS]
  --retry-timeout <s>      no retry after this many seconds (default 120)
                                                             [OPENCHOREO_RETRY_TIMEOUT]
  --mode <api|gitops>      how the Workload reaches OpenChoreo (default api)
                                                             [OPENCHOREO_PUBLISH_MODE]
  -h, --help               show this help

--wait (api mode):
  --wait                   follow the deployment until ready [OPENCHOREO_WAIT=true]
  --wait-timeout <time>    e.g. 10m (default), 90s, 1h30m, or seconds [OPENCHOREO_WAIT_TIMEOUT]
  --environment <name>     environment to wait for (default: the first of the pipeline)
                                                             [OPENCHOREO_ENVIRONMENT]

GitOps mode (uses the git on PATH; never force-pushes):
  --gitops-repo <dir>      checkout of the GitOps repository [OPENCHOREO_GITOPS_REPO]
  --gitops-branch <name>   branch Flux applies (default: the checkout's branch)
                                                             [OPENCHOREO_GITOPS_BRANCH]
  --gitops-remote <name>   remote to push to (default origin) [OPENCHOREO_GITOPS_REMOTE]
  --push-attempts <n>      pushes when another one lands first (default 5)
                                                             [OPENCHOREO_PUSH_ATTEMPTS]
  --pull-request <p>       github, gitlab or none (default none: push to the branch)
                                                             [OPENCHOREO_GITOPS_PULL_REQUEST]
  --git-api-url <url>      GitHub or GitLab REST API root (default GITHUB_API_URL or
                           https://api.github.com; CI_API_V4_URL or https://gitlab.com/api/v4)
                                                             [OPENCHOREO_GIT_API_URL]
  --git-repository <slug>  owner/repo, group/project or project id (default: from the remote URL)
                                                             [OPENCHOREO_GIT_REPOSITORY]
  The pull request token comes only from OPENCHOREO_GIT_TOKEN, else GITHUB_TOKEN (github) or
  GITLAB_TOKEN (gitlab).

Provenance (annotations ci.openchoreo-ci.dev/* on the Workload): read from the standard
variables of Jenkins, GitHub Actions or GitLab CI; each can be overridden:
  --ci-platform <p>        jenkins, github-actions, gitlab-ci or other [OPENCHOREO_CI_PLATFORM]
  --ci-pipeline <name>     job or workflow                   [OPENCHOREO_CI_PIPELINE]
  --ci-repository <slug>   source repository                 [OPENCHOREO_CI_REPOSITORY]
  --ci-run-number <n>      build or run number               [OPENCHOREO_CI_RUN_NUMBER]
  --ci-run-url <url>       link to the build or run          [OPENCHOREO_CI_RUN_URL]
  --commit <sha>           commit that was built             [OPENCHOREO_COMMIT]
  --ref <name>             branch or tag that was built      [OPENCHOREO_REF]

Client credentials (api mode) come only from OPENCHOREO_CLIENT_ID and OPENCHOREO_CLIENT_SECRET.

Exit codes: 0 published (or nothing to change), 1 other error, 2 bad flags, descriptor or
repository content, 3 authentication or permission (API, IdP, git push, pull request API),
4 component, workload or pipeline not found, 5 OpenChoreo, IdP or git remote unavailable,
6 published but not deployed (deployment failed, or autoDeploy off), 7 published but not
deployed within --wait-timeout.`;

const FLAGS = {
  'api-url': { type: 'string' },
  'token-url': { type: 'string' },
  namespace: { type: 'string' },
  project: { type: 'string' },
  component: { type: 'string' },
  image: { type: 'string' },
  descriptor: { type: 'string' },
  'workload-name': { type: 'string' },
  'dry-run': { type: 'boolean' },
  'max-attempts': { type: 'string' },
  'retry-timeout': { type: 'string' },
  'ci-platform': { type: 'string' },
  'ci-pipeline': { type: 'string' },
  'ci-repository': { type: 'string' },
  'ci-run-number': { type: 'string' },
  'ci-run-url': { type: 'string' },
  commit: { type: 'string' },
  ref: { type: 'string' },
  mode: { type: 'string' },
  wait: { type: 'boolean' },
  'wait-timeout': { type: 'string' },
  environment: { type: 'string' },
  'gitops-repo': { type: 'string' },
  'gitops-branch': { type: 'string' },
  'gitops-remote': { type: 'string' },
  'push-attempts': { type: 'string' },
  'pull-request': { type: 'string' },
  'git-api-url': { type: 'string' },
  'git-repository': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** The parsed command line: a help request, or the options of `publish`. */
export type ParsedCommandLine =
  | { help: true }
  | { help: false; options: PublishOptions };

/**
 * Reads the `publish` command's flags, falling back to environment variables. Throws an
 * exit-code-2 error naming the flag (and its variable) for anything missing or malformed.
 */
export function parseCommandLine(
  argv: string[],
  env: Record<string, string | undefined>,
  cwd: string,
): ParsedCommandLine {
  const credentialFlag = argv.find(arg =>
    /^--?client[-_]?(id|secret)(=|$)/i.test(arg),
  );
  if (credentialFlag) {
    throw badInput(
      `${
        credentialFlag.split('=')[0]
      } is not a flag: client credentials are read only from ` +
        'the environment variables OPENCHOREO_CLIENT_ID and OPENCHOREO_CLIENT_SECRET.',
    );
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: FLAGS,
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw badInput(`${(error as Error).message}. See --help.`);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return { help: true };
  if (positionals.length !== 1 || positionals[0] !== 'publish') {
    throw badInput(
      positionals.length === 0
        ? 'Missing command: use "publish". See --help.'
        : `Unknown command "${positionals.join(
            ' ',
          )}": use "publish". See --help.`,
    );
  }

  const read = (flag: keyof typeof FLAGS, ...variables: string[]) => {
    const fromFlag = values[flag];
    if (typeof fromFlag === 'string') return fromFlag.trim();
    for (const variable of variables) {
      const value = env[variable]?.trim();
      if (value) return value;
    }
    return undefined;
  };
  const problems: string[] = [];
  const required = (flag: keyof typeof FLAGS, ...variables: string[]) => {
    const value = read(flag, ...variables);
    if (!value)
      problems.push(`--${flag} (or ${variables.join(' / ')}) is required`);
    return value ?? '';
  };
  const name = (value: string, flag: string, pattern: RegExp, max: number) => {
    if (value && (!pattern.test(value) || value.length > max)) {
      problems.push(
        `--${flag} "${value}" is not a valid name (lowercase letters, digits and '-', at most ${max} characters)`,
      );
    }
    return value;
  };
  const url = (value: string | undefined, flag: string) => {
    if (value === undefined) return undefined;
    try {
      const parsedUrl = new URL(value);
      if (parsedUrl.protocol === 'http:' || parsedUrl.protocol === 'https:') {
        return value;
      }
    } catch {
      // reported below
    }
    problems.push(`--${flag} "${value}" is not an http(s) URL`);
    return undefined;
  };
  const positiveNumber = (
    value: string | undefined,
    flag: string,
    integer: boolean,
  ) => {
    if (value === undefined) return undefined;
    const number = Number(value);
    if (
      !Number.isFinite(number) ||
      number < (integer ? 1 : 0) ||
      (integer && !Number.isInteger(number))
    ) {
      problems.push(
        `--${flag} "${value}" must be ${
          integer ? 'a whole number ≥ 1' : 'a number ≥ 0'
        }`,
      );
      return undefined;
    }
    return number;
  };

  const flagSet = (flag: string, variable: string) =>
    values[flag as keyof typeof values] === true ||
    /^(1|true|yes)$/i.test(env[variable]?.trim() ?? '');
  const dryRun = flagSet('dry-run', 'OPENCHOREO_DRY_RUN');
  const modeOptions = readModeOptions(
    (flag, ...variables) => read(flag as keyof typeof FLAGS, ...variables),
    flagSet,
    env,
    cwd,
    problems,
  );
  // A dry run calls nothing, and a GitOps publish only git: neither needs the API's URLs.
  const needsApi = !dryRun && modeOptions.mode === 'api';
  const namespace = name(
    read('namespace', 'OPENCHOREO_NAMESPACE') ?? 'default',
    'namespace',
    DNS_LABEL,
    63,
  );
  const project = name(
    required('project', 'OPENCHOREO_PROJECT'),
    'project',
    DNS_LABEL,
    63,
  );
  const component = name(
    required('component', 'OPENCHOREO_COMPONENT'),
    'component',
    DNS_LABEL,
    63,
  );
  const image = required('image', 'OPENCHOREO_IMAGE', 'IMAGE');
  if (image && /\s/.test(image))
    problems.push(`--image "${image}" must not contain spaces`);
  const workloadName = name(
    read('workload-name', 'OPENCHOREO_WORKLOAD_NAME') ??
      (component ? `${component}-workload` : ''),
    'workload-name',
    DNS_SUBDOMAIN,
    253,
  );
  const apiUrl = url(
    needsApi
      ? required('api-url', 'OPENCHOREO_API_URL') || undefined
      : read('api-url', 'OPENCHOREO_API_URL'),
    'api-url',
  );
  // OpenChoreo's guide stores the identity provider's base URL (Jenkins credential thunder-url).
  const thunderUrl = env.THUNDER_URL?.trim();
  const tokenUrlValue =
    read('token-url', 'OPENCHOREO_TOKEN_URL') ??
    (thunderUrl ? `${thunderUrl.replace(/\/+$/, '')}/oauth2/token` : undefined);
  if (needsApi && !tokenUrlValue) {
    problems.push(
      '--token-url (or OPENCHOREO_TOKEN_URL / THUNDER_URL) is required',
    );
  }
  const tokenUrl = url(tokenUrlValue, 'token-url');
  const descriptorPath = read('descriptor', 'OPENCHOREO_DESCRIPTOR');
  const maxAttempts = positiveNumber(
    read('max-attempts', 'OPENCHOREO_MAX_ATTEMPTS'),
    'max-attempts',
    true,
  );
  const retryTimeout = positiveNumber(
    read('retry-timeout', 'OPENCHOREO_RETRY_TIMEOUT'),
    'retry-timeout',
    false,
  );

  const provenanceFlags: Partial<Record<CiProvenanceField, string>> = {};
  for (const [field, { flag }] of Object.entries(PROVENANCE_OVERRIDES)) {
    const value = values[flag as keyof typeof FLAGS];
    if (typeof value === 'string') {
      provenanceFlags[field as CiProvenanceField] = value;
    }
  }
  const provenance = readCiProvenance(provenanceFlags, env);
  problems.push(...provenance.problems);

  if (problems.length > 0) {
    throw badInput(
      `Cannot publish:\n${problems
        .map(p => `  - ${p}`)
        .join('\n')}\nSee --help.`,
    );
  }
  return {
    help: false,
    options: {
      ...modeOptions,
      apiUrl,
      tokenUrl,
      namespace,
      project,
      component,
      image,
      workloadName,
      descriptor: descriptorPath && resolve(cwd, descriptorPath),
      dryRun,
      retry: {
        ...DEFAULT_RETRY_POLICY,
        ...(maxAttempts !== undefined ? { maxAttempts } : {}),
        ...(retryTimeout !== undefined
          ? { maxTotalMs: retryTimeout * 1000 }
          : {}),
      },
      provenance: provenance.provenance,
    },
  };
}
