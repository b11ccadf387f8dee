import Router from 'express-promise-router';
import type express from 'express';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { openchoreoWorkflowRunReadPermission } from '@openchoreo-ci/plugin-openchoreo-common';
import type {
  ComponentSummary,
  WorkloadInfo,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { ComponentsService } from '../service/ComponentsService';
import type { Access } from './access';

/** `GET /components/:namespace/:component/summary` and `.../workload`. */
export function createComponentRoutes(options: {
  access: Access;
  components: ComponentsService;
}): express.Router {
  const { access, components } = options;
  const router = Router();

  // The summary carries the latest builds, so it needs the build read permission.
  router.get('/components/:namespace/:component/summary', async (req, res) => {
    const { namespace, component } = await access.authorizeComponent(
      req,
      openchoreoWorkflowRunReadPermission,
    );
    const body: ComponentSummary = await components.getSummary(
      namespace,
      component,
    );
    res.json(body);
  });

  // Image, endpoints and configuration names: as visible as the catalog entity itself.
  router.get('/components/:namespace/:component/workload', async (req, res) => {
    const { namespace, component } = await access.authorizeComponent(
      req,
      catalogEntityReadPermission,
    );
    const body: WorkloadInfo = await components.getWorkloadInfo(
      namespace,
      component,
    );
    res.json(body);
  });

  return router;
}
