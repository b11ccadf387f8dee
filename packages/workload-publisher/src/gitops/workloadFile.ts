import { isWorkloadProvenanceAnnotation } from '@openchoreo-ci/plugin-openchoreo-common';
import { isDeepStrictEqual } from 'node:util';
import {
  Document,
  isMap,
  isScalar,
  parseAllDocuments,
  stringify,
  type ParsedNode,
  type Scalar,
} from 'yaml';
import { badInput } from '../errors';
import type { Workload } from '../workload';

/** Where OpenChoreo's GitOps layout keeps a component's Workload CR. */
export function gitopsWorkloadPath(
  namespace: string,
  project: string,
  component: string,
): string {
  return `namespaces/${namespace}/projects/${project}/components/${component}/workload.yaml`;
}

/** The new text of `workload.yaml`, and whether the Workload in it changed. */
export interface WorkloadFileUpdate {
  text: string;
  action: 'created' | 'updated' | 'unchanged';
}

type Path = Array<string>;

/**
 * Writes `published` into the text of a `workload.yaml` (undefined: a new file). An existing
 * file is edited with the `yaml` Document API, so comments, key order, quoting and fields this
 * run does not set survive: without a descriptor (`imageOnly`) only `spec.container.image`
 * changes; with one, the owner, the container's image/env/files, the endpoints and the
 * dependencies become the descriptor's. When that changes nothing, the file is left as it is
 * (`unchanged`); otherwise the provenance annotations are replaced by the new run's. When only
 * scalar values change (the usual new image), just those values are replaced in the text, so a
 * diff shows exactly them. Throws an exit-code-2 error when the file is not one Workload of this
 * component.
 */
export function updateWorkloadFile(
  existing: string | undefined,
  published: Workload,
  imageOnly: boolean,
  path: string,
): WorkloadFileUpdate {
  if (existing === undefined) {
    const doc = new Document(published);
    return { text: doc.toString(), action: 'created' };
  }
  const doc = parseWorkloadDocument(existing, published, path);
  const edits: Edits = { splices: [], structural: false };
  const before = doc.toJS();
  const spec = published.spec ?? {};
  const container = spec.container ?? { image: '' };
  syncValue(doc, edits, ['spec', 'container', 'image'], container.image);
  if (!imageOnly) {
    syncValue(doc, edits, ['spec', 'owner'], spec.owner, true);
    syncValue(doc, edits, ['spec', 'container', 'env'], container.env, true);
    syncValue(
      doc,
      edits,
      ['spec', 'container', 'files'],
      container.files,
      true,
    );
    syncValue(doc, edits, ['spec', 'endpoints'], spec.endpoints, true);
    syncValue(doc, edits, ['spec', 'dependencies'], spec.dependencies, true);
  }
  if (isDeepStrictEqual(before, doc.toJS())) {
    return { text: existing, action: 'unchanged' };
  }
  replaceProvenance(doc, edits, published.metadata.annotations ?? {});
  if (edits.structural) return { text: doc.toString(), action: 'updated' };
  let text = existing;
  for (const splice of [...edits.splices].sort((a, b) => b.start - a.start)) {
    text = text.slice(0, splice.start) + splice.text + text.slice(splice.end);
  }
  return { text, action: 'updated' };
}

/** The changes made: text splices of scalar values, or `structural` (re-render the document). */
interface Edits {
  splices: Array<{ start: number; end: number; text: string }>;
  structural: boolean;
}

/** Replaces a scalar's value, recording the text splice when its source style allows one. */
function setScalar(node: Scalar, value: unknown, edits: Edits) {
  if (node.value === value) return;
  node.value = value;
  const rendered = stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
  const style = node.type;
  const inline =
    style === 'PLAIN' || style === 'QUOTE_DOUBLE' || style === 'QUOTE_SINGLE';
  if (!node.range || !inline || rendered.includes('\n')) {
    edits.structural = true;
    return;
  }
  let text = rendered;
  if (typeof value === 'string' && style === 'QUOTE_DOUBLE') {
    text = JSON.stringify(value);
  } else if (typeof value === 'string' && style === 'QUOTE_SINGLE') {
    text = `'${value.replace(/'/g, "''")}'`;
  }
  edits.splices.push({ start: node.range[0], end: node.range[1], text });
}

