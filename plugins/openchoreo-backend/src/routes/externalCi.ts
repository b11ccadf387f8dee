import Router from 'express-promise-router';
import type express from 'express';
import { z } from 'zod';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  openchoreoWorkflowRunCreatePermission,
  openchoreoWorkflowRunReadPermission,
  type ExternalCiRerunResponse,
  type ExternalCiRunsResponse,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { CiAccessGate } from '../service/access/CiAccessGate';
import type { ExternalCiService } from '../service/externalCi/ExternalCiService';
import { externalCiTargetOf } from '../service/externalCi/externalCiTarget';
import type { Access } from './access';
import { parseOrThrow } from './validation';

const ENTITY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const entityParams = z.object({
  kind: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,62}$/, 'must be a catalog kind'),
  namespace: z.string().regex(ENTITY_NAME, 'must be a catalog namespace'),
  name: z.string().regex(ENTITY_NAME, 'must be a catalog entity name'),
});
const pageNumber = (max: number) =>
  z
    .string()
    .regex(/^[1-9]\d*$/, 'must be a whole number from 1')
    .transform(Number)
    .pipe(z.number().max(max, `must be at most ${max}`));
const runsQuery = z.object({
  page: pageNumber(1000).optional().default(1),
  perPage: pageNumber(50).optional().default(10),
});
const runParams = z.object({
  runId: z.string().regex(/^\d{1,20}$/, 'must be a numeric run id'),
});

/**
 * GitHub Actions runs and GitLab CI pipelines of a catalog entity, read with the portal's
 * configured token: `GET /entities/:kind/:namespace/:name/ci-runs?page&perPage` and
 * `POST .../ci-runs/:runId/rerun`. The portal's token works for anyone, so OpenChoreo decides
 * first ({@link CiAccessGate}): reads need the component to be visible to the user, re-runs
 * the `externalCiBuild` decision of `GET .../actions`.
 */
export function createExternalCiRoutes(options: {
  access: Access;
  catalog: CatalogService;
  externalCi: ExternalCiService;
  gate: CiAccessGate;
}): express.Router {
  const { access, catalog, externalCi, gate } = options;
  const router = Router();

  /** Checks `permission` on the entity, then reads it as the user (the catalog's own rules apply). */
  async function targetOf(
    req: express.Request,
    permission: typeof openchoreoWorkflowRunReadPermission,
    require: 'requireRead' | 'requireExternalBuild',
  ) {
    const params = parseOrThrow(entityParams, req.params, 'path');
    const entityRef = stringifyEntityRef(params);
    const credentials = await access.authorize(req, permission, entityRef);
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No catalog entity ${entityRef}`);
    }
    await gate[require](entity, credentials);
    const target = externalCiTargetOf(entity);
    if (!target) {
      throw new InputError(
        `${entityRef} is not built by GitHub Actions or GitLab CI: it has no github.com/project-slug, gitlab.com/project-slug or gitlab.com/project-id annotation (or a Jenkins job wins)`,
      );
    }
    return target;
  }

  router.get('/entities/:kind/:namespace/:name/ci-runs', async (req, res) => {
    const target = await targetOf(
      req,
      openchoreoWorkflowRunReadPermission,
      'requireRead',
    );
    const { page, perPage } = parseOrThrow(runsQuery, req.query, 'query');
    const body: ExternalCiRunsResponse = await externalCi.runs(
      target,
      page,
      perPage,
    );
    res.json(body);
  });

  router.post(
    '/entities/:kind/:namespace/:name/ci-runs/:runId/rerun',
    async (req, res) => {
      const target = await targetOf(
        req,
        openchoreoWorkflowRunCreatePermission,
        'requireExternalBuild',
      );
      const { runId } = parseOrThrow(runParams, req.params, 'path');
      const body: ExternalCiRerunResponse = await externalCi.rerun(
        target,
        runId,
      );
      res.status(201).json(body);
    },
  );

  return router;
}
