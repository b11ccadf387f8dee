import { randomBytes } from 'node:crypto';
import type { Devstack } from '@openchoreo-ci/openchoreo-devstack';

/** The devstack's run annotation that holds a simulated build in the named step. */
const HOLD_AT_TASK_ANNOTATION = 'devstack.openchoreo.dev/hold-at-task';

/** The devstack's store (the API's state), for arranging runs the way OpenChoreo would hold them. */
type Store = Devstack['api']['store'];

/** Copies the seeded `greeting-service` (built by `dockerfile-builder`) as a fresh component. */
export function cloneGreetingService(store: Store, name: string): void {
  const source = store.get('Component', 'default', 'greeting-service')!;
  store.create({
    ...source,
    metadata: {
      name,
      namespace: 'default',
      labels: source.metadata.labels,
      annotations: {},
    },
  });
}

/** Copies the seeded `dockerfile-builder` cluster workflow under another name (to delete it later). */
export function cloneWorkflow(store: Store, name: string): void {
  const source = store.get('ClusterWorkflow', undefined, 'dockerfile-builder')!;
  store.create({ ...source, metadata: { name } });
}

/**
 * Stores a new run of `component` that the devstack's simulated controller holds in its
 * `build-image` step (for an hour of simulated time), so a test can act on a build that is surely
 * still running however slow the machine is. Returns its name.
 */
export function heldRun(store: Store, component: string): string {
  const name = `${component}-run-${randomBytes(4).toString('hex')}`;
  const source = store.get('Component', 'default', component)!;
  store.create({
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind: 'WorkflowRun',
    metadata: {
      name,
      namespace: 'default',
      labels: {
        'openchoreo.dev/project': 'demo-project',
        'openchoreo.dev/component': component,
      },
      annotations: { [HOLD_AT_TASK_ANNOTATION]: 'build-image' },
    },
    spec: {
      workflow: (source.spec as { workflow: unknown }).workflow,
      ttlAfterCompletion: '1d',
    },
  });
  return name;
}

/** Options of {@link finishedRun}. */
export interface FinishedRunOptions {
  createdAt: Date;
  /** The commit the run asked for ('' for the branch's latest). */
  commit?: string;
  /** The image it built (its tag names the commit), written as OpenChoreo's build step does. */
  image?: string;
  outcome?: 'WorkflowSucceeded' | 'WorkflowFailed';
  reason?: string;
  message?: string;
  /** False for a run rejected before any step ran. */
  stepsRan?: boolean;
  workflow?: string;
  /** Defaults to `<component>-run-<8 random hex>`, like OpenChoreo's own names. */
  name?: string;
}

/** Stores a completed run of `component`, as if OpenChoreo had run it. */
export function finishedRun(
  store: Store,
  component: string,
  options: FinishedRunOptions,
): string {
  const name =
    options.name ?? `${component}-run-${randomBytes(4).toString('hex')}`;
  const at = (seconds: number) =>
    new Date(options.createdAt.getTime() + seconds * 1000).toISOString();
  const outcome = options.outcome ?? 'WorkflowSucceeded';
  const stepsRan = options.stepsRan ?? true;
  store.create({
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind: 'WorkflowRun',
    metadata: {
      name,
      namespace: 'default',
      creationTimestamp: options.createdAt.toISOString(),
      labels: {
        'openchoreo.dev/project': 'demo-project',
        'openchoreo.dev/component': component,
      },
      annotations: options.image
        ? {
            'openchoreo.dev/workload': JSON.stringify({
              spec: { container: { image: options.image } },
            }),
          }
        : {},
    },
    spec: {
      workflow: {
        kind: 'ClusterWorkflow',
        name: options.workflow ?? 'dockerfile-builder',
        parameters: {
          repository: {
            url: 'https://github.com/openchoreo/sample-workloads',
            secretRef: '',
            revision: { branch: 'main', commit: options.commit ?? '' },
            appPath: '/service-go-greeter',
          },
        },
      },
      ttlAfterCompletion: '1d',
    },
    status: {
      conditions: [
        {
          type: outcome,
          status: 'True',
          lastTransitionTime: at(40),
          reason: options.reason ?? outcome,
          message: options.message ?? 'Workflow has completed',
        },
        {
          type: 'WorkflowCompleted',
          status: 'True',
          lastTransitionTime: at(40),
          reason: 'WorkflowCompleted',
          message: 'Workflow has completed',
        },
      ],
      tasks: stepsRan
        ? [
            {
              name: 'checkout-source',
              phase: 'Succeeded',
              startedAt: at(1),
              completedAt: at(20),
            },
            {
              name: 'build-image',
              phase: outcome === 'WorkflowFailed' ? 'Failed' : 'Succeeded',
              startedAt: at(20),
              completedAt: at(40),
            },
          ]
        : [],
      startedAt: at(1),
      completedAt: at(40),
    },
  });
  return name;
}
