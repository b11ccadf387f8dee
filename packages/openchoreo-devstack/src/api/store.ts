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

/**
 * In-memory state of the stand-in: objects by kind, namespace and name, in creation order.
 * Optionally persisted to a JSON file after every change, so a restart keeps the state.
 */
export class ResourceStore {
  private readonly objects = new Map<string, ResourceObject>();
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  constructor(
    private readonly options: { persistFile?: string; now?: () => Date } = {},
  ) {
    const file = options.persistFile;
    if (file && existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as ResourceObject[];
      for (const object of saved) {
        this.objects.set(
          keyOf(object.kind as ResourceKind, object.metadata),
          object,
        );
      }
    }
  }

  /** True when nothing is stored yet (a fresh start that needs seeding). */
  get isEmpty(): boolean {
    return this.objects.size === 0;
  }

  get(kind: ResourceKind, namespace: string | undefined, name: string) {
    const object = this.objects.get(keyOf(kind, { namespace, name }));
    return object ? structuredClone(object) : undefined;
  }

  /** Lists objects of a kind (in a namespace, unless cluster-scoped), in creation order. */
  list(kind: ResourceKind, namespace?: string): ResourceObject[] {
    const result: ResourceObject[] = [];
    for (const object of this.objects.values()) {
      if (object.kind !== kind) continue;
      if (
        !CLUSTER_SCOPED.has(kind) &&
        object.metadata.namespace !== namespace
      ) {
        continue;
      }
      result.push(structuredClone(object));
    }
    return result;
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
    this.objects.set(key, stored);
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
    stored.metadata.uid = existing.metadata.uid;
    stored.metadata.creationTimestamp = existing.metadata.creationTimestamp;
    if (CLUSTER_SCOPED.has(kind)) delete stored.metadata.namespace;
    this.objects.set(key, stored);
    this.changed({ type: 'replaced', object: stored });
    return structuredClone(stored);
  }

  /** Deletes an object; returns false when it did not exist. */
  delete(kind: ResourceKind, namespace: string | undefined, name: string) {
    const key = keyOf(kind, { namespace, name });
    const existing = this.objects.get(key);
    if (!existing) return false;
    this.objects.delete(key);
    this.changed({ type: 'deleted', object: existing });
    return true;
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  private changed(event: StoreEvent) {
    const file = this.options.persistFile;
    if (file) {
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify([...this.objects.values()], null, 2));
      renameSync(tmp, file);
    }
    for (const listener of this.listeners) listener(structuredClone(event));
  }
}

function keyOf(
  kind: ResourceKind,
  metadata: { namespace?: string; name: string },
): string {
  const namespace = CLUSTER_SCOPED.has(kind) ? '' : metadata.namespace ?? '';
  return `${kind}/${namespace}/${metadata.name}`;
}
