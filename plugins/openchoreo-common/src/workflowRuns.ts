/*
 * The rules about builds (WorkflowRuns) that the backend and the frontend both apply: what a
 * commit SHA and a branch name may be, where a run's repository values are, how a commit links
 * to its repository, what `ttlAfterCompletion` means in words, and what to tell the user about a
 * build that failed before it started.
 */
import {
  findRepositoryPaths,
  getAtPath,
  type ParameterSchemaNode,
  type RepositoryPaths,
} from './workflowParameters';

/** Run annotation: the Backstage user who started the build through the portal. */
export const RUN_TRIGGERED_BY_ANNOTATION = 'openchoreo-ci.dev/triggered-by';
/** Run annotation: how the build was started through the portal (see {@link WorkflowRunTriggerKind}). */
export const RUN_TRIGGER_ANNOTATION = 'openchoreo-ci.dev/trigger';
/** Run annotation: the run a re-run repeats. */
export const RUN_RERUN_OF_ANNOTATION = 'openchoreo-ci.dev/rerun-of';

/** How a build was started: Build now, a re-run, Build with options, or outside the portal. */
export type WorkflowRunTriggerKind = 'build' | 'rerun' | 'options' | 'external';

/** The rule OpenChoreo applies to a commit it is asked to build: 7 to 40 hex digits. */
export const COMMIT_SHA_PATTERN = /^[0-9a-fA-F]{7,40}$/;
/** {@link COMMIT_SHA_PATTERN} in words, for messages. */
export const COMMIT_SHA_RULE = 'a commit SHA of 7 to 40 hex digits';

/** True when `value` is a commit SHA OpenChoreo accepts. */
export function isCommitSha(value: string): boolean {
  return COMMIT_SHA_PATTERN.test(value);
}

/** {@link isBranchName} in words, for messages. */
export const BRANCH_NAME_RULE =
  "a git branch name: letters, digits and . _ - /, not starting or ending with '/' or '.', without '..' or '//', at most 255 characters";

