import type { ResourceObject } from './store';
import { ApiError, badRequest, unprocessable } from './errors';

/** The group/version every OpenChoreo resource carries. */
export const API_VERSION = 'openchoreo.dev/v1alpha1';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Kubernetes' DNS-1123 label rule for resource names (lowercase alphanumerics and '-', at most 63). */
export function isValidName(name: string): boolean {
  return name.length <= 63 && DNS1123_LABEL.test(name);
}

/** A JSON object, as opposed to an array or a primitive. */
export type JsonObject = Record<string, unknown>;

/** True for plain JSON objects. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown, fieldName: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (
    !isObject(value) ||
    Object.values(value).some(v => typeof v !== 'string')
  ) {
    throw unprocessable(fieldName, 'must be a map of strings');
  }
  return value as Record<string, string>;
}

/**
 * Turns a request body into the object to store: checks `metadata.name` (400 when missing or not
 * a DNS-1123 label) and the namespace, keeps only user-settable metadata, drops `status`.
 */
export function objectFromBody(
  body: unknown,
  kind: ResourceObject['kind'],
  namespace: string | undefined,
  nameFromPath?: string,
): ResourceObject {
  if (!isObject(body)) throw badRequest('Request body is required');
  const metadata = isObject(body.metadata) ? body.metadata : {};
  const name = nameFromPath ?? metadata.name;
  if (typeof name !== 'string' || name === '') {
    throw badRequest(
      'Invalid request: metadata.name is required',
      'metadata.name',
    );
  }
  if (!isValidName(name)) {
    throw badRequest(
      `Invalid request: metadata.name "${name}" must be a lowercase RFC 1123 label (a-z, 0-9 and '-', starting and ending with an alphanumeric, at most 63 characters)`,
      'metadata.name',
    );
  }
  if (
    namespace !== undefined &&
    metadata.namespace !== undefined &&
    metadata.namespace !== '' &&
    metadata.namespace !== namespace
  ) {
    throw badRequest('Namespace in body does not match path');
  }
  if (body.spec !== undefined && !isObject(body.spec)) {
    throw unprocessable('spec', 'must be an object');
  }
  return {
    apiVersion: API_VERSION,
    kind,
    metadata: {
      name,
      ...(namespace !== undefined ? { namespace } : {}),
      labels: stringMap(metadata.labels, 'metadata.labels'),
      annotations: stringMap(metadata.annotations, 'metadata.annotations'),
    },
    spec: isObject(body.spec) ? structuredClone(body.spec) : {},
  };
}

/** Reads a nested field of a resource spec, e.g. `field(spec, 'owner', 'projectName')`. */
export function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A required non-empty string of the spec; its absence fails CRD validation (422). */
export function requiredString(spec: JsonObject, path: string[]): string {
  const value = field(spec, ...path);
  if (typeof value !== 'string' || value === '') {
    throw unprocessable(`spec.${path.join('.')}`, 'Required value');
  }
  return value;
}

/** 400 when an immutable spec field changes on PUT, as the real server's validation error. */
export function checkImmutable(
  kind: string,
  previous: JsonObject | undefined,
  next: JsonObject | undefined,
  path: string[],
) {
  const before = JSON.stringify(field(previous, ...path) ?? null);
  const after = JSON.stringify(field(next, ...path) ?? null);
  if (before !== after) {
    throw new ApiError(
      'BAD_REQUEST',
      `spec.${path.join(
        '.',
      )} is immutable on ${kind}: it cannot change from ${before} to ${after}`,
      [{ field: `spec.${path.join('.')}`, message: 'field is immutable' }],
    );
  }
}

/** 422 when a value is not one of the CRD's enum values. */
export function checkEnum(
  value: unknown,
  allowed: string[],
  fieldName: string,
) {
  if (value !== undefined && !allowed.includes(value as string)) {
    throw unprocessable(
      fieldName,
      `Unsupported value: ${JSON.stringify(value)}: supported values: ${allowed
        .map(a => `"${a}"`)
        .join(', ')}`,
    );
  }
}

/** The object as the API returns it: Kubernetes-shaped, empty label/annotation maps omitted. */
export function toApiObject(object: ResourceObject): ResourceObject {
  const metadata = { ...object.metadata };
  if (metadata.labels && Object.keys(metadata.labels).length === 0) {
    delete metadata.labels;
  }
  if (metadata.annotations && Object.keys(metadata.annotations).length === 0) {
    delete metadata.annotations;
  }
  return { ...object, metadata };
}
