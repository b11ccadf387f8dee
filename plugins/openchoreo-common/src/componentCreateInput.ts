/*
 * The input of the `openchoreo:component:create` scaffolder action, declared once with zod: the
 * action validates with it, and the wizard's fields and the planner use the inferred types.
 * Isomorphic: the schema is a function of the zod instance the caller passes in.
 */
import type { z } from 'zod/v3';
import type { ExternalCiChoice } from './externalCiIdentifier';
import { COMPONENT_TYPE_NAME_PATTERN } from './componentTypes';
import { DNS_LABEL_MAX_LENGTH, DNS_LABEL_PATTERN } from './openchoreoNames';

/** The External CI choices the action accepts, `none` meaning "decide later". */
export const EXTERNAL_CI_CHOICES = [
  'jenkins',
  'github-actions',
  'gitlab-ci',
  'none',
] as const satisfies readonly ExternalCiChoice[];

const dnsLabel = (zImpl: typeof z, what: string) =>
  zImpl
    .string()
    .max(DNS_LABEL_MAX_LENGTH)
    .regex(DNS_LABEL_PATTERN, {
      message: `${what} must be lowercase letters, digits and "-" (a Kubernetes DNS label)`,
    })
    .describe(what);

/** The action's input schema; pass the zod (v3 API) instance, e.g. the scaffolder's `zImpl`. */
export function createComponentInputSchema(zImpl: typeof z) {
  return zImpl.object({
    namespace: dnsLabel(zImpl, 'OpenChoreo namespace'),
    project: dnsLabel(zImpl, 'Project that owns the component'),
    name: dnsLabel(zImpl, 'Component name'),
    displayName: zImpl.string().max(256).optional().describe('Display name'),
    description: zImpl.string().max(1024).optional().describe('Description'),
    componentType: zImpl
      .object({
        kind: zImpl.enum(['ComponentType', 'ClusterComponentType']),
        name: zImpl.string().regex(COMPONENT_TYPE_NAME_PATTERN, {
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
          platform: zImpl.enum(EXTERNAL_CI_CHOICES),
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
}

/** The input of `openchoreo:component:create`, as its schema validates it. */
export type CreateComponentInput = z.infer<
  ReturnType<typeof createComponentInputSchema>
>;
/** How the new component is built: its `source` input. */
export type ComponentDeploymentSource = CreateComponentInput['source'];
/** `source` of a component built by an OpenChoreo workflow. */
export type WorkflowDeploymentSource = Extract<
  ComponentDeploymentSource,
  { type: 'workflow' }
>;
/** `source` of a component built by an External CI. */
export type ExternalCiDeploymentSource = Extract<
  ComponentDeploymentSource,
  { type: 'external-ci' }
>;
/** The repository of a component built by a workflow, placed at the schema's repository markers. */
export type RepositoryInput = NonNullable<
  WorkflowDeploymentSource['repository']
>;