/** True for a plausible git branch name (a subset of `git check-ref-format --branch`). */
export function isBranchName(value: string): boolean {
  return (
    value.length > 0 &&
    value.length <= 255 &&
    /^[A-Za-z0-9._/-]+$/.test(value) &&
    !/^[./]|[./]$|\.\.|\/\/|@\{|\.lock$/.test(value)
  );
}

/** The repository values of a run's parameters. */
export interface RunRepository {
  url?: string;
  branch?: string;
  commit?: string;
  appPath?: string;
}

/**
 * Where OpenChoreo's sample workflows keep the repository values; used when the workflow (and
 * with it the schema's markers) is gone, e.g. for a run of a deleted workflow.
 */
export const DEFAULT_REPOSITORY_PATHS: Required<
  Pick<RepositoryPaths, 'url' | 'branch' | 'commit' | 'app-path'>
> = {
  url: ['repository', 'url'],
  branch: ['repository', 'revision', 'branch'],
  commit: ['repository', 'revision', 'commit'],
  'app-path': ['repository', 'appPath'],
};

/** Where the repository values are: the schema's markers, else {@link DEFAULT_REPOSITORY_PATHS}. */
export function repositoryPathsOf(
  schema: ParameterSchemaNode | undefined,
): RepositoryPaths {
  const marked = schema ? findRepositoryPaths(schema) : {};
  return { ...DEFAULT_REPOSITORY_PATHS, ...marked };
}

/** Reads a run's (or component's) repository values from its workflow parameters. */
export function readRunRepository(
  parameters: Record<string, unknown> | undefined,
  paths: RepositoryPaths = DEFAULT_REPOSITORY_PATHS,
): RunRepository {
  const read = (path: string[] | undefined) => {
    const value = path ? getAtPath(parameters, path) : undefined;
    return typeof value === 'string' && value.trim() !== ''
      ? value.trim()
      : undefined;
  };
  const result: RunRepository = {};
  const url = read(paths.url);
  const branch = read(paths.branch);
  const commit = read(paths.commit);
  const appPath = read(paths['app-path']);
  if (url) result.url = url;
  if (branch) result.branch = branch;
  if (commit) result.commit = commit;
  if (appPath) result.appPath = appPath;
  return result;
}

/**
 * The commit an image tag names, when the tag ends in a SHA (`registry/app:1a2b3c4`,
 * `app:v1-1a2b3c4d`): OpenChoreo's build steps tag images with the checked-out revision.
 */
export function commitFromImage(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const tag = image.slice(image.lastIndexOf(':') + 1);
  if (tag === image || tag.includes('/')) return undefined;
  const last = tag.split(/[-_.]/).pop() ?? '';
  return /^[0-9a-f]{7,40}$/.test(last) ? last : undefined;
}

/**
 * The web page of a commit, for repositories on GitHub, GitLab or Bitbucket (cloud or
 * self-hosted hosts named like them); `undefined` for anything else.
 */
export function commitUrl(
  repositoryUrl: string | undefined,
  commit: string | undefined,
): string | undefined {
  if (!repositoryUrl || !commit || !isCommitSha(commit)) return undefined;
  let url: URL;
  try {
    url = new URL(repositoryUrl.replace(/^git@([^:]+):/, 'https://$1/'));
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const path = url.pathname.replace(/\.git$/, '').replace(/\/+$/, '');
  if (path.split('/').filter(Boolean).length < 2) return undefined;
  const base = `${url.protocol}//${url.host}${path}`;
  const host = url.hostname.toLowerCase();
  if (host.includes('github')) return `${base}/commit/${commit}`;
  if (host.includes('gitlab')) return `${base}/-/commit/${commit}`;
  if (host.includes('bitbucket')) return `${base}/commits/${commit}`;
  return undefined;
}

const DURATION_PATTERN = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const UNITS = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
] as const;

/** Milliseconds of an OpenChoreo duration such as `7d`, `1h30m` or `10d1h30m`; `undefined` if malformed. */
export function parseRunDuration(text: string | undefined): number | undefined {
  const trimmed = text?.trim() ?? '';
  const match = DURATION_PATTERN.exec(trimmed);
  if (!match || trimmed === '') return undefined;
  return match
    .slice(1)
    .reduce(
      (total, value, i) => total + (value ? Number(value) * UNITS[i][1] : 0),
      0,
    );
}

/** `7d` → `7 days`, `1h30m` → `1 hour 30 minutes`; `undefined` if malformed. */
export function describeRunDuration(
  text: string | undefined,
): string | undefined {
  const match = DURATION_PATTERN.exec(text?.trim() ?? '');
  if (!match || !text?.trim()) return undefined;
  const parts = match.slice(1).flatMap((value, i) => {
    const n = Number(value ?? 0);
    if (!n) return [];
    return [`${n} ${UNITS[i][0]}${n === 1 ? '' : 's'}`];
  });
  return parts.length ? parts.join(' ') : '0 seconds';
}

/** What to tell the user about a build that failed, by the reason OpenChoreo gave. */
export interface RunFailureExplanation {
  /** One line: what happened. */
  title: string;
  /** What the user can do about it. */
  action: string;
  /** True when the build failed before any step ran. */
  beforeStart: boolean;
}

/**
 * Explains a failed build from its `WorkflowFailed` condition: OpenChoreo's controller rejects
 * a run whose component, component type or workflow do not fit (`ComponentValidationFailed`)
 * or whose workflow is missing, before any step runs.
 */
export function explainRunFailure(
  reason: string | undefined,
  message: string | undefined,
  stepsRan: boolean,
): RunFailureExplanation | undefined {
  const text = message ?? '';
  if (reason === 'ComponentValidationFailed') {
    if (/not allowed|no workflows are allowed/i.test(text)) {
      return {
        title:
          'OpenChoreo refused the build: the component type does not allow this workflow.',
        action:
          "Ask a platform engineer to add the workflow to the component type's allowed workflows, or switch the component to an allowed workflow.",
        beforeStart: true,
      };
    }
    if (/configured with workflow/i.test(text)) {
      return {
        title:
          'OpenChoreo refused the build: the run names a workflow the component no longer uses.',
        action:
          "Start a new build (Build now): it uses the component's current workflow.",
        beforeStart: true,
      };
    }
    return {
      title:
        'OpenChoreo refused the build: the component did not pass validation.',
      action:
        'Check that the component, its project and its component type exist and fit together, then build again.',
      beforeStart: true,
    };
  }
  if (!stepsRan && /workflow .* not found/i.test(text)) {
    return {
      title:
        'OpenChoreo could not start the build: its workflow does not exist.',
      action:
        'Ask a platform engineer to restore the workflow, or switch the component to an existing one.',
      beforeStart: true,
    };
  }
  if (!stepsRan && reason) {
    return {
      title: 'The build failed before any step ran.',
      action:
        'Read the message below and the events of the build, then build again.',
      beforeStart: true,
    };
  }
  return undefined;
}
