import Router from 'express-promise-router';
import type express from 'express';
import { z } from 'zod';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  openchoreoAnnotationsUpdatePermission,
  validateAnnotationKeySyntax,
  type ComponentAnnotationsResponse,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { AnnotationsService } from '../service/AnnotationsService';
import type { Access } from './access';
import { parseOrThrow } from './validation';

// Kubernetes annotation keys (the editor's rule, from the common package); whether a key is
// reserved is the service's decision, since `expected` holds the platform's keys too.
const annotationMap = z.record(
  z.string().superRefine((key, ctx) => {
    const problem = validateAnnotationKeySyntax(key);
    if (problem) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `"${key}" is not a valid annotation key: ${problem}`,
      });
    }
  }),
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
