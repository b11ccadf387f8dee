import Ajv from 'ajv';
import type { JsonObject, JsonValue } from '@backstage/types';

/** The repository fields a component workflow's parameter schema marks for the portal. */
export type RepositoryField =
  | 'url'
  | 'branch'
  | 'commit'
  | 'app-path'
  | 'secret-ref';

/** The schema extension key that marks a repository field, e.g. `x-openchoreo-component-parameter-repository-url`. */
export function repositoryMarker(field: RepositoryField): string {
  return `x-openchoreo-component-parameter-repository-${field}`;
}

/** The repository of a component built by a workflow, as the wizard asks for it. */
export interface RepositoryInput {
  url: string;
  branch?: string;
  commit?: string;
  appPath?: string;
  secretRef?: string;
}

/** The outcome of {@link prepareWorkflowParameters}. */
export type PreparedParameters =
  | { ok: true; parameters: JsonObject }
  | { ok: false; errors: string[] };

/**
 * Returns the parameter schema itself, whether the API answered with the bare
 * `openAPIV3Schema` (the `/schema` route) or with the `parameters` section around it.
 */
export function toOpenApiSchema(response: Record<string, unknown>): JsonObject {
  const wrapped = response.openAPIV3Schema;
  if (wrapped && typeof wrapped === 'object' && !Array.isArray(wrapped)) {
    return wrapped as JsonObject;
  }
  return response as JsonObject;
}

/**
 * Finds the property path of each repository marker in a parameter schema, e.g. `url` →
 * `['repository', 'url']`, `branch` → `['repository', 'revision', 'branch']`.
 */
export function findRepositoryPaths(
  schema: JsonObject,
): Partial<Record<RepositoryField, string[]>> {
  const found: Partial<Record<RepositoryField, string[]>> = {};
  const fields: RepositoryField[] = [
    'url',
    'branch',
    'commit',
    'app-path',
    'secret-ref',
  ];
  const visit = (node: JsonValue | undefined, path: string[]) => {
    if (!isObject(node)) return;
    for (const field of fields) {
      if (node[repositoryMarker(field)] === true && !found[field]) {
        found[field] = path;
      }
    }
    const properties = node.properties;
    if (isObject(properties)) {
      for (const [key, child] of Object.entries(properties)) {
        visit(child, [...path, key]);
      }
    }
  };
  visit(schema, []);
  return found;
}

/**
 * Places the repository inputs where the schema's markers say, applies the schema's defaults
 * and validates the result against the schema. Nothing is sent anywhere.
 */
export function prepareWorkflowParameters(
  schema: JsonObject,
  parameters: JsonObject | undefined,
  repository: RepositoryInput | undefined,
): PreparedParameters {
  const result: JsonObject = structuredClone(parameters ?? {});
  const errors: string[] = [];
  if (repository) {
    const paths = findRepositoryPaths(schema);
    const values: Array<[RepositoryField, string | undefined]> = [
      ['url', repository.url],
      ['branch', repository.branch],
      ['commit', repository.commit],
      ['app-path', repository.appPath],
      ['secret-ref', repository.secretRef],
    ];
    for (const [field, value] of values) {
      if (value === undefined || value === '') continue;
      const path = paths[field];
      if (!path || path.length === 0) {
        errors.push(
          `the workflow's parameters have no repository ${field} field (no ${repositoryMarker(
            field,
          )} marker); pass it in "parameters" if the workflow takes it elsewhere`,
        );
        continue;
      }
      setAt(result, path, value);
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
  let validate;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    return {
      ok: false,
      errors: [
        `the workflow's parameter schema cannot be used: ${String(error)}`,
      ],
    };
  }
  if (!validate(result)) {
    return {
      ok: false,
      errors: (validate.errors ?? []).map(e => {
        const where = e.instancePath
          ? e.instancePath.slice(1).replace(/\//g, '.')
          : '(root)';
        return `${where} ${e.message ?? 'is invalid'}`;
      }),
    };
  }
  return { ok: true, parameters: result };
}

function setAt(target: JsonObject, path: string[], value: string) {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (!isObject(next)) {
      node[key] = {};
    }
    node = node[key] as JsonObject;
  }
  node[path[path.length - 1]] = value;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