function parseWorkloadDocument(
  text: string,
  published: Workload,
  path: string,
): Document.Parsed<ParsedNode> {
  const docs = parseAllDocuments(text);
  const notWorkload = (problem: string) =>
    badInput(
      `${path} in the GitOps repository is not a Workload this publish can update: ${problem}. ` +
        'Fix or remove the file in the repository (it must hold one openchoreo.dev Workload of this component); nothing was changed.',
    );
  if (!Array.isArray(docs) || docs.length !== 1) {
    throw notWorkload(
      `it holds ${Array.isArray(docs) ? docs.length : 0} YAML documents`,
    );
  }
  const doc = docs[0];
  if (doc.errors.length > 0) {
    throw notWorkload(`invalid YAML (${doc.errors[0].message.split('\n')[0]})`);
  }
  if (!isMap(doc.contents)) throw notWorkload('it is not a YAML mapping');
  const kind = doc.get('kind');
  const apiVersion = doc.get('apiVersion');
  if (kind !== 'Workload') {
    throw notWorkload(`its kind is ${JSON.stringify(kind ?? null)}`);
  }
  if (
    typeof apiVersion !== 'string' ||
    !apiVersion.startsWith('openchoreo.dev/')
  ) {
    throw notWorkload(
      `its apiVersion is ${JSON.stringify(
        apiVersion ?? null,
      )}, not openchoreo.dev/...`,
    );
  }
  const owner = published.spec?.owner;
  for (const [key, expected] of [
    ['projectName', owner?.projectName],
    ['componentName', owner?.componentName],
  ] as const) {
    const actual = doc.getIn(['spec', 'owner', key]);
    if (actual !== undefined && actual !== expected) {
      throw notWorkload(
        `its spec.owner.${key} is ${JSON.stringify(
          actual,
        )}, not ${JSON.stringify(expected)}`,
      );
    }
  }
  if (
    doc.hasIn(['spec', 'container']) &&
    !isMap(doc.getIn(['spec', 'container']))
  ) {
    throw notWorkload('its spec.container is not a mapping');
  }
  return doc;
}

/**
 * Sets `value` at `path`, touching only what differs: a scalar keeps its node (and its
 * comment), a mapping is walked key by key. With `exact`, keys missing from `value` are removed;
 * `undefined` removes the path.
 */
function syncValue(
  doc: Document,
  edits: Edits,
  path: Path,
  value: unknown,
  exact = false,
) {
  if (value === undefined) {
    if (exact && doc.hasIn(path)) {
      doc.deleteIn(path);
      edits.structural = true;
    }
    return;
  }
  const node = doc.getIn(path, true);
  if (isPlainObject(value) && isMap(node)) {
    for (const [key, child] of Object.entries(value)) {
      syncValue(doc, edits, [...path, key], child, exact);
    }
    if (exact) {
      for (const item of [...node.items]) {
        const key = isScalar(item.key) ? item.key.value : item.key;
        if (typeof key === 'string' && !(key in value)) {
          doc.deleteIn([...path, key]);
          edits.structural = true;
        }
      }
    }
    return;
  }
  if (isScalar(node) && !isObjectLike(value)) {
    setScalar(node, value, edits);
    return;
  }
  const current =
    node && typeof node === 'object' && 'toJSON' in node
      ? (node as { toJSON(): unknown }).toJSON()
      : node;
  if (isDeepStrictEqual(current, value)) return;
  doc.setIn(path, doc.createNode(value));
  edits.structural = true;
}

/**
 * Replaces the previous run's `ci.openchoreo-ci.dev/*` annotations by the new run's: in place
 * when both name the same keys, else by removing the old ones and adding the new.
 */
function replaceProvenance(
  doc: Document,
  edits: Edits,
  annotations: Record<string, string>,
) {
  const path = ['metadata', 'annotations'];
  const fresh = Object.entries(annotations).filter(([key]) =>
    isWorkloadProvenanceAnnotation(key),
  );
  const node = doc.getIn(path, true);
  const old = isMap(node)
    ? node.items.filter(item => {
        const key = isScalar(item.key) ? item.key.value : item.key;
        return typeof key === 'string' && isWorkloadProvenanceAnnotation(key);
      })
    : [];
  const oldKeys = old.map(item => (item.key as Scalar).value as string);
  const sameKeys =
    oldKeys.length === fresh.length &&
    fresh.every(([key]) => oldKeys.includes(key)) &&
    old.every(item => isScalar(item.value));
  if (sameKeys) {
    for (const [key, value] of fresh) {
      setScalar(doc.getIn([...path, key], true) as Scalar, value, edits);
    }
    return;
  }
  edits.structural = true;
  for (const key of oldKeys) doc.deleteIn([...path, key]);
  for (const [key, value] of fresh) doc.setIn([...path, key], value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isObjectLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}
