import Router from 'express-promise-router';
import type express from 'express';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { ComponentDeploymentsResponse } from '@openchoreo-ci/plugin-openchoreo-common';
import type { DeploymentsService } from '../service/DeploymentsService';
import type { Access } from './access';

/** `GET /components/:namespace/:component/deployments`: where the component is deployed. */
export function createDeploymentRoutes(options: {
  access: Access;
  deployments: DeploymentsService;
}): express.Router {
  const { access, deployments } = options;
  const router = Router();

  // Environments, releases and their states: as visible as the catalog entity itself (like the
  // workload); OpenChoreo decides, with the caller's token, what of it the caller may read.
  router.get(
    '/components/:namespace/:component/deployments',
    async (req, res) => {
      const { namespace, component } = await access.authorizeComponent(
        req,
        catalogEntityReadPermission,
      );
      const body: ComponentDeploymentsResponse =
        await deployments.getDeployments(namespace, component);
      res.json(body);
    },
  );

  return router;
}
