import { Router, type Request, type Response } from 'express';
import type { ResourceKind, ResourceObject, ResourceStore } from '../store';
import { ApiError, asyncHandler, conflict, notFound } from '../errors';
import {
  pageQuery,
  paginate,
  positionPagination,
  queryString,
} from '../pagination';
import { matchesLabels, parseLabelSelector } from '../labelSelector';
import { objectFromBody, toApiObject } from '../validation';
import {
  action,
  type AuthzHierarchy,
  type AuthzResourceType,
  type AuthzVerb,
} from '../authz/actions';
import { authorize, viewableBy } from '../authz/enforce';
import { namespaceHierarchy } from '../authz/hierarchies';

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
  /** The resource type of its authorization actions: `component` -> `component:view`, ... */
  authzType: AuthzResourceType;
  /** Where an object sits in the authorization hierarchy (default: its namespace, if any). */
  hierarchy?: (object: ResourceObject) => AuthzHierarchy;
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

/** Where an object of the definition's kind sits in the authorization hierarchy. */
export function hierarchyOf(
  definition: Pick<ResourceDefinition, 'hierarchy'>,
  object: ResourceObject,
): AuthzHierarchy {
  return (definition.hierarchy ?? namespaceHierarchy)(object);
}

/**
 * Loads one stored object the caller may `verb` (default `view`): 404 when it does not exist,
 * then 403 when the caller may not (the real server fetches first, then checks). Deciding on the
 * stored object means a body naming another project cannot widen access.
 */
export function getAuthorizedOrThrow(
  store: ResourceStore,
  res: Response,
  definition: Pick<
    ResourceDefinition,
    'kind' | 'label' | 'authzType' | 'hierarchy'
  >,
  namespace: string | undefined,
  name: string,
  verb: AuthzVerb = 'view',
): ResourceObject {
  const object = getOrThrow(store, definition, namespace, name);
  authorize(
    res,
    action(definition.authzType, verb),
    hierarchyOf(definition, object),
    name,
  );
  return object;
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

/**
 * One page of a kind's stored objects with the `labelSelector`, extra filters, `limit` and
 * `cursor` applied, read from the store's ordered index: the cursor is the position of the next
 * page's first object, and an equality in the selector (`key=value`) visits only the objects
 * with that label, so a page costs the page, not the number of objects stored.
 */
export function storeListPage(
  store: ResourceStore,
  kind: ResourceKind,
  namespace: string | undefined,
  query: Request['query'],
  filter: (object: ResourceObject) => boolean = () => true,
) {
  const selector = parseLabelSelector(
    queryString(query, 'labelSelector') ?? '',
  );
  const { limit, from } = pageQuery(query);
  const equality = selector.find(r => r.op === 'in' && r.values.length === 1);
  const page = store.page(kind, namespace, {
    from,
    limit,
    label:
      equality && 'values' in equality
        ? { key: equality.key, value: equality.values[0] }
        : undefined,
    matches: o => matchesLabels(selector, o.metadata.labels) && filter(o),
  });
  return {
    items: page.items.map(toApiObject),
    pagination: positionPagination(page.next),
  };
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
        const matches = definition.listFilter?.(req.query) ?? (() => true);
        const viewable = viewableBy(
          res,
          action(definition.authzType, 'view'),
          (object: ResourceObject) => hierarchyOf(definition, object),
        );
        res.json(
          storeListPage(
            store,
            definition.kind,
            namespaceOf(definition, req),
            req.query,
            o => matches(o) && viewable(o),
          ),
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
        authorize(
          res,
          action(definition.authzType, 'create'),
          hierarchyOf(definition, object),
          object.metadata.name,
        );
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
            getAuthorizedOrThrow(
              store,
              res,
              definition,
              namespace,
              req.params.name,
            ),
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
        const existing = getAuthorizedOrThrow(
          store,
          res,
          definition,
          namespace,
          req.params.name,
          'update',
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
        getAuthorizedOrThrow(
          store,
          res,
          definition,
          namespace,
          req.params.name,
          'delete',
        );
        store.delete(definition.kind, namespace, req.params.name);
        res.status(204).end();
      }),
    );
  }

  return router;
}
