import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync, renameSync } from 'node:fs';

/** The Kubernetes-shaped object every OpenChoreo resource is. */
export interface ResourceObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    /** Kubernetes' spec generation (the simulation sets it for stale-condition runs). */
    generation?: number;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/** The resource kinds the stand-in stores. */
export type ResourceKind =
  | 'Namespace'
  | 'Project'
  | 'Component'
  | 'Workload'
  | 'ComponentType'
  | 'ClusterComponentType'
  | 'Workflow'
  | 'ClusterWorkflow'
  | 'WorkflowPlane'
  | 'ClusterWorkflowPlane'
  | 'WorkflowRun'
  | 'Environment'
  | 'DeploymentPipeline'
  | 'ComponentRelease'
  | 'ReleaseBinding'
  | 'ObservabilityPlane'
  | 'ClusterObservabilityPlane';

/** One event of the store, for listeners such as the WorkflowRun simulation. */
export interface StoreEvent {
  type: 'created' | 'replaced' | 'deleted';
  object: ResourceObject;
}

const CLUSTER_SCOPED: ReadonlySet<ResourceKind> = new Set([
  'Namespace',
  'ClusterComponentType',
  'ClusterWorkflow',
  'ClusterWorkflowPlane',
  'ClusterObservabilityPlane',
]);

/** One stored object with its place in creation order. */
interface Entry {
  seq: number;
  object: ResourceObject;
}

/** A page of {@link ResourceStore.page}: the objects, and where the next page starts. */
export interface StorePage {
  items: ResourceObject[];
  /** The position of the first object of the next page; undefined on the last page. */
  next?: number;
}

/**
 * In-memory state of the stand-in: objects by kind, namespace and name, in creation order.
 * Each kind's objects in a namespace (and those with a given label) are kept in creation order
 * with a position, so a page of a list costs the page, not the number of objects stored.
 * Optionally persisted to a JSON file after every change, so a restart keeps the state.
 */
export class ResourceStore {
  private readonly objects = new Map<string, Entry>();
  /** Entries per `kind/namespace`, and per `kind/namespace|label=value`, in creation order. */
  private readonly ordered = new Map<string, Entry[]>();
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private nextSeq = 1;
  private batching = 0;

  constructor(
    private readonly options: { persistFile?: string; now?: () => Date } = {},
  ) {
    const file = options.persistFile;
    if (file && existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as ResourceObject[];
      for (const object of saved) {
        this.insert(object);
      }
    }
  }

  /** True when nothing is stored yet (a fresh start that needs seeding). */
  get isEmpty(): boolean {
    return this.objects.size === 0;
  }

  get(kind: ResourceKind, namespace: string | undefined, name: string) {
    const entry = this.objects.get(keyOf(kind, { namespace, name }));
    return entry ? structuredClone(entry.object) : undefined;
  }

  /** Lists objects of a kind (in a namespace, unless cluster-scoped), in creation order. */
  list(kind: ResourceKind, namespace?: string): ResourceObject[] {
    return (this.ordered.get(collectionOf(kind, namespace)) ?? []).map(e =>
      structuredClone(e.object),
    );
  }

  /**
   * Up to `limit` objects of a kind that `matches` accepts, in creation order from position
   * `from` (0: the start). With `label` (an equality the objects must have), only objects with
   * that label are visited, so the cost is the page (plus what `matches` skips), whatever the
   * number of other objects.
   */
  page(
    kind: ResourceKind,
    namespace: string | undefined,
    options: {
      from?: number;
      limit: number;
      label?: { key: string; value: string };
      matches?: (object: ResourceObject) => boolean;
    },
  ): StorePage {
    const collection = collectionOf(kind, namespace);
    const entries =
      this.ordered.get(
        options.label
          ? labelCollection(collection, options.label.key, options.label.value)
          : collection,
      ) ?? [];
    const items: ResourceObject[] = [];
    for (
      let i = lowerBound(entries, options.from ?? 0);
      i < entries.length;
      i++
    ) {
      const { seq, object } = entries[i];
      if (options.matches && !options.matches(object)) continue;
      if (items.length === options.limit) return { items, next: seq };
      items.push(structuredClone(object));
    }
    return { items };
  }

  /** Stores a new object, filling uid and creationTimestamp. Throws if it exists. */
  create(object: ResourceObject): ResourceObject {
    const kind = object.kind as ResourceKind;
    const key = keyOf(kind, object.metadata);
    if (this.objects.has(key)) {
      throw new Error(`${object.kind} ${object.metadata.name} already exists`);
    }
    const stored = structuredClone(object);
    stored.metadata.uid ??= randomUUID();
    stored.metadata.creationTimestamp ??= this.now().toISOString();
    if (CLUSTER_SCOPED.has(kind)) delete stored.metadata.namespace;
    this.insert(stored);
    this.changed({ type: 'created', object: stored });
    return structuredClone(stored);
  }

