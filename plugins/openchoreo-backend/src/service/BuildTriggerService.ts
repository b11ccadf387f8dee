import { createHash, randomBytes } from 'node:crypto';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { Component, WorkflowRun } from '@openchoreo-ci/openchoreo-client';
import {
  OPENCHOREO_COMPONENT_LABEL,
  OPENCHOREO_PROJECT_LABEL,
  toWorkflowRef,
  type TriggerWorkflowRunResponse,
  type WorkflowRunSummary,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { ComponentsService } from './ComponentsService';
import type { OpenChoreoServiceContext } from './context';
import type { IdempotencyStore, IdempotentOutcome } from './idempotency';
import { toWorkflowRunSummary } from './mappers';
import { isTransientFailure, retryTransientOnce } from './transientRetry';
import type { WorkflowRunsService } from './WorkflowRunsService';

/** Who starts the build and, optionally, the client's `Idempotency-Key`. */
export interface TriggerBuildOptions {
  userEntityRef: string;
  idempotencyKey?: string;
}

/** What one build changes from the component's own workflow run (re-run, build with options). */
export interface RunCustomization {
  /** Replaces the component's workflow parameters for this run. */
  parameters?: Record<string, unknown>;
  /** Annotations of the run, e.g. who started it. */
  annotations?: Record<string, string>;
}

/**
 * Decides a build's customization from the component as it is now (read fresh just before the
 * run is created); throwing refuses the build before anything is created.
 */
export type BuildCustomizer = (
  component: Component,
) => RunCustomization | Promise<RunCustomization>;

/**
 * The run name of a build started with an `Idempotency-Key`: `<component>-run-<8 hex>` where
 * the hex derives from user, namespace, component and key. A repeat of the request, from any
 * replica and however late, can therefore never create a second run upstream.
 */
export function runNameForKey(
  namespace: string,
  component: string,
  options: Required<TriggerBuildOptions>,
): string {
  const hash = createHash('sha256')
    .update(
      JSON.stringify([
        options.userEntityRef,
        namespace,
        component,
        options.idempotencyKey,
      ]),
    )
    .digest('hex');
  return `${component}-run-${hash.slice(0, 8)}`;
}

/**
 * Starts builds. OpenChoreo has no trigger endpoint: a build is a new WorkflowRun named
 * `<component>-run-<8 hex>`, labelled with project and component, running the component's
 * own workflow (the controller rejects any other). With an `Idempotency-Key` the name derives
 * from the key, and an upstream "already exists" (OpenChoreo answers 500), a lost answer or a
 * time-out becomes the replay of the run that exists under that name.
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
    customize?: BuildCustomizer,
  ): Promise<TriggerWorkflowRunResponse> {
    const { idempotencyKey } = options;
    if (!idempotencyKey) {
      const name = `${component}-run-${randomBytes(4).toString('hex')}`;
      return {
        run: await this.createRun(namespace, component, name, customize),
        replayed: false,
      };
    }
    const name = runNameForKey(namespace, component, {
      ...options,
      idempotencyKey,
    });
    const { value, replayed } = await this.idempotency.run(
      JSON.stringify([
        options.userEntityRef,
        namespace,
        component,
        idempotencyKey,
      ]),
      () => this.createOrReplay(namespace, component, name, customize),
    );
    return { run: value, replayed };
  }

  private async createOrReplay(
    namespace: string,
    component: string,
    name: string,
    customize?: BuildCustomizer,
  ): Promise<IdempotentOutcome<WorkflowRunSummary>> {
    try {
      const run = await this.createRun(namespace, component, name, customize);
      return { value: run, replayed: false };
    } catch (error) {
      // Unknown outcome (500 for a duplicate name, no answer, lost answer): the run may exist.
      if (!(isTransientFailure(error) || error instanceof ConflictError)) {
        throw error;
      }
      const existing = await this.findRun(namespace, name);
      if (!existing) {
        throw error;
      }
      if (
        existing.metadata.labels?.[OPENCHOREO_COMPONENT_LABEL] !== component
      ) {
        throw new ConflictError(
          `A build named "${namespace}/${name}" already exists for another component; start the build again with a new Idempotency-Key`,
        );
      }
      await this.runs.forgetComponentRuns(namespace, component);
      return {
        value: toWorkflowRunSummary(namespace, existing),
        replayed: true,
      };
    }
  }

  private async findRun(
    namespace: string,
    name: string,
  ): Promise<WorkflowRun | undefined> {
    try {
      return await retryTransientOnce(() =>
        this.ctx.call(`read build "${namespace}/${name}"`, () =>
          this.ctx.client.workflowRuns.get(namespace, name),
        ),
      );
    } catch (error) {
      if (error instanceof NotFoundError) {
        return undefined;
      }
      throw error;
    }
  }

  private async createRun(
    namespace: string,
    component: string,
    name: string,
    customize?: BuildCustomizer,
  ): Promise<WorkflowRunSummary> {
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
    const custom = (await customize?.(target)) ?? {};
    const parameters = custom.parameters ?? workflow.parameters;
    const run: WorkflowRun = {
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'WorkflowRun',
      metadata: {
        name,
        namespace,
        labels: {
          [OPENCHOREO_PROJECT_LABEL]: target.spec?.owner.projectName ?? '',
          [OPENCHOREO_COMPONENT_LABEL]: component,
        },
        ...(custom.annotations ? { annotations: custom.annotations } : {}),
      },
      spec: {
        workflow: {
          ...toWorkflowRef(workflow),
          ...(parameters ? { parameters } : {}),
        },
      },
    };
    const created = await this.ctx.call(
      `start a build of component "${namespace}/${component}"`,
      () => this.ctx.client.workflowRuns.create(namespace, run),
    );
    await this.runs.forgetComponentRuns(namespace, component);
    return toWorkflowRunSummary(namespace, created);
  }
}
