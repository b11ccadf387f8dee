import { Router, type Request } from 'express';
import type { ResourceKind, ResourceObject, ResourceStore } from '../store';
import { ApiError, asyncHandler, conflict, notFound } from '../errors';
import { paginate, queryString } from '../pagination';
import { matchesLabels, parseLabelSelector } from '../labelSelector';
import { objectFromBody, toApiObject } from '../validation';

/** The operations a resource's routes can serve. */
export type ResourceOperation =
  | 'list'
  | 'create'
  | 'get'
  | 'replace'
  | 'delete';

/** How one resource kind is served: its paths, the operations and its validation hooks. */
export interface ResourceDefinition {
  kind: ResourceKind;
  /** The word used in messages: "Component not found". */
  label: string;
  /** The collection path segment: `components`, `clustercomponenttypes`. */
  plural: string;
  /** Cluster-scoped resources live at `/api/v1/<plural>`, the others under a namespace. */
  clusterScoped?: boolean;
  operations: ResourceOperation[];
  /** Extra list filter from query parameters such as `?project=`. */
  listFilter?: (query: Request['query']) => (object: ResourceObject) => boolean;
  /** Validates and defaults a new object; throws an `ApiError` to reject it. */
  prepareCreate?: (object: ResourceObject) => void;
  /** Validates a replacement against the stored object; returns the object to store. */
  prepareReplace?: (
    next: ResourceObject,
    existing: ResourceObject,
  ) => ResourceObject;
  /** The error for a duplicate name (409 unless the real server says otherwise). */
  duplicateError?: () => ApiError;
}

/** The base path of a resource kind's collection. */
export function collectionPath(definition: ResourceDefinition): string {
  return definition.clusterScoped
    ? `/api/v1/${definition.plural}`
    : `/api/v1/namespaces/:namespaceName/${definition.plural}`;
}

/** The namespace a request addresses (undefined for cluster-scoped kinds). */
export function namespaceOf(definition: ResourceDefinition, req: Request) {
  return definition.clusterScoped ? undefined : req.params.namespaceName;
}

/** Loads one object or throws the real server's 404. */
export function getOrThrow(
  store: ResourceStore,
  definition: Pick<ResourceDefinition, 'kind' | 'label'>,
  namespace: string | undefined,
  name: string,
): ResourceObject {
  const object = store.get(definition.kind, namespace, name);
  if (!object) throw notFound(definition.label);
  return object;
}

/** Lists a kind with the `labelSelector`, extra filters, `limit` and `cursor` applied. */
export function listPage(
  objects: ResourceObject[],
  query: Request['query'],
  filter: (object: ResourceObject) => boolean = () => true,
) {
  const selector = parseLabelSelector(
    queryString(query, 'labelSelector') ?? '',
  );
  const matching = objects.filter(
    o => matchesLabels(selector, o.metadata.labels) && filter(o),
  );
  const page = paginate(matching, query);
  return { ...page, items: page.items.map(toApiObject) };
}

/** Serves list/create/get/replace/delete of one resource kind from the store. */
export function createResourceRoutes(
  store: ResourceStore,
  definition: ResourceDefinition,
): Router {
  const router = Router();
  const base = collectionPath(definition);
  const item = `${base}/:name`;
  const serves = (op: ResourceOperation) => definition.operations.includes(op);

  if (serves('list')) {
    router.get(
      base,
      asyncHandler((req, res) => {
        const objects = store.list(
          definition.kind,
          namespaceOf(definition, req),
        );
        res.json(
          listPage(objects, req.query, definition.listFilter?.(req.query)),
        );
      }),
    );
  }

  if (serves('create')) {
    router.post(
      base,
      asyncHandler((req, res) => {
        const namespace = namespaceOf(definition, req);
        const object = objectFromBody(req.body, definition.kind, namespace);
        definition.prepareCreate?.(object);
        if (store.get(definition.kind, namespace, object.metadata.name)) {
          throw definition.duplicateError?.() ?? conflict(definition.label);
        }
        res.status(201).json(toApiObject(store.create(object)));
      }),
    );
  }

  if (serves('get')) {
    router.get(
      item,
      asyncHandler((req, res) => {
        const namespace = namespaceOf(definition, req);
        res.json(
          toApiObject(
            getOrThrow(store, definition, namespace, req.params.name),
          ),
        );
      }),
    );
  }

  if (serves('replace')) {
    router.put(
      item,
      asyncHandler((req, res) => {
        const namespace = namespaceOf(definition, req);
        const next = objectFromBody(
          req.body,
          definition.kind,
          namespace,
          req.params.name,
        );
        const existing = getOrThrow(
          store,
          definition,
          namespace,
          req.params.name,
        );
        const stored = definition.prepareReplace?.(next, existing) ?? {
          ...next,
          status: existing.status,
        };
        res.json(toApiObject(store.replace(stored)));
      }),
    );
  }

  if (serves('delete')) {
    router.delete(
      item,
      asyncHandler((req, res) => {
        const namespace = namespaceOf(definition, req);
        if (!store.delete(definition.kind, namespace, req.params.name)) {
          throw notFound(definition.label);
        }
        res.status(204).end();
      }),
    );
  }

  return router;
}
