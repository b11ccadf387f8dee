import type {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthenticationError, stringifyError } from '@backstage/errors';
import type { AuthzDecision } from '@openchoreo-ci/openchoreo-client';
import {
  BUILT_IN_CI_DISABLED_MESSAGE,
  formatWorkflowRef,
  toWorkflowRef,
  openchoreoAnnotationsUpdatePermission,
  openchoreoWorkflowRunCancelPermission,
  openchoreoWorkflowRunCreatePermission,
  type ActionDecision,
  type ComponentActionsResponse,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ComponentsService } from './ComponentsService';
import { cacheKey, type OpenChoreoServiceContext } from './context';
import { componentEntityRef } from './entityRefs';
import type { WorkflowFactsService } from './WorkflowFactsService';

/** The portal actions on a component that the portal can check up front, and how. */
const ACTIONS = {
  build: {
    permission: openchoreoWorkflowRunCreatePermission,
    openchoreoAction: 'workflowrun:create',
    resourceType: 'workflowrun',
    refused: 'start builds',
  },
  cancel: {
    permission: openchoreoWorkflowRunCancelPermission,
    openchoreoAction: 'workflowrun:delete',
    resourceType: 'workflowrun',
    refused: 'cancel builds',
  },
  editAnnotations: {
    permission: openchoreoAnnotationsUpdatePermission,
    openchoreoAction: 'component:update',
    resourceType: 'component',
    refused: 'edit components',
  },
} as const;

type ActionName = keyof typeof ACTIONS;
const NAMES = Object.keys(ACTIONS) as ActionName[];

/**
 * Tells the frontend up front which component actions the user may take, so it can disable
 * Build now, Cancel build and Edit Annotations with the reason: the portal's permission policy first, then,
 * when the portal calls OpenChoreo as the user, OpenChoreo's own authorization
 * (`POST /api/v1/authz/evaluates`). When OpenChoreo cannot answer, the action stays enabled and
 * OpenChoreo decides when the user tries.
 */
export class ComponentActionsService {
  constructor(
    private readonly ctx: OpenChoreoServiceContext,
    private readonly components: ComponentsService,
    private readonly permissions: PermissionsService,
    private readonly logger: LoggerService,
    private readonly options: {
      builtInCi: boolean;
      /** Tells whether the component's workflow still exists (for Build with options). */
      workflows?: WorkflowFactsService;
    } = { builtInCi: true },
  ) {}

  /** What the user with `credentials` may do with component `namespace/name`. */
  async decide(
    namespace: string,
    name: string,
    credentials: BackstageCredentials,
  ): Promise<ComponentActionsResponse> {
    const entityRef = componentEntityRef(namespace, name);
    const [portal, openchoreo] = await Promise.all([
      this.portalDecisions(entityRef, credentials),
      this.openchoreoDecisions(namespace, name),
    ]);
    // External CI re-runs and rebuilds use the portal's own credentials: the same rule as
    // starting a build, whether or not built-in CI is on, but closed when OpenChoreo cannot
    // decide (OpenChoreo does not decide again on use: the portal's token does the work).
    const externalCiBuild = portal.build.allowed
      ? this.closedWhenUndecided(openchoreo.build, namespace, name)
      : portal.build;
    if (!this.options.builtInCi) {
      // Built-in CI is off for everyone: no build can start, whatever the permissions say.
      portal.build = {
        allowed: false,
        decidedBy: 'portal',
        reason: `${BUILT_IN_CI_DISABLED_MESSAGE}. The build history stays readable; builds run in the component's External CI.`,
      };
    }
    const build = portal.build.allowed ? openchoreo.build : portal.build;
    return {
      build,
      buildWithOptions: build.allowed
        ? (await this.workflowGone(namespace, name)) ?? build
        : build,
      cancel: portal.cancel.allowed ? openchoreo.cancel : portal.cancel,
      editAnnotations: portal.editAnnotations.allowed
        ? openchoreo.editAnnotations
        : portal.editAnnotations,
      externalCiBuild,
    };
  }

