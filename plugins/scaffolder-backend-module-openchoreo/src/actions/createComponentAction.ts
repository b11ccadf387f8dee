import { InputError, NotAllowedError } from '@backstage/errors';
import type {
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { EventsService } from '@backstage/plugin-events-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { apiV1Url, normalizeBaseUrl } from '@openchoreo-ci/openchoreo-client';
import {
  BUILT_IN_CI_DISABLED_MESSAGE,
  createComponentInputSchema,
  OPENCHOREO_COMPONENT_CHANGED_TOPIC,
  OPENCHOREO_USER_TOKEN_SECRET,
  openchoreoComponentCreatePermission,
  renderPipelineSnippet,
  type OpenChoreoComponentChangedEvent,
} from '@openchoreo-ci/plugin-openchoreo-common';
import {
  createOpenChoreoRequestAccess,
  signInRequiredError,
  type OpenChoreoClientService,
} from '@openchoreo-ci/plugin-openchoreo-node';
import { z } from 'zod/v3';
import { ComponentPlanner } from '../service/ComponentPlanner';
import { examples } from './createComponentAction.examples';

/** The scaffolder action id. */
export const CREATE_COMPONENT_ACTION_ID = 'openchoreo:component:create';

/** Options of {@link createComponentAction}. */
export interface CreateComponentActionOptions {
  /** The shared OpenChoreo client service; its token URL is handed to External CI pipelines. */
  openchoreo: OpenChoreoClientService;
  events: EventsService;
  permissions: PermissionsService;
  /** Receives the failed request's URL when OpenChoreo is unavailable or refuses the portal. */
  logger: LoggerService;
  /**
   * `openchoreo.auth.userTokens`: create the component with the access token of the user who
   * runs the template (task secret `OPENCHOREO_USER_TOKEN`, put there by the wizard's
   * `OpenChoreoUserToken` field), so OpenChoreo's authorization decides. Default false: the
   * service account.
   */
  userTokens?: boolean;
  /**
   * `openchoreo.features.workflows.enabled`: false refuses a built-in CI workflow source before
   * anything is written (External CI only). Default true.
   */
  builtInCi?: boolean;
  /**
   * Waits until the catalog serves the new entity (false on timeout), so the template's
   * "Open the component" link works at once. Without it the action does not wait.
   */
  waitForEntity?: (entityRef: string) => Promise<boolean>;
  /**
   * Where GitOps pipelines download the bundled publisher: the portal's
   * `<backend.baseUrl>/api/openchoreo/tools/openchoreo-publish-workload.cjs`. Without it the
   * GitOps step reads `OPENCHOREO_PUBLISHER_URL` from the CI's settings.
   */
  publisherUrl?: string;
}

/**
 * `openchoreo:component:create`: creates an OpenChoreo Component built by a built-in CI
 * workflow or by an External CI, after checking everything upstream.
 * @public
 */
export function createComponentAction(options: CreateComponentActionOptions) {
  // The user's token from the task secrets (never logged: task logs redact secrets), or the
  // service account; upstream failures say what was refused and what to do, as in the routes.
  const accessFor = createOpenChoreoRequestAccess({
    openchoreo: options.openchoreo,
    logger: options.logger,
    userTokens: options.userTokens ?? false,
  });
  const apiRoot = normalizeBaseUrl(options.openchoreo.baseUrl);

  return createTemplateAction({
    id: CREATE_COMPONENT_ACTION_ID,
    description:
      'Creates an OpenChoreo component built by a built-in CI workflow or by an External CI ' +
      '(Jenkins, GitHub Actions, GitLab CI), and adds it to the catalog at once.',
    examples,
    supportsDryRun: true,
    schema: {
      input: createComponentInputSchema,
      output: {
        entityRef: zImpl =>
          zImpl.string().describe('Catalog entity ref, component:<ns>/<name>'),
        componentUrl: zImpl =>
          zImpl.string().describe('Portal path of the component'),
        pipeline: zImpl =>
          zImpl
            .object({
              platform: zImpl.string(),
              identifier: zImpl.string().optional(),
              namespace: zImpl.string(),
              project: zImpl.string(),
              component: zImpl.string(),
              apiUrl: zImpl.string(),
              workloadUrl: zImpl.string(),
              tokenUrl: zImpl.string(),
              snippet: zImpl
                .object({
                  language: zImpl.string(),
                  instructions: zImpl.string(),
                  text: zImpl.string(),
                })
                .describe(
                  "The pipeline step that publishes the Workload, from the common renderPipelineSnippet (runs as printed; the wizard's last page shows it)",
                ),
              gitopsSnippet: zImpl
                .object({
                  language: zImpl.string(),
                  instructions: zImpl.string(),
                  text: zImpl.string(),
                })
                .describe(
                  "GitOps mode: the release step (the bundled publisher opens a release pull/merge request in the GitOps repository), from renderPipelineSnippet with mode gitops; the wizard's last page shows it when GitOps is chosen",
                ),
              publisherUrl: zImpl
                .string()
                .optional()
                .describe(
                  'Where GitOps pipelines download the bundled publisher',
                ),
            })
            .optional()
            .describe(
              'External CI only: what a pipeline needs to publish a Workload',
            ),
      },
    },
    async handler(ctx) {
      const parsed = createComponentInputSchema(z).safeParse(ctx.input);
      if (!parsed.success) {
        throw new InputError(
          `Invalid input: ${parsed.error.issues
            .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
            .join('; ')}`,
        );
      }
      const input = parsed.data;
      if (input.source.type === 'workflow' && options.builtInCi === false) {
        throw new NotAllowedError(
          `${BUILT_IN_CI_DISABLED_MESSAGE}. Nothing was written: choose External CI as the deployment source.`,
        );
      }
      const userToken = ctx.secrets?.[OPENCHOREO_USER_TOKEN_SECRET];
      if (options.userTokens && !userToken?.trim()) {
        throw signInRequiredError(
          `Creating the component in OpenChoreo needs your OpenChoreo sign-in, but this task carried none (task secret ${OPENCHOREO_USER_TOKEN_SECRET}). Sign in with OpenChoreo and run the template again; its form needs the OpenChoreoUserToken field.`,
        );
      }
      const { client, call } = accessFor(userToken);
      const planner = new ComponentPlanner(client);

      const credentials = await ctx.getInitiatorCredentials();
      const [decision] = await options.permissions.authorize(
        [{ permission: openchoreoComponentCreatePermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `You are not allowed to create OpenChoreo components ` +
            `(permission ${openchoreoComponentCreatePermission.name}); ask a platform engineer for access.`,
        );
      }

      const request = input;
      const { namespace, name } = request;
      const action = `create component "${namespace}/${name}"`;
      const plan = await call(action, () => planner.plan(request));

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: component "${namespace}/${name}" is valid and would be ${
            plan.existing ? 'kept (already exists)' : 'created'
          }; nothing was written.`,
        );
      } else if (plan.existing) {
        ctx.logger.info(
          `Component "${namespace}/${name}" already exists as requested; not writing it again.`,
        );
      } else {
        await ctx.checkpoint({
          key: `openchoreo.component.create.${namespace}.${name}`,
          fn: async () => {
            await call(action, () =>
              client.components.create(namespace, plan.component),
            );
          },
        });
        ctx.logger.info(`Created component "${namespace}/${name}".`);
      }

      if (!ctx.isDryRun) {
        await options.events.publish({
          topic: OPENCHOREO_COMPONENT_CHANGED_TOPIC,
          eventPayload: {
            namespace,
            component: name,
          } satisfies OpenChoreoComponentChangedEvent,
        });
        const entityRef = `component:${namespace}/${name}`;
        if (
          options.waitForEntity &&
          !(await options.waitForEntity(entityRef))
        ) {
          ctx.logger.warn(
            `${entityRef} is not in the catalog yet; its page appears once the catalog has processed it.`,
          );
        }
      }

      ctx.output('entityRef', `component:${namespace}/${name}`);
      ctx.output('componentUrl', `/catalog/${namespace}/component/${name}`);
      if (request.source.type === 'external-ci') {
        // The URLs stay in the CI's settings: the portal's API URL may be cluster-internal.
        const platform =
          request.source.platform === 'none'
            ? 'shell'
            : request.source.platform;
        const target = { namespace, project: request.project, component: name };
        const snippet = renderPipelineSnippet(platform, target);
        const gitopsSnippet = renderPipelineSnippet(
          platform,
          { ...target, publisherUrl: options.publisherUrl },
          { mode: 'gitops' },
        );
        ctx.output('pipeline', {
          platform: request.source.platform,
          ...(request.source.identifier
            ? { identifier: request.source.identifier }
            : {}),
          namespace,
          project: request.project,
          component: name,
          apiUrl: apiRoot,
          workloadUrl: apiV1Url(apiRoot, `/namespaces/${namespace}/workloads`),
          tokenUrl: options.openchoreo.tokenUrl,
          snippet: {
            language: snippet.language,
            instructions: snippet.instructions,
            text: snippet.text,
          },
          gitopsSnippet: {
            language: gitopsSnippet.language,
            instructions: gitopsSnippet.instructions,
            text: gitopsSnippet.text,
          },
          ...(options.publisherUrl
            ? { publisherUrl: options.publisherUrl }
            : {}),
        });
      }
    },
  });
}
