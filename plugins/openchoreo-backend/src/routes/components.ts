import Router from 'express-promise-router';
import type express from 'express';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { openchoreoWorkflowRunReadPermission } from '@openchoreo-ci/plugin-openchoreo-common';
import type {
  ComponentSummary,
  WorkloadInfo,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { ComponentsService } from '../service/ComponentsService';
import { componentEntityRef } from '../service/entityRefs';
import type { Access } from './access';
import { componentParams, parseOrThrow } from './validation';

/** `GET /components/:namespace/:component/summary` and `.../workload`. */
export function createComponentRoutes(options: {
  access: Access;
  components: ComponentsService;
}): express.Router {
  const { access, components } = options;
  const router = Router();

  // The summary carries the latest builds, so it needs the build read permission.
  router.get('/components/:namespace/:component/summary', async (req, res) => {
    const { namespace, component } = parseOrThrow(
      componentParams,
      req.params,
      'path',
    );
    await access.authorize(
      req,
      openchoreoWorkflowRunReadPermission,
      componentEntityRef(namespace, component),
    );
    const body: ComponentSummary = await components.getSummary(
      namespace,
      component,
    );
    res.json(body);
  });

  // Image, endpoints and configuration names: as visible as the catalog entity itself.
  router.get('/components/:namespace/:component/workload', async (req, res) => {
    const { namespace, component } = parseOrThrow(
      componentParams,
      req.params,
      'path',
    );
    await access.authorize(
      req,
      catalogEntityReadPermission,
      componentEntityRef(namespace, component),
    );
    const body: WorkloadInfo = await components.getWorkloadInfo(
      namespace,
      component,
    );
    res.json(body);
  });

  return router;
}
