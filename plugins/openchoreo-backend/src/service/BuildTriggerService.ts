import { randomBytes } from 'node:crypto';
import { InputError } from '@backstage/errors';
import type { WorkflowRun } from '@openchoreo-ci/openchoreo-client';
import {
  OPENCHOREO_COMPONENT_LABEL,
  OPENCHOREO_PROJECT_LABEL,
  toWorkflowRef,
  type TriggerWorkflowRunResponse,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { ComponentsService } from './ComponentsService';
import type { OpenChoreoServiceContext } from './context';
import type { IdempotencyStore } from './idempotency';
import { toWorkflowRunSummary } from './mappers';
import type { WorkflowRunsService } from './WorkflowRunsService';

/** Who starts the build and, optionally, the client's `Idempotency-Key`. */
export interface TriggerBuildOptions {
  userEntityRef: string;
  idempotencyKey?: string;
}

/**
 * Starts builds. OpenChoreo has no trigger endpoint: a build is a new WorkflowRun named
 * `<component>-run-<8 hex>`, labelled with project and component, running the component's
 * own workflow (the controller rejects any other).
 */
export class BuildTriggerService {
  constructor(
    private readonly ctx: OpenChoreoServiceContext,
    private readonly components: ComponentsService,
    private readonly runs: WorkflowRunsService,
    private readonly idempotency: IdempotencyStore,
  ) {}

  /** Starts a build, or returns the earlier result for a repeated `Idempotency-Key`. */
  async trigger(
    namespace: string,
    component: string,
    options: TriggerBuildOptions,
  ): Promise<TriggerWorkflowRunResponse> {
    const start = () => this.createRun(namespace, component);
    if (!options.idempotencyKey) {
      return { run: await start(), replayed: false };
    }
    const key = JSON.stringify([
      options.userEntityRef,
      namespace,
      component,
      options.idempotencyKey,
    ]);
    const { value, replayed } = await this.idempotency.run(key, start);
    return { run: value, replayed };
  }

  private async createRun(namespace: string, component: string) {
    const target = await this.components.getComponentFresh(
      namespace,
      component,
    );
    const workflow = target.spec?.workflow;
    if (!workflow) {
      throw new InputError(
        `Component "${namespace}/${component}" has no OpenChoreo workflow: it is built by an External CI, so start its builds there`,
      );
    }
    const run: WorkflowRun = {
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'WorkflowRun',
      metadata: {
        name: `${component}-run-${randomBytes(4).toString('hex')}`,
        namespace,
        labels: {
          [OPENCHOREO_PROJECT_LABEL]: target.spec?.owner.projectName ?? '',
          [OPENCHOREO_COMPONENT_LABEL]: component,
        },
      },
      spec: {
        workflow: {
          ...toWorkflowRef(workflow),
          ...(workflow.parameters ? { parameters: workflow.parameters } : {}),
        },
      },
    };
    const created = await this.ctx.call(
      `start a build of component "${namespace}/${component}"`,
      () => this.ctx.client.workflowRuns.create(namespace, run),
    );
    this.runs.forgetComponentRuns(namespace, component);
    return toWorkflowRunSummary(namespace, created);
  }
}
