import Router from 'express-promise-router';
import type express from 'express';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  OPENCHOREO_COMPONENT_LABEL,
  openchoreoWorkflowRunCreatePermission,
  openchoreoWorkflowRunReadPermission,
  type TriggerWorkflowRunResponse,
  type WorkflowRunDetails,
  type WorkflowRunEventsResponse,
  type WorkflowRunLogsResponse,
  type WorkflowRunPage,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { BuildTriggerService } from '../service/BuildTriggerService';
import { componentEntityRef } from '../service/entityRefs';
import type { WorkflowRunsService } from '../service/WorkflowRunsService';
import type { Access } from './access';
import {
  eventsQuery,
  logsQuery,
  parseOrThrow,
  runPageQuery,
  runParams,
} from './validation';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Build routes: list and trigger per component; one run, its logs and events. */
export function createWorkflowRunRoutes(options: {
  access: Access;
  runs: WorkflowRunsService;
  trigger: BuildTriggerService;
}): express.Router {
  const { access, runs, trigger } = options;
  const router = Router();

  /** Reads the run and checks the read permission on the component it builds. */
  async function authorizeRun(req: express.Request) {
    const { namespace, run } = parseOrThrow(runParams, req.params, 'path');
    await access.user(req);
    const found = await runs.getRun(namespace, run);
    const component = found.metadata.labels?.[OPENCHOREO_COMPONENT_LABEL];
    if (!component) {
      throw new NotFoundError(
        `Workflow run "${namespace}/${run}" is not the build of a component (no ${OPENCHOREO_COMPONENT_LABEL} label)`,
      );
    }
    await access.authorize(
      req,
      openchoreoWorkflowRunReadPermission,
      componentEntityRef(namespace, component),
    );
    return { namespace, run };
  }

  router.get(
    '/components/:namespace/:component/workflow-runs',
    async (req, res) => {
      const { namespace, component } = await access.authorizeComponent(
        req,
        openchoreoWorkflowRunReadPermission,
      );
      const query = parseOrThrow(runPageQuery, req.query, 'query');
      const body: WorkflowRunPage = await runs.listPage(
        namespace,
        component,
        query,
      );
      res.json(body);
    },
  );

  router.post(
    '/components/:namespace/:component/workflow-runs',
    async (req, res) => {
      const { namespace, component, credentials } =
        await access.authorizeComponent(
          req,
          openchoreoWorkflowRunCreatePermission,
        );
      const idempotencyKey = req.header('Idempotency-Key');
      if (
        idempotencyKey !== undefined &&
        !IDEMPOTENCY_KEY.test(idempotencyKey)
      ) {
        throw new InputError(
          'Invalid Idempotency-Key header: use 1 to 255 visible ASCII characters, e.g. a UUID',
        );
      }
      const body: TriggerWorkflowRunResponse = await trigger.trigger(
        namespace,
        component,
        {
          userEntityRef: credentials.principal.userEntityRef,
          idempotencyKey,
        },
      );
      if (body.replayed) {
        res.setHeader('Idempotent-Replayed', 'true');
      }
      res.status(201).json(body);
    },
  );

  router.get('/workflow-runs/:namespace/:run', async (req, res) => {
    const { namespace, run } = await authorizeRun(req);
    const body: WorkflowRunDetails = await runs.getDetails(namespace, run);
    res.json(body);
  });

  router.get('/workflow-runs/:namespace/:run/logs', async (req, res) => {
    const query = parseOrThrow(logsQuery, req.query, 'query');
    const { namespace, run } = await authorizeRun(req);
    const body: WorkflowRunLogsResponse = await runs.getLogs(
      namespace,
      run,
      query,
    );
    res.json(body);
  });

  router.get('/workflow-runs/:namespace/:run/events', async (req, res) => {
    const query = parseOrThrow(eventsQuery, req.query, 'query');
    const { namespace, run } = await authorizeRun(req);
    const body: WorkflowRunEventsResponse = await runs.getEvents(
      namespace,
      run,
      query,
    );
    res.json(body);
  });

  return router;
}
