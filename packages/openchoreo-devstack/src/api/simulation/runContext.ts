import { createHash } from 'node:crypto';
import type { ResourceObject } from '../store';
import { COMPONENT_LABEL, PROJECT_LABEL } from './validateRun';

/** Everything the simulated build of one run needs to write its logs and its Workload. */
export interface BuildContext {
  namespace: string;
  runName: string;
  project?: string;
  component?: string;
  repoUrl: string;
  branch: string;
  /** The full commit SHA that was "checked out". */
  commit: string;
  appPath: string;
  /** `<registry>/<component>:<short sha>` */
  image: string;
}

/** Default registry of the simulated workflow plane. */
export const DEFAULT_REGISTRY = 'registry.openchoreo.localhost:10082';

type RepositoryField = 'url' | 'branch' | 'commit' | 'app-path';

// Where the repository fields live when the workflow's schema does not mark them.
const FALLBACK_PATHS: Record<RepositoryField, string[]> = {
  url: ['repository', 'url'],
  branch: ['repository', 'revision', 'branch'],
  commit: ['repository', 'revision', 'commit'],
  'app-path': ['repository', 'appPath'],
};

/** Reads the run's repository parameters (found through the workflow's schema markers). */
export function resolveBuildContext(
  run: ResourceObject,
  workflow: ResourceObject | undefined,
  registry = DEFAULT_REGISTRY,
): BuildContext {
  const parameters = ((run.spec?.workflow as { parameters?: unknown })
    ?.parameters ?? {}) as Record<string, unknown>;
  const schema = (
    workflow?.spec?.parameters as { openAPIV3Schema?: unknown } | undefined
  )?.openAPIV3Schema;
  const read = (field: RepositoryField) => {
    const path =
      findMarkedPath(
        schema,
        `x-openchoreo-component-parameter-repository-${field}`,
      ) ?? FALLBACK_PATHS[field];
    const value = valueAt(parameters, path);
    return typeof value === 'string' ? value : '';
  };

  const repoUrl = read('url');
  const branch = read('branch') || 'main';
  const component = run.metadata.labels?.[COMPONENT_LABEL];
  const requested = read('commit');
  const commit = /^[0-9a-f]{7,40}$/i.test(requested)
    ? requested.toLowerCase()
    : createHash('sha1')
        .update(`${repoUrl}#${branch}#${run.metadata.name}`)
        .digest('hex');
  return {
    namespace: run.metadata.namespace ?? 'default',
    runName: run.metadata.name,
    project: run.metadata.labels?.[PROJECT_LABEL],
    component,
    repoUrl,
    branch,
    commit,
    appPath: read('app-path') || '.',
    image: `${registry}/${component ?? run.metadata.name}:${commit.slice(
      0,
      7,
    )}`,
  };
}

function findMarkedPath(schema: unknown, marker: string): string[] | undefined {
  if (!isRecord(schema)) return undefined;
  if (schema[marker] === true) return [];
  const properties = schema.properties;
  if (!isRecord(properties)) return undefined;
  for (const [key, child] of Object.entries(properties)) {
    const rest = findMarkedPath(child, marker);
    if (rest) return [key, ...rest];
  }
  return undefined;
}

function valueAt(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (current, key) => (isRecord(current) ? current[key] : undefined),
    value,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
