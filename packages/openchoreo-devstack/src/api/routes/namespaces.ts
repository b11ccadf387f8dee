import { Router } from 'express';
import type { ResourceObject, ResourceStore } from '../store';
import { asyncHandler, notFound } from '../errors';
import { listPage } from './resourceRoutes';
import { authorize, viewableBy } from '../authz/enforce';

const namespaceOf = (namespace: ResourceObject) => ({
  namespace: namespace.metadata.name,
});

/** A Namespace as the API returns it: only `metadata` and `status`, no apiVersion/kind. */
function toNamespace(object: ResourceObject) {
  return { metadata: object.metadata, status: { phase: 'Active' } };
}

/** `GET /api/v1/namespaces` and `GET /api/v1/namespaces/{namespaceName}`. */
export function namespaceRoutes(store: ResourceStore): Router {
  const router = Router();
  router.get(
    '/api/v1/namespaces',
    asyncHandler((req, res) => {
      const page = listPage(
        store.list('Namespace'),
        req.query,
        viewableBy(res, 'namespace:view', namespaceOf),
      );
      res.json({ ...page, items: page.items.map(toNamespace) });
    }),
  );
  router.get(
    '/api/v1/namespaces/:namespaceName',
    asyncHandler((req, res) => {
      const namespace = store.get(
        'Namespace',
        undefined,
        req.params.namespaceName,
      );
      if (!namespace) throw notFound('Namespace');
      authorize(
        res,
        'namespace:view',
        namespaceOf(namespace),
        namespace.metadata.name,
      );
      res.json(toNamespace(namespace));
    }),
  );
  return router;
}