  /** Replaces an existing object, keeping its uid and creationTimestamp. */
  replace(object: ResourceObject): ResourceObject {
    const kind = object.kind as ResourceKind;
    const key = keyOf(kind, object.metadata);
    const existing = this.objects.get(key);
    if (!existing) {
      throw new Error(`${object.kind} ${object.metadata.name} not found`);
    }
    const stored = structuredClone(object);
    stored.metadata.uid = existing.object.metadata.uid;
    stored.metadata.creationTimestamp =
      existing.object.metadata.creationTimestamp;
    if (CLUSTER_SCOPED.has(kind)) delete stored.metadata.namespace;
    const before = labelCollections(existing.object);
    const after = labelCollections(stored);
    existing.object = stored;
    for (const gone of before.filter(c => !after.includes(c))) {
      this.unlist(gone, existing.seq);
    }
    for (const added of after.filter(c => !before.includes(c))) {
      insertInOrder(this.listOf(added), existing);
    }
    this.changed({ type: 'replaced', object: stored });
    return structuredClone(stored);
  }

  /** Deletes an object; returns false when it did not exist. */
  delete(kind: ResourceKind, namespace: string | undefined, name: string) {
    const key = keyOf(kind, { namespace, name });
    const existing = this.objects.get(key);
    if (!existing) return false;
    this.objects.delete(key);
    for (const collection of [
      collectionOf(kind, existing.object.metadata.namespace),
      ...labelCollections(existing.object),
    ]) {
      this.unlist(collection, existing.seq);
    }
    this.changed({ type: 'deleted', object: existing.object });
    return true;
  }

  /**
   * Runs `fn` (many changes, e.g. seeding thousands of runs) and writes the persisted file once
   * at the end instead of after every change.
   */
  batch<T>(fn: () => T): T {
    this.batching += 1;
    try {
      return fn();
    } finally {
      this.batching -= 1;
      if (this.batching === 0) this.persist();
    }
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private insert(stored: ResourceObject) {
    const kind = stored.kind as ResourceKind;
    const entry: Entry = { seq: this.nextSeq++, object: stored };
    this.objects.set(keyOf(kind, stored.metadata), entry);
    this.listOf(collectionOf(kind, stored.metadata.namespace)).push(entry);
    for (const collection of labelCollections(stored)) {
      this.listOf(collection).push(entry);
    }
  }

  private listOf(collection: string): Entry[] {
    let entries = this.ordered.get(collection);
    if (!entries) {
      entries = [];
      this.ordered.set(collection, entries);
    }
    return entries;
  }

  private unlist(collection: string, seq: number) {
    const entries = this.ordered.get(collection);
    if (!entries) return;
    const at = lowerBound(entries, seq);
    if (entries[at]?.seq === seq) entries.splice(at, 1);
    if (entries.length === 0) this.ordered.delete(collection);
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  private persist() {
    const file = this.options.persistFile;
    if (file) {
      const tmp = `${file}.tmp`;
      writeFileSync(
        tmp,
        JSON.stringify(
          [...this.objects.values()]
            .sort((a, b) => a.seq - b.seq)
            .map(e => e.object),
          null,
          2,
        ),
      );
      renameSync(tmp, file);
    }
  }

  private changed(event: StoreEvent) {
    if (this.batching === 0) this.persist();
    for (const listener of this.listeners) listener(structuredClone(event));
  }
}

/** The first index of `entries` (in `seq` order) whose seq is at least `seq`. */
function lowerBound(entries: Entry[], seq: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (entries[mid].seq < seq) low = mid + 1;
    else high = mid;
  }
  return low;
}

function insertInOrder(entries: Entry[], entry: Entry) {
  entries.splice(lowerBound(entries, entry.seq), 0, entry);
}

function collectionOf(kind: ResourceKind, namespace: string | undefined) {
  return `${kind}/${CLUSTER_SCOPED.has(kind) ? '' : namespace ?? ''}`;
}

function labelCollection(collection: string, key: string, value: string) {
  return `${collection}|${key}=${value}`;
}

function labelCollections(object: ResourceObject): string[] {
  const collection = collectionOf(
    object.kind as ResourceKind,
    object.metadata.namespace,
  );
  return Object.entries(object.metadata.labels ?? {}).map(([key, value]) =>
    labelCollection(collection, key, value),
  );
}

function keyOf(
  kind: ResourceKind,
  metadata: { namespace?: string; name: string },
): string {
  const namespace = CLUSTER_SCOPED.has(kind) ? '' : metadata.namespace ?? '';
  return `${kind}/${namespace}/${metadata.name}`;
}
