import { isDeepStrictEqual } from 'node:util';
import type {
  ResourceKind,
  ResourceObject,
  ResourceStore,
  StoreEvent,
} from '@openchoreo-ci/openchoreo-devstack';

/** What {@link recordStoreWrites} returns: the two kinds of writes, and how to stop recording. */
export interface StoreWrites {
  /** Creations, deletions and replacements through the API (anything that is not status-only). */
  writes: StoreEvent[];
  /** Replacements that changed nothing but `status`: a controller's, as the devstack simulates them. */
  statusWrites: StoreEvent[];
  stop(): void;
}

function keyOf(object: ResourceObject): string {
  return `${object.kind}/${object.metadata.namespace ?? ''}/${
    object.metadata.name
  }`;
}

/** True when `next` differs from `previous` in its status and in nothing else. */
function isStatusOnlyChange(previous: ResourceObject, next: ResourceObject) {
  const { status: before, ...restBefore } = previous;
  const { status: after, ...restAfter } = next;
  return (
    !isDeepStrictEqual(before, after) &&
    isDeepStrictEqual(restBefore, restAfter)
  );
}

/**
 * Records the writes to `kinds` in `namespace`, telling the status writes of the devstack's
 * controllers (deploy simulation, autoDeploy) apart from every other write. The API's PUT keeps
 * the stored status, so a replacement that changes only `status` cannot come from an API client;
 * a PUT that changes nothing at all still counts as a write.
 */
export function recordStoreWrites(
  store: ResourceStore,
  namespace: string,
  kinds: readonly ResourceKind[],
): StoreWrites {
  const current = new Map<string, ResourceObject>();
  for (const kind of kinds) {
    for (const object of store.list(kind, namespace)) {
      current.set(keyOf(object), object);
    }
  }
  const writes: StoreEvent[] = [];
  const statusWrites: StoreEvent[] = [];
  const stop = store.subscribe(event => {
    const { object } = event;
    if (
      !kinds.includes(object.kind as ResourceKind) ||
      object.metadata.namespace !== namespace
    ) {
      return;
    }
    const key = keyOf(object);
    const previous = current.get(key);
    if (
      event.type === 'replaced' &&
      previous &&
      isStatusOnlyChange(previous, object)
    ) {
      statusWrites.push(event);
    } else {
      writes.push(event);
    }
    if (event.type === 'deleted') current.delete(key);
    else current.set(key, object);
  });
  return { writes, statusWrites, stop };
}
