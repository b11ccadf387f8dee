/*
 * What OpenChoreo's event forwarder posts (internal/eventforwarder/dispatcher in
 * openchoreo/openchoreo: `{ kind, name, namespace, action }`, `Content-Type: application/json`),
 * checked strictly: the intake refuses anything else before it reaches the catalog.
 */
import { isOpenChoreoName } from '@openchoreo-ci/plugin-openchoreo-common';

/** A change notification of one OpenChoreo resource, as the event forwarder sends it. @public */
export interface OpenChoreoForwardedEvent {
  /** The resource's Kubernetes kind, e.g. `Component` (case-sensitive). */
  kind: string;
  /** The resource's name: a DNS-1123 label. */
  name: string;
  /** Its namespace: a DNS-1123 label, or empty for cluster-scoped kinds such as `Namespace`. */
  namespace: string;
  /** What happened, e.g. `created`, `updated`, `deleted`; informational only. */
  action?: string;
}

const KIND_PATTERN = /^[A-Z][A-Za-z0-9]{0,62}$/;
const ACTION_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
const FIELDS = new Set(['kind', 'name', 'namespace', 'action']);

/**
 * The event in `payload`, or the reason it is refused. Kind is a Kubernetes kind
 * (`Component`, case-sensitive), name and namespace follow OpenChoreo's name rule
 * (`isOpenChoreoName`: no upper case, `.`, `..`, slashes); unknown fields are refused.
 */
export function parseForwardedEvent(
  payload: unknown,
): { event: OpenChoreoForwardedEvent } | { problem: string } {
  if (
    typeof payload !== 'object' ||
    payload === null ||
    Array.isArray(payload)
  ) {
    return {
      problem:
        'the body must be a JSON object { kind, name, namespace, action }',
    };
  }
  const record = payload as Record<string, unknown>;
  const unknown = Object.keys(record).filter(key => !FIELDS.has(key));
  if (unknown.length) {
    return {
      problem: `unknown field(s): ${unknown
        .slice(0, 5)
        .map(k => JSON.stringify(k.slice(0, 64)))
        .join(', ')}`,
    };
  }
  const { kind, name, namespace = '', action } = record;
  if (typeof kind !== 'string' || !KIND_PATTERN.test(kind)) {
    return { problem: '"kind" must be a Kubernetes kind such as "Component"' };
  }
  if (!isOpenChoreoName(name)) {
    return {
      problem:
        '"name" must be an OpenChoreo name: lowercase letters, digits and "-" (a DNS-1123 label of at most 63 characters)',
    };
  }
  if (namespace !== '' && !isOpenChoreoName(namespace)) {
    return {
      problem:
        '"namespace" must be an OpenChoreo name: lowercase letters, digits and "-" (a DNS-1123 label of at most 63 characters), or empty for cluster-scoped kinds',
    };
  }
  if (kind === 'Component' && namespace === '') {
    return { problem: 'a "Component" event needs its "namespace"' };
  }
  if (
    action !== undefined &&
    (typeof action !== 'string' || !ACTION_PATTERN.test(action))
  ) {
    return { problem: '"action" must be a word such as "updated"' };
  }
  return {
    event: {
      kind,
      name,
      namespace: namespace as string,
      ...(action !== undefined ? { action: action as string } : {}),
    },
  };
}

/**
 * How deeply `text` nests arrays and objects, scanning it without parsing (strings skipped), so
 * a deeply nested body is refused before `JSON.parse` or anything after it recurses into it.
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return deepest;
}
