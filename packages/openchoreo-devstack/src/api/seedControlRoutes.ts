import { randomBytes } from 'node:crypto';
import express, { Router } from 'express';
import type { ResourceObject, ResourceStore } from './store';

import { API_CONTROL_PREFIX } from './routes/controlRoutes';

/** What the control needs from the WorkflowRun simulation. */
export interface ApiControlSimulation {
  /** See `WorkflowRunSimulator.appendLogs`. */
  appendLogs(
    namespace: string,
    run: string,
    task: string,
    count: number,
  ): boolean;
}

/** At most this many runs or log lines per control request. */
export const MAX_SEEDED = 200_000;

const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

class ControlError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function count(value: unknown, what: string): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 1 ||
    value > MAX_SEEDED
  ) {
    throw new ControlError(
      400,
      `"${what}" must be a whole number from 1 to ${MAX_SEEDED}`,
    );
  }
  return value;
}

/**
 * Test control of the API stand-in, for benchmarks at scale:
 *
 * - `POST /_devstack/namespaces/{ns}/components/{component}/runs` `{count, spacingSeconds?, from?}`
 *   stores `count` succeeded runs of the component, the newest now and each `spacingSeconds`
 *   (default 1) older than the next; the component is created first as a copy of `from`
 *   (default `greeting-service`) when it does not exist. Answers 201
 *   `{component, count, newest, oldest}`.
 * - `POST /_devstack/namespaces/{ns}/workflowruns/{run}/logs` `{task, count}` appends `count`
 *   lines to the log of step `task` of a started run. Answers 201 `{count}`; 404 when the run
 *   does not exist or has not started.
 */
export function apiSeedControlRoutes(
  store: ResourceStore,
  simulation?: ApiControlSimulation,
): Router {
  const router = Router();
  router.use(API_CONTROL_PREFIX, express.json({ limit: '64kb' }));

  router.post(
    `${API_CONTROL_PREFIX}/namespaces/:namespace/components/:component/runs`,
    (req, res) => {
      const { namespace, component } = req.params;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const runs = count(body.count, 'count');
      const spacing = body.spacingSeconds ?? 1;
      if (typeof spacing !== 'number' || !(spacing >= 0)) {
        throw new ControlError(400, '"spacingSeconds" must be 0 or more');
      }
      if (!NAME.test(component)) {
        throw new ControlError(400, `invalid component name "${component}"`);
      }
      const from =
        typeof body.from === 'string' ? body.from : 'greeting-service';
      let existing = store.get('Component', namespace, component);
      if (!existing) {
        const source = store.get('Component', namespace, from);
        if (!source) {
          throw new ControlError(
            404,
            `neither component "${namespace}/${component}" nor "${namespace}/${from}" (copied when the component is missing) exists`,
          );
        }
        existing = store.create({
          ...source,
          metadata: {
            name: component,
            namespace,
            labels: source.metadata.labels,
            annotations: {},
          },
          status: undefined,
        });
      }
      const project =
        existing.metadata.labels?.['openchoreo.dev/project'] ??
        (existing.spec?.owner as { projectName?: string } | undefined)
          ?.projectName ??
        '';
      const now = Date.now();
      const names: string[] = [];
      store.batch(() => {
        for (let i = 0; i < runs; i++) {
          const createdAt = new Date(now - (runs - 1 - i) * spacing * 1000);
          names.push(
            store.create(succeededRun(namespace, project, component, createdAt))
              .metadata.name,
          );
        }
      });
      res.status(201).json({
        component,
        count: runs,
        oldest: names[0],
        newest: names[names.length - 1],
      });
    },
  );

  router.post(
    `${API_CONTROL_PREFIX}/namespaces/:namespace/workflowruns/:run/logs`,
    (req, res) => {
      const { namespace, run } = req.params;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const lines = count(body.count, 'count');
      if (typeof body.task !== 'string' || !NAME.test(body.task)) {
        throw new ControlError(400, '"task" must be the name of a step');
      }
      if (!simulation?.appendLogs(namespace, run, body.task, lines)) {
        throw new ControlError(
          404,
          `workflow run "${namespace}/${run}" does not exist or has not started a step`,
        );
      }
      res.status(201).json({ count: lines });
    },
  );

  router.use(
    API_CONTROL_PREFIX,
    (
      error: unknown,
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (error instanceof ControlError) {
        res.status(error.status).json({ message: error.message });
        return;
      }
      next(error);
    },
  );
  return router;
}

/** A succeeded run of `component` as OpenChoreo keeps it, created at `createdAt`. */
function succeededRun(
  namespace: string,
  project: string,
  component: string,
  createdAt: Date,
): ResourceObject {
  const at = (seconds: number) =>
    new Date(createdAt.getTime() + seconds * 1000).toISOString();
  return {
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind: 'WorkflowRun',
    metadata: {
      name: `${component}-run-${randomBytes(4).toString('hex')}`,
      namespace,
      creationTimestamp: createdAt.toISOString(),
      labels: {
        'openchoreo.dev/project': project,
        'openchoreo.dev/component': component,
      },
    },
    spec: {
      workflow: {
        kind: 'ClusterWorkflow',
        name: 'dockerfile-builder',
        parameters: {
          repository: {
            url: 'https://github.com/openchoreo/sample-workloads',
            secretRef: '',
            revision: { branch: 'main', commit: '' },
            appPath: '/service-go-greeter',
          },
        },
      },
      ttlAfterCompletion: '1d',
    },
    status: {
      conditions: [
        {
          type: 'WorkflowSucceeded',
          status: 'True',
          lastTransitionTime: at(40),
          reason: 'WorkflowSucceeded',
          message: 'Workflow has completed',
        },
        {
          type: 'WorkflowCompleted',
          status: 'True',
          lastTransitionTime: at(40),
          reason: 'WorkflowCompleted',
          message: 'Workflow has completed',
        },
      ],
      tasks: [
        {
          name: 'checkout-source',
          phase: 'Succeeded',
          startedAt: at(1),
          completedAt: at(20),
        },
        {
          name: 'build-image',
          phase: 'Succeeded',
          startedAt: at(20),
          completedAt: at(40),
        },
      ],
      startedAt: at(1),
      completedAt: at(40),
    },
  };
}
