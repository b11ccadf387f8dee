import { ConflictError, InputError } from '@backstage/errors';
import type { Component, WorkflowRun } from '@openchoreo-ci/openchoreo-client';
import {
  BRANCH_NAME_RULE,
  COMMIT_SHA_RULE,
  formatWorkflowRef,
  isBranchName,
  isCommitSha,
  setAtPath,
  toWorkflowRef,
  validateWorkflowParameters,
  type BuildOptionsResponse,
  type CancelWorkflowRunResponse,
  type TriggerWorkflowRunRequest,
  type TriggerWorkflowRunResponse,
  type WorkflowRef,
  type WorkflowRunTrigger,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type {
  BuildCustomizer,
  BuildTriggerService,
  TriggerBuildOptions,
} from './BuildTriggerService';
import type { ComponentsService } from './ComponentsService';
import type { OpenChoreoServiceContext } from './context';
import { isUnfinished, triggerAnnotations } from './runMappers';
import type { WorkflowFactsService } from './WorkflowFactsService';
import { componentOf, type WorkflowRunsService } from './WorkflowRunsService';

/** Checks the caller's permission on the component a run builds; throws when refused. */
export type AuthorizeComponent = (component: string) => Promise<void>;

/**
 * What users do with builds besides reading them: Build now, Build with options (a branch or
 * commit and parameters for one run, validated against the workflow's schema before anything is
 * sent), Re-run (exactly the parameters and commit of a past run) and Cancel (OpenChoreo has no
 * cancel endpoint: deleting the run stops it). Every build goes through the
 * {@link BuildTriggerService}, which records who started it.
 */
export class RunActionsService {
  constructor(
    private readonly ctx: OpenChoreoServiceContext,
    private readonly components: ComponentsService,
    private readonly runs: WorkflowRunsService,
    private readonly trigger: BuildTriggerService,
    private readonly workflows: WorkflowFactsService,
  ) {}

  /** Build now, or Build with options when `request` has any option. */
  async build(
    namespace: string,
    component: string,
    request: TriggerWorkflowRunRequest,
    options: TriggerBuildOptions,
  ): Promise<TriggerWorkflowRunResponse> {
    const custom = hasOptions(request);
    if (custom) checkOptions(request);
    const trigger: WorkflowRunTrigger = {
      kind: custom ? 'options' : 'build',
      user: options.userEntityRef,
    };
    const customize: BuildCustomizer = custom
      ? target => this.withOptions(namespace, target, request, trigger)
      : () => ({ annotations: triggerAnnotations(trigger) });
    return this.start(namespace, component, options, customize);
  }

  /** What "Build with options" starts from: the workflow, its schema and the component's parameters. */
  async buildOptions(
    namespace: string,
    component: string,
  ): Promise<BuildOptionsResponse> {
    const target = await this.components.getComponent(namespace, component);
    const ref = workflowOf(namespace, target);
    const facts = await this.workflows.get(namespace, ref);
    if (!facts.exists || !facts.schema) {
      throw workflowGone(ref, 'start a build with options');
    }
    return {
      workflow: ref,
      schema: facts.schema,
      parameters: target.spec?.workflow?.parameters ?? {},
      repositoryPaths: facts.paths,
      ...(facts.ttlAfterCompletion
        ? { ttlAfterCompletion: facts.ttlAfterCompletion }
        : {}),
    };
  }

  /**
   * Starts a new build with exactly the workflow, parameters and commit of run `name`. When the
   * run did not pin a commit, the commit it built (its image tag) is pinned; when that is unknown
   * too, the notice says the branch's latest commit is built.
   */
  async rerun(
    namespace: string,
    name: string,
    options: TriggerBuildOptions,
    authorize: AuthorizeComponent,
  ): Promise<TriggerWorkflowRunResponse> {
    const run = await this.runs.getRunFresh(namespace, name);
    const component = componentOf(namespace, run);
    await authorize(component);
    const ref = run.spec?.workflow && toWorkflowRef(run.spec.workflow);
    if (!ref) {
      throw new ConflictError(
        `Build "${namespace}/${name}" names no workflow, so it cannot be re-run. Nothing was started.`,
      );
    }
    const facts = await this.workflows.get(namespace, ref);
    if (!facts.exists) throw workflowGone(ref, `re-run build "${name}"`);

    const summary = this.runs.summarize(namespace, run);
    let parameters = structuredClone(run.spec?.workflow?.parameters ?? {});
    let notice: string | undefined;
    if (!summary.commitPinned && summary.commit && facts.paths.commit) {
      parameters = setAtPath(parameters, facts.paths.commit, summary.commit);
    } else if (!summary.commit) {
      notice = `Build ${name} did not record which commit it built, so the re-run builds the latest commit of ${
        summary.branch ? `branch ${summary.branch}` : 'its branch'
      }.`;
    }
    const trigger: WorkflowRunTrigger = {
      kind: 'rerun',
      user: options.userEntityRef,
      rerunOf: name,
    };
    const started = await this.start(namespace, component, options, target => {
      const current = workflowOf(namespace, target);
      if (formatWorkflowRef(current) !== formatWorkflowRef(ref)) {
        throw new ConflictError(
          `Build ${name} ran ${formatWorkflowRef(
            ref,
          )}, but component "${namespace}/${component}" now builds with ${formatWorkflowRef(
            current,
          )}; OpenChoreo would refuse the re-run. Nothing was started: use Build now or Build with options instead.`,
        );
      }
      return { parameters, annotations: triggerAnnotations(trigger) };
    });
    return notice ? { ...started, notice } : started;
  }

  /**
   * Cancels a pending or running build by deleting its run (OpenChoreo has no cancel endpoint;
   * deleting a WorkflowRun stops it and removes what it created on the workflow plane).
   */
  async cancel(
    namespace: string,
    name: string,
    authorize: AuthorizeComponent,
  ): Promise<CancelWorkflowRunResponse> {
    const run: WorkflowRun = await this.runs.getRunFresh(namespace, name);
    const component = componentOf(namespace, run);
    await authorize(component);
    const summary = this.runs.summarize(namespace, run);
    if (!isUnfinished(summary)) {
      throw new ConflictError(
        `Build ${name} has already finished (${summary.status}); only a pending or running build can be cancelled. Nothing was deleted.`,
      );
    }
    await this.ctx.call(`cancel (delete) build "${namespace}/${name}"`, () =>
      this.ctx.client.workflowRuns.delete(namespace, name),
    );
    await this.runs.recordDeleted(namespace, component, name);
    return {
      run: summary,
      message: `Build ${name} was cancelled: OpenChoreo stopped it by deleting its run, so it no longer appears in the build history.`,
    };
  }

  private async start(
    namespace: string,
    component: string,
    options: TriggerBuildOptions,
    customize: BuildCustomizer,
  ): Promise<TriggerWorkflowRunResponse> {
    const started = await this.trigger.trigger(
      namespace,
      component,
      options,
      customize,
    );
    await this.runs.recordStarted(namespace, started.run);
    return started;
  }

  /** The parameters of a build with options: overrides placed, validated against the schema. */
  private async withOptions(
    namespace: string,
    target: Component,
    request: TriggerWorkflowRunRequest,
    trigger: WorkflowRunTrigger,
  ) {
    const ref = workflowOf(namespace, target);
    const facts = await this.workflows.get(namespace, ref);
    if (!facts.exists || !facts.schema) {
      throw workflowGone(ref, 'start a build with options');
    }
    let parameters = structuredClone(
      request.parameters ?? target.spec?.workflow?.parameters ?? {},
    );
    for (const field of ['branch', 'commit'] as const) {
      const value = request[field];
      if (value === undefined || value === '') continue;
      const path = facts.paths[field];
      if (!path) {
        throw new InputError(
          `Workflow ${formatWorkflowRef(
            ref,
          )} has no repository ${field} parameter, so a ${field} cannot be chosen. Nothing was started.`,
        );
      }
      parameters = setAtPath(parameters, path, value);
    }
    const validated = validateWorkflowParameters(facts.schema, parameters);
    if (!validated.ok) {
      throw new InputError(
        `The parameters do not fit workflow ${formatWorkflowRef(
          ref,
        )}: ${validated.errors.join('; ')}. Nothing was started.`,
      );
    }
    return {
      parameters: validated.parameters,
      annotations: triggerAnnotations(trigger),
    };
  }
}

function hasOptions(request: TriggerWorkflowRunRequest): boolean {
  return (
    !!request.commit || !!request.branch || request.parameters !== undefined
  );
}

function checkOptions(request: TriggerWorkflowRunRequest) {
  if (request.commit && !isCommitSha(request.commit)) {
    throw new InputError(
      `Invalid commit "${request.commit.slice(
        0,
        100,
      )}": must be ${COMMIT_SHA_RULE}. Nothing was started.`,
    );
  }
  if (request.branch && !isBranchName(request.branch)) {
    throw new InputError(
      `Invalid branch "${request.branch.slice(
        0,
        100,
      )}": must be ${BRANCH_NAME_RULE}. Nothing was started.`,
    );
  }
}

function workflowOf(namespace: string, component: Component): WorkflowRef {
  const workflow = component.spec?.workflow;
  if (!workflow) {
    throw new InputError(
      `Component "${namespace}/${component.metadata.name}" has no OpenChoreo workflow: it is built by an External CI, so start its builds there`,
    );
  }
  return toWorkflowRef(workflow);
}

function workflowGone(ref: WorkflowRef, what: string): ConflictError {
  return new ConflictError(
    `Cannot ${what}: workflow ${formatWorkflowRef(
      ref,
    )} no longer exists. Nothing was started. Ask a platform engineer to restore it, or switch the component to an existing workflow.`,
  );
}
