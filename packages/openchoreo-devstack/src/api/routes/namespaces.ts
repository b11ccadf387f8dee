import { Router } from 'express';
import type { ResourceObject, ResourceStore } from '../store';
import { asyncHandler, notFound } from '../errors';
import { listPage } from './resourceRoutes';

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
      const page = listPage(store.list('Namespace'), req.query);
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
      res.json(toNamespace(namespace));
    }),
  );
  return router;
}
