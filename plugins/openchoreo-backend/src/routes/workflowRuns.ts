import Router from 'express-promise-router';
import type express from 'express';
import { InputError } from '@backstage/errors';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  openchoreoWorkflowRunCancelPermission,
  openchoreoWorkflowRunCreatePermission,
  openchoreoWorkflowRunCreateWithOptionsPermission,
  openchoreoWorkflowRunReadPermission,
  type BuildOptionsResponse,
  type CancelWorkflowRunResponse,
  type TriggerWorkflowRunResponse,
  type WorkflowRunPage,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { TriggerBuildOptions } from '../service/BuildTriggerService';
import { componentEntityRef } from '../service/entityRefs';
import type { ArchivedLogsService } from '../service/observer/ArchivedLogsService';
import type { RunActionsService } from '../service/RunActionsService';
import type {
  Authorizable,
  WorkflowRunsService,
} from '../service/WorkflowRunsService';
import type { Access } from './access';
import {
  eventsQuery,
  logsQuery,
  parseOrThrow,
  runPageQuery,
  runParams,
  triggerBody,
} from './validation';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Build routes: list and start per component (Build now, Build with options); one run, its logs
 * and events; re-run and cancel. Single-run reads fetch the run and what was asked for in one
 * round trip, then check the permission on the run's component before answering.
 */
export function createWorkflowRunRoutes(options: {
  access: Access;
  runs: WorkflowRunsService;
  actions: RunActionsService;
  /** Reads logs and events from the observability plane once the live ones are gone. */
  archived?: ArchivedLogsService;
}): express.Router {
  const { access, runs, actions, archived } = options;
  const router = Router();

  /** Checks `permission` on the component the run builds, for the run named in the path. */
  const onRunComponent =
    (
      req: express.Request,
      namespace: string,
      permission: ResourcePermission<'catalog-entity'>,
    ) =>
    async (component: string) => {
      await access.authorize(
        req,
        permission,
        componentEntityRef(namespace, component),
      );
    };

  /** Sends a run read once the caller may read the run's component. */
  async function sendAuthorized<T>(
    req: express.Request,
    res: express.Response,
    namespace: string,
    read: Promise<Authorizable<T>>,
  ) {
    const { component, body } = await read;
    await onRunComponent(
      req,
      namespace,
      openchoreoWorkflowRunReadPermission,
    )(component);
    res.json(body);
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
      const request = parseOrThrow(triggerBody, req.body ?? {}, 'body');
      if (request.commit || request.branch || request.parameters) {
        await access.authorize(
          req,
          openchoreoWorkflowRunCreateWithOptionsPermission,
          componentEntityRef(namespace, component),
        );
      }
      const body: TriggerWorkflowRunResponse = await actions.build(
        namespace,
        component,
        request,
        triggerOptions(req, credentials.principal.userEntityRef),
      );
      if (body.replayed) {
        res.setHeader('Idempotent-Replayed', 'true');
      }
      res.status(201).json(body);
    },
  );

  router.get(
    '/components/:namespace/:component/build-options',
    async (req, res) => {
      const { namespace, component } = await access.authorizeComponent(
        req,
        openchoreoWorkflowRunCreateWithOptionsPermission,
      );
      const body: BuildOptionsResponse = await actions.buildOptions(
        namespace,
        component,
      );
      res.json(body);
    },
  );

  /** A single-run read: path checked, the read and the run in one round trip, then authorised. */
  const runRead =
    <T>(
      read: (
        namespace: string,
        run: string,
        req: express.Request,
      ) => Promise<Authorizable<T>>,
    ) =>
    async (req: express.Request, res: express.Response) => {
      const { namespace, run } = parseOrThrow(runParams, req.params, 'path');
      await access.user(req);
      await sendAuthorized(req, res, namespace, read(namespace, run, req));
    };

  router.get(
    '/workflow-runs/:namespace/:run',
    runRead((namespace, run) => runs.getDetails(namespace, run)),
  );
  router.get(
    '/workflow-runs/:namespace/:run/logs',
    runRead((namespace, run, req) => {
      const query = parseOrThrow(logsQuery, req.query, 'query');
      const live = runs.getLogs(namespace, run, query);
      return archived
        ? archived.withArchivedLogs(namespace, run, query, live)
        : live;
    }),
  );
  router.get(
    '/workflow-runs/:namespace/:run/events',
    runRead((namespace, run, req) => {
      const query = parseOrThrow(eventsQuery, req.query, 'query');
      const live = runs.getEvents(namespace, run, query);
      return archived
        ? archived.withArchivedEvents(namespace, run, query, live)
        : live;
    }),
  );

  router.post('/workflow-runs/:namespace/:run/rerun', async (req, res) => {
    const { namespace, run } = parseOrThrow(runParams, req.params, 'path');
    const credentials = await access.user(req);
    const body: TriggerWorkflowRunResponse = await actions.rerun(
      namespace,
      run,
      triggerOptions(req, credentials.principal.userEntityRef),
      onRunComponent(req, namespace, openchoreoWorkflowRunCreatePermission),
    );
    if (body.replayed) {
      res.setHeader('Idempotent-Replayed', 'true');
    }
    res.status(201).json(body);
  });

  router.delete('/workflow-runs/:namespace/:run', async (req, res) => {
    const { namespace, run } = parseOrThrow(runParams, req.params, 'path');
    await access.user(req);
    const body: CancelWorkflowRunResponse = await actions.cancel(
      namespace,
      run,
      onRunComponent(req, namespace, openchoreoWorkflowRunCancelPermission),
    );
    res.json(body);
  });

  return router;
}

/** Who starts the build and the request's `Idempotency-Key`, checked. */
function triggerOptions(
  req: express.Request,
  userEntityRef: string,
): TriggerBuildOptions {
  const idempotencyKey = req.header('Idempotency-Key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new InputError(
      'Invalid Idempotency-Key header: use 1 to 255 visible ASCII characters, e.g. a UUID',
    );
  }
  return { userEntityRef, idempotencyKey };
}