  /**
   * Build with options needs the component's workflow (its parameter schema): refused with the
   * reason when the workflow was deleted; `undefined` when it exists or the portal cannot tell
   * (then OpenChoreo decides when the user tries).
   */
  private async workflowGone(
    namespace: string,
    name: string,
  ): Promise<ActionDecision | undefined> {
    const workflows = this.options.workflows;
    if (!workflows) return undefined;
    try {
      const component = await this.components.getComponent(namespace, name);
      const workflow = component.spec?.workflow;
      if (!workflow) return undefined;
      const ref = toWorkflowRef(workflow);
      const facts = await workflows.get(namespace, ref);
      if (facts.exists) return undefined;
      return {
        allowed: false,
        decidedBy: 'openchoreo',
        reason: `Workflow ${formatWorkflowRef(
          ref,
        )} of this component no longer exists, so builds with options and re-runs cannot start. Ask a platform engineer to restore it, or switch the component to an existing workflow.`,
      };
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      this.logger.debug(
        `Could not tell whether the workflow of component "${namespace}/${name}" exists: ${stringifyError(
          error,
        )}`,
      );
      return undefined;
    }
  }

  /**
   * For actions the portal does with its own credentials: with user tokens, an answer OpenChoreo
   * did not give refuses. With the service account, the portal's permission policy decided.
   */
  private closedWhenUndecided(
    decision: ActionDecision,
    namespace: string,
    name: string,
  ): ActionDecision {
    if (this.ctx.caller !== 'user' || decision.decidedBy === 'openchoreo') {
      return decision.decidedBy
        ? decision
        : { ...decision, decidedBy: 'portal' };
    }
    return {
      allowed: false,
      decidedBy: 'openchoreo',
      reason: `OpenChoreo could not tell whether you may start builds of component "${namespace}/${name}", and the portal does this with its own credentials, so it refuses. Try again later; if it persists, ask a platform engineer to check that OpenChoreo answers POST /api/v1/authz/evaluates.`,
    };
  }

  private async portalDecisions(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Record<ActionName, ActionDecision>> {
    const decisions = await this.permissions.authorize(
      NAMES.map(action => ({
        permission: ACTIONS[action].permission,
        resourceRef: entityRef,
      })),
      { credentials },
    );
    return Object.fromEntries(
      NAMES.map((action, i) => {
        const { permission } = ACTIONS[action];
        const allowed = decisions[i].result === AuthorizeResult.ALLOW;
        const decision: ActionDecision = allowed
          ? { allowed, decidedBy: 'portal' }
          : {
              allowed,
              decidedBy: 'portal',
              reason: `The portal's permission policy does not allow you to ${ACTIONS[action].refused} of ${entityRef} (permission ${permission.name}). Ask a platform engineer for access.`,
            };
        return [action, decision];
      }),
    ) as Record<ActionName, ActionDecision>;
  }

  private async openchoreoDecisions(
    namespace: string,
    name: string,
  ): Promise<Record<ActionName, ActionDecision>> {
    const undecided = Object.fromEntries(
      NAMES.map(action => [action, { allowed: true }]),
    ) as Record<ActionName, ActionDecision>;
    if (this.ctx.caller !== 'user') {
      // The service account acts for everyone: OpenChoreo has nothing to say per user.
      return undecided;
    }
    const component = await this.components.getComponent(namespace, name);
    const hierarchy = {
      namespace,
      project: component.spec?.owner.projectName,
      component: name,
    };
    let answers: AuthzDecision[];
    try {
      answers = await this.ctx.cache.get(
        cacheKey('authz', namespace, name),
        () =>
          this.ctx.call(
            `check your OpenChoreo permissions on component "${namespace}/${name}"`,
            () =>
              this.ctx.client.authz.evaluate(
                NAMES.map(action => ({
                  action: ACTIONS[action].openchoreoAction,
                  resource: {
                    type: ACTIONS[action].resourceType,
                    hierarchy,
                  },
                })),
              ),
          ),
      );
    } catch (error) {
      if (error instanceof AuthenticationError) {
        throw error;
      }
      // Older OpenChoreo releases have no evaluate endpoint: let OpenChoreo decide on use.
      this.logger.debug(
        `OpenChoreo could not evaluate the user's permissions up front: ${stringifyError(
          error,
        )}`,
      );
      return undecided;
    }
    return Object.fromEntries(
      NAMES.map((action, i) => {
        const answer = answers[i];
        const decision: ActionDecision =
          answer?.decision === false
            ? {
                allowed: false,
                decidedBy: 'openchoreo',
                reason: `OpenChoreo does not allow you to ${
                  ACTIONS[action].refused
                } in namespace "${namespace}"${
                  answer.context?.reason ? ` (${answer.context.reason})` : ''
                }. Ask a platform engineer for access.`,
              }
            : { allowed: true, decidedBy: 'openchoreo' };
        return [action, decision];
      }),
    ) as Record<ActionName, ActionDecision>;
  }
}
