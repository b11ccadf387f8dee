/** A JSON schema node as the workflow parameter schemas use it. */
export interface SchemaNode {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  default?: unknown;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  [key: string]: unknown;
}

/** The repository fields the wizard asks for first. */
export type RepositoryField = 'url' | 'branch' | 'app-path';

const MARKED_FIELDS = ['url', 'branch', 'commit', 'app-path', 'secret-ref'];

/** Returns the schema itself, bare or wrapped in `openAPIV3Schema`. */
export function toSchemaNode(response: Record<string, unknown>): SchemaNode {
  const wrapped = response.openAPIV3Schema;
  return (
    wrapped && typeof wrapped === 'object' ? wrapped : response
  ) as SchemaNode;
}

/**
 * Paths of the properties marked `x-openchoreo-component-parameter-repository-<field>`.
 * The action places the repository inputs there; the form shows them first instead.
 */
export function findMarkedPaths(schema: SchemaNode): {
  byField: Partial<Record<string, string[]>>;
  all: string[][];
} {
  const byField: Partial<Record<string, string[]>> = {};
  const all: string[][] = [];
  const visit = (node: SchemaNode, path: string[]) => {
    for (const field of MARKED_FIELDS) {
      if (
        node[`x-openchoreo-component-parameter-repository-${field}`] === true
      ) {
        byField[field] ??= path;
        all.push(path);
      }
    }
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      visit(child, [...path, key]);
    }
  };
  visit(schema, []);
  return { byField, all };
}

/** Immutable set of a value at a path of a nested object. */
export function setAtPath(
  target: Record<string, unknown> | undefined,
  path: string[],
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
  copy[head] = setAtPath(
    child && typeof child === 'object'
      ? (child as Record<string, unknown>)
      : undefined,
    rest,
    value,
  );
  return copy;
}

/** Reads a value at a path of a nested object. */
export function getAtPath(
  target: Record<string, unknown> | undefined,
  path: string[],
): unknown {
  let node: unknown = target;
  for (const key of path) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
