import Router from 'express-promise-router';
import type express from 'express';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { ComponentActionsResponse } from '@openchoreo-ci/plugin-openchoreo-common';
import type { ComponentActionsService } from '../service/ComponentActionsService';
import type { Access } from './access';

/**
 * `GET /components/:namespace/:component/actions`: which actions (Build now, Edit Annotations)
 * the user may take, with the reason when not, so the frontend can disable them up front.
 */
export function createComponentActionRoutes(options: {
  access: Access;
  actions: ComponentActionsService;
}): express.Router {
  const { access, actions } = options;
  const router = Router();

  router.get('/components/:namespace/:component/actions', async (req, res) => {
    const { namespace, component, credentials } =
      await access.authorizeComponent(req, catalogEntityReadPermission);
    const body: ComponentActionsResponse = await actions.decide(
      namespace,
      component,
      credentials,
    );
    res.json(body);
  });

  return router;
}
