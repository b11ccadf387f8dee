import Router from 'express-promise-router';
import type express from 'express';
import { NotAllowedError } from '@backstage/errors';
import { BUILT_IN_CI_DISABLED_MESSAGE } from '@openchoreo-ci/plugin-openchoreo-common';

/**
 * While built-in CI is turned off (`openchoreo.features.workflows.enabled: false`), refuses with
 * 403 every route that starts or changes a WorkflowRun: Build now, Build with options (and its
 * options), re-run and cancel. The build history stays readable. Mounted before the build routes.
 */
export function createBuiltInCiGuard(enabled: boolean): express.Router {
  const router = Router();
  if (enabled) return router;
  const refuse = async () => {
    throw new NotAllowedError(
      `${BUILT_IN_CI_DISABLED_MESSAGE}. Nothing was started or changed; the build history stays readable, and components build with their External CI.`,
    );
  };
  router.post('/components/:namespace/:component/workflow-runs', refuse);
  router.get('/components/:namespace/:component/build-options', refuse);
  router.post('/workflow-runs/:namespace/:run/rerun', refuse);
  router.delete('/workflow-runs/:namespace/:run', refuse);
  return router;
}
