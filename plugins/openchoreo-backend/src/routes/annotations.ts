import Router from 'express-promise-router';
import type express from 'express';
import { z } from 'zod';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  openchoreoAnnotationsUpdatePermission,
  type ComponentAnnotationsResponse,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { AnnotationsService } from '../service/AnnotationsService';
import type { Access } from './access';
import { parseOrThrow } from './validation';

// Kubernetes annotation keys: optional DNS subdomain prefix + '/' + name of at most 63 chars.
const ANNOTATION_KEY =
  /^(([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

const annotationMap = z.record(
  z
    .string()
    .max(316)
    .regex(
      ANNOTATION_KEY,
      'is not a valid annotation key (optional DNS prefix, "/", then at most 63 letters, digits, "-", "_" or ".")',
    ),
  z.string().max(65536),
);

/** Body of `PUT .../annotations`. */
const updateBody = z
  .object({ expected: annotationMap, annotations: annotationMap })
  .strict();

/** `GET` and `PUT /components/:namespace/:component/annotations`. */
export function createAnnotationRoutes(options: {
  access: Access;
  annotations: AnnotationsService;
}): express.Router {
  const { access, annotations } = options;
  const router = Router();

  router.get(
    '/components/:namespace/:component/annotations',
    async (req, res) => {
      const { namespace, component } = await access.authorizeComponent(
        req,
        catalogEntityReadPermission,
      );
      const body: ComponentAnnotationsResponse = await annotations.get(
        namespace,
        component,
      );
      res.json(body);
    },
  );

  router.put(
    '/components/:namespace/:component/annotations',
    async (req, res) => {
      const { namespace, component } = await access.authorizeComponent(
        req,
        openchoreoAnnotationsUpdatePermission,
      );
      const body = parseOrThrow(updateBody, req.body, 'request body');
      const saved: ComponentAnnotationsResponse = await annotations.update(
        namespace,
        component,
        body,
      );
      res.json(saved);
    },
  );

  return router;
}
