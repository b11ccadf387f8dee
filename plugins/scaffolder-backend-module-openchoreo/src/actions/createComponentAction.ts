import { InputError, NotAllowedError } from '@backstage/errors';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { EventsService } from '@backstage/plugin-events-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import type { OpenChoreoClient } from '@openchoreo-ci/openchoreo-client';
import {
  OPENCHOREO_COMPONENT_CHANGED_TOPIC,
  openchoreoComponentCreatePermission,
  type OpenChoreoComponentChangedEvent,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { z } from 'zod/v3';
import {
  ComponentPlanner,
  type ComponentRequest,
} from '../service/ComponentPlanner';
import { examples } from './createComponentAction.examples';

/** The scaffolder action id. */
export const CREATE_COMPONENT_ACTION_ID = 'openchoreo:component:create';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const COMPONENT_TYPE_NAME =
  /^(deployment|statefulset|cronjob|job|proxy)\/[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const dnsLabel = (zImpl: typeof z, what: string) =>
  zImpl
    .string()
    .max(63)
    .regex(DNS_LABEL, {
      message: `${what} must be lowercase letters, digits and "-" (a Kubernetes DNS label)`,
    })
    .describe(what);

/** The action's input schema (also used to re-check the input in the handler). */
export const createComponentInputSchema = (zImpl: typeof z) =>
  zImpl.object({
    namespace: dnsLabel(zImpl, 'OpenChoreo namespace'),
    project: dnsLabel(zImpl, 'Project that owns the component'),
    name: dnsLabel(zImpl, 'Component name'),
    displayName: zImpl.string().max(256).optional().describe('Display name'),
    description: zImpl.string().max(1024).optional().describe('Description'),
    componentType: zImpl
      .object({
        kind: zImpl.enum(['ComponentType', 'ClusterComponentType']),
        name: zImpl.string().regex(COMPONENT_TYPE_NAME, {
          message:
            'componentType.name must be "<workloadType>/<name>", e.g. "deployment/service"',
        }),
      })
      .describe('Component type: kind and "<workloadType>/<name>"'),
    source: zImpl
      .discriminatedUnion('type', [
        zImpl.object({
          type: zImpl.literal('workflow'),
          workflow: zImpl.object({
            kind: zImpl.enum(['Workflow', 'ClusterWorkflow']),
            name: dnsLabel(zImpl, 'Workflow name'),
          }),
          repository: zImpl
            .object({
              url: zImpl.string().min(1),
              branch: zImpl.string().optional(),
              commit: zImpl.string().optional(),
              appPath: zImpl.string().optional(),
              secretRef: zImpl.string().optional(),
            })
            .optional()
            .describe(
              'Placed where the schema marks x-openchoreo-component-parameter-repository-*',
            ),
          parameters: zImpl
            .record(zImpl.unknown())
            .optional()
            .describe("The workflow's other parameters"),
        }),
        zImpl.object({
          type: zImpl.literal('external-ci'),
          platform: zImpl.enum([
            'jenkins',
            'github-actions',
            'gitlab-ci',
            'none',
          ]),
          identifier: zImpl
            .string()
            .optional()
            .describe(
              'Jenkins job full name, GitHub owner/repo or GitLab group/project',
            ),
        }),
      ])
      .describe('Built-in CI workflow or External CI'),
  });

/** Options of {@link createComponentAction}. */
export interface CreateComponentActionOptions {
  client: OpenChoreoClient;
  events: EventsService;
  permissions: PermissionsService;
  /** The OpenChoreo API root (a trailing `/api/v1` is accepted). */
  baseUrl: string;
  /** The token endpoint External CI pipelines get their client-credentials token from. */
  tokenUrl: string;
  /**
   * Waits until the catalog serves the new entity (false on timeout), so the template's
   * "Open the component" link works at once. Without it the action does not wait.
   */
  waitForEntity?: (entityRef: string) => Promise<boolean>;
}

/**
 * `openchoreo:component:create`: creates an OpenChoreo Component built by a built-in CI
 * workflow or by an External CI, after checking everything upstream.
 * @public
 */
export function createComponentAction(options: CreateComponentActionOptions) {
  const planner = new ComponentPlanner(options.client);
  const apiRoot = options.baseUrl.replace(/\/+$/, '').replace(/\/api\/v1$/, '');

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

      const request: ComponentRequest = {
        ...input,
        source:
          input.source.type === 'workflow'
            ? {
                ...input.source,
                parameters: input.source.parameters as JsonObject | undefined,
              }
            : input.source,
      };
      const { namespace, name } = request;
      const plan = await planner.plan(request);

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
            await options.client.components.create(namespace, plan.component);
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
        ctx.output('pipeline', {
          platform: request.source.platform,
          ...(request.source.identifier
            ? { identifier: request.source.identifier }
            : {}),
          namespace,
          project: request.project,
          component: name,
          apiUrl: apiRoot,
          workloadUrl: `${apiRoot}/api/v1/namespaces/${namespace}/workloads`,
          tokenUrl: options.tokenUrl,
        });
      }
    },
  });
}
