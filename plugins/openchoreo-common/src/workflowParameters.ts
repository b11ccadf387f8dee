/*
 * The rules of a component workflow's parameter schema: where its
 * `x-openchoreo-component-parameter-repository-*` markers are, and how the wizard's repository
 * inputs are placed there. The wizard reads the markers to show the repository fields; the
 * scaffolder action places the values and validates the result.
 */
import type { RepositoryInput } from './componentCreateInput';

/** The repository fields a workflow's parameter schema can mark, in the order the wizard shows them. */
export const REPOSITORY_FIELDS = [
  'url',
  'branch',
  'commit',
  'app-path',
  'secret-ref',
] as const;

/** A repository field a parameter schema can mark. */
export type RepositoryField = (typeof REPOSITORY_FIELDS)[number];

/** Which {@link RepositoryInput} property carries each marked field. */
export const REPOSITORY_INPUT_KEYS: Record<
  RepositoryField,
  keyof RepositoryInput
> = {
  url: 'url',
  branch: 'branch',
  commit: 'commit',
  'app-path': 'appPath',
  'secret-ref': 'secretRef',
};

/** The schema extension key that marks a repository field, e.g. `x-openchoreo-component-parameter-repository-url`. */
export function repositoryMarker(field: RepositoryField): string {
  return `x-openchoreo-component-parameter-repository-${field}`;
}

/** A JSON schema node as workflow parameter schemas use it. */
export interface ParameterSchemaNode {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  default?: unknown;
  required?: string[];
  properties?: Record<string, ParameterSchemaNode>;
  [key: string]: unknown;
}

/** Property paths of the marked repository fields, e.g. `{ url: ['repository', 'url'] }`. */
export type RepositoryPaths = Partial<Record<RepositoryField, string[]>>;

/**
 * The parameter schema itself, whether the API answered with the bare `openAPIV3Schema`
 * (the `/schema` route) or with the `parameters` section around it.
 */
export function toParameterSchema(
  response: Record<string, unknown>,
): ParameterSchemaNode {
  const wrapped = response.openAPIV3Schema;
  // The API types schemas as free-form objects; what it returns there is a JSON schema.
  return (isRecord(wrapped) ? wrapped : response) as ParameterSchemaNode;
}

/**
 * Finds the property path of each repository marker, walking nested `properties`; the first
 * property marked for a field wins. A marker on the schema's root is ignored.
 */
export function findRepositoryPaths(
  schema: ParameterSchemaNode,
): RepositoryPaths {
  const found: RepositoryPaths = {};
  const visit = (node: unknown, path: string[]) => {
    if (!isRecord(node)) return;
    if (path.length > 0) {
      for (const field of REPOSITORY_FIELDS) {
        if (node[repositoryMarker(field)] === true && !found[field]) {
          found[field] = path;
        }
      }
    }
    if (isRecord(node.properties)) {
      for (const [key, child] of Object.entries(node.properties)) {
        visit(child, [...path, key]);
      }
    }
  };
  visit(schema, []);
  return found;
}

/** The outcome of {@link placeRepositoryValues}. */
export type PlacedParameters =
  | { ok: true; parameters: Record<string, unknown> }
  | { ok: false; errors: string[] };

/**
 * Places the repository inputs at the paths the schema's markers name, over a copy of the
 * other parameters. A value for a field the schema does not mark is an error that says so.
 */
export function placeRepositoryValues(
  schema: ParameterSchemaNode,
  parameters: Record<string, unknown> | undefined,
  repository: Partial<RepositoryInput> | undefined,
): PlacedParameters {
  let result: Record<string, unknown> = structuredClone(parameters ?? {});
  const errors: string[] = [];
  const paths = findRepositoryPaths(schema);
  for (const field of REPOSITORY_FIELDS) {
    const value = repository?.[REPOSITORY_INPUT_KEYS[field]];
    if (value === undefined || value === '') continue;
    const path = paths[field];
    if (!path) {
      errors.push(
        `the workflow's parameters have no repository ${field} field (no ${repositoryMarker(
          field,
        )} marker); pass it in "parameters" if the workflow takes it elsewhere`,
      );
      continue;
    }
    result = setAtPath(result, path, value);
  }
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, parameters: result };
}

/** A copy of `target` with `value` at `path` (nested objects created as needed); `undefined` removes it. */
export function setAtPath(
  target: Record<string, unknown> | undefined,
  path: readonly string[],
  value: unknown,
): Record<string, unknown> {
  const [head, ...rest] = path;
  const copy = { ...(target ?? {}) };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const child = copy[head];
  copy[head] = setAtPath(isRecord(child) ? child : undefined, rest, value);
  return copy;
}

/** The value at `path` of a nested object, or `undefined`. */
export function getAtPath(
  target: Record<string, unknown> | undefined,
  path: readonly string[],
): unknown {
  let node: unknown = target;
  for (const key of path) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return node;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
