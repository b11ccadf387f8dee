import { Router } from 'express';
import type { ResourceObject, ResourceStore } from '../store';
import type { RunObservability } from '../simulation/types';
import { ApiError, asyncHandler, notFound } from '../errors';
import { queryInteger, queryString } from '../pagination';
import { summarizeWorkflowRun } from '../workflowRunStatus';
import {
  checkEnum,
  checkImmutable,
  field,
  requiredString,
} from '../validation';
import { createResourceRoutes, getAuthorizedOrThrow } from './resourceRoutes';
import { workflowRunHierarchy } from '../authz/hierarchies';

const RUN = {
  kind: 'WorkflowRun',
  label: 'WorkflowRun',
  authzType: 'workflowrun',
  hierarchy: workflowRunHierarchy,
} as const;
const BASE = '/api/v1/namespaces/:namespaceName/workflowruns/:name';

/** The (cluster) workflow a run names, if it still exists. */
function workflowOf(store: ResourceStore, run: ResourceObject) {
  const ref = (run.spec?.workflow ?? {}) as { kind?: string; name?: string };
  if (!ref.name) return undefined;
  return ref.kind === 'Workflow'
    ? store.get('Workflow', run.metadata.namespace, ref.name)
    : store.get('ClusterWorkflow', undefined, ref.name);
}

/** CRD validation and defaulting of `spec.workflow`; the referenced workflow must exist (404). */
function prepareRun(store: ResourceStore, run: ResourceObject) {
  const spec = (run.spec ??= {});
  const name = requiredString(spec, ['workflow', 'name']);
  const workflow = spec.workflow as Record<string, unknown>;
  workflow.kind ??= 'ClusterWorkflow';
  checkEnum(
    workflow.kind,
    ['Workflow', 'ClusterWorkflow'],
    'spec.workflow.kind',
  );
  const kind = workflow.kind as 'Workflow' | 'ClusterWorkflow';
  if (!store.get(kind, run.metadata.namespace, name)) throw notFound(kind);
}

/**
 * WorkflowRuns: list (`?workflow=`, `labelSelector`), create (a duplicate name is a 500, as on the
 * real server), get, replace, delete, plus `/status`, `/logs` and `/events`.
 */
export function workflowRunRoutes(
  store: ResourceStore,
  observability?: RunObservability,
): Router {
  const router = Router();
  // Like the real server: live logs need the run's workflow (to find its workflow plane) and
  // its pods, which the workflow plane collects some time after the run completes.
  const isGone = (run: ResourceObject) =>
    !workflowOf(store, run) ||
    (observability?.isCollected?.(
      run.metadata.namespace ?? '',
      run.metadata.name,
    ) ??
      false);
  const isLive = (run: ResourceObject) =>
    !isGone(run) &&
    observability?.logs(run.metadata.namespace ?? '', run.metadata.name, {}) !==
      undefined;

  router.get(
    `${BASE}/status`,
    asyncHandler((req, res) => {
      const { namespaceName, name } = req.params;
      const run = getAuthorizedOrThrow(store, res, RUN, namespaceName, name);
      res.json(summarizeWorkflowRun(run, isLive(run)));
    }),
  );

  router.get(
    `${BASE}/logs`,
    asyncHandler((req, res) => {
      const { namespaceName, name } = req.params;
      const task = queryString(req.query, 'task');
      const sinceSeconds = queryInteger(req.query, 'sinceSeconds');
      if (sinceSeconds !== undefined && sinceSeconds < 0) {
        throw new ApiError('BAD_REQUEST', 'sinceSeconds must be zero or more');
      }
      const run = getAuthorizedOrThrow(store, res, RUN, namespaceName, name);
      if (isGone(run)) {
        throw new ApiError('INTERNAL_ERROR', 'Failed to get workflow run logs');
      }
      const logs = observability?.logs(namespaceName, name, {
        task,
        sinceSeconds,
      });
      if (!logs) {
        throw new ApiError(
          'NOT_FOUND',
          'Workflow run logs not found: the run has not started',
        );
      }
      res.json(logs);
    }),
  );

  router.get(
    `${BASE}/events`,
    asyncHandler((req, res) => {
      const { namespaceName, name } = req.params;
      const task = queryString(req.query, 'task');
      const run = getAuthorizedOrThrow(store, res, RUN, namespaceName, name);
      if (isGone(run)) {
        throw new ApiError(
          'INTERNAL_ERROR',
          'Failed to get workflow run events',
        );
      }
      const events = observability?.events(namespaceName, name, { task });
      if (!events) {
        throw new ApiError(
          'NOT_FOUND',
          'Workflow run events not found: the run has not started',
        );
      }
      res.json(events);
    }),
  );

  router.use(
    createResourceRoutes(store, {
      ...RUN,
      plural: 'workflowruns',
      operations: ['list', 'create', 'get', 'replace', 'delete'],
      listFilter: query => {
        const workflow = queryString(query, 'workflow');
        return r => !workflow || field(r.spec, 'workflow', 'name') === workflow;
      },
      prepareCreate: run => prepareRun(store, run),
      prepareReplace: (next, existing) => {
        prepareRun(store, next);
        checkImmutable('WorkflowRun', existing.spec, next.spec, [
          'workflow',
          'kind',
        ]);
        checkImmutable('WorkflowRun', existing.spec, next.spec, [
          'workflow',
          'name',
        ]);
        return { ...next, status: existing.status };
      },
      duplicateError: () =>
        new ApiError('INTERNAL_ERROR', 'Internal server error'),
    }),
  );
  return router;
}
