import { InputError } from '@backstage/errors';
import {
  isOpenChoreoApiError,
  type ClusterComponentType,
  type ComponentType,
  type ParameterSchema,
  type Workflow,
} from '@openchoreo-ci/openchoreo-client';
import {
  allowedWorkflowsOf,
  BUILT_IN_CI_DISABLED_MESSAGE,
  formatComponentTypeName,
  isComponentWorkflow,
  type ComponentTypeInfo,
  type ComponentTypeList,
  type NamedResourceList,
  type WorkflowInfo,
  type WorkflowInfoList,
  type WorkflowRef,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { cacheKey, type OpenChoreoServiceContext } from './context';
import { toNamedResource } from './mappers';

/** Kind of a component type reference. */
export type ComponentTypeKind = ComponentTypeInfo['kind'];
/** Kind of a workflow reference. */
export type WorkflowKind = WorkflowRef['kind'];

/** The data the component creation wizard offers: namespaces, projects, types, workflows. */
export class WizardService {
  constructor(
    private readonly ctx: OpenChoreoServiceContext,
    private readonly options: { builtInCi: boolean } = { builtInCi: true },
  ) {}

  /** All namespaces the service account can see. */
  listNamespaces(): Promise<NamedResourceList> {
    return this.ctx.cache.get(cacheKey('namespaces'), async () => ({
      items: (
        await this.ctx.call('list namespaces', () =>
          this.ctx.client.namespaces.listAll(),
        )
      ).map(toNamedResource),
    }));
  }

  /** All projects of a namespace. */
  listProjects(namespace: string): Promise<NamedResourceList> {
    return this.ctx.cache.get(cacheKey('projects', namespace), async () => ({
      items: (
        await this.ctx.call(
          `list the projects of namespace "${namespace}"`,
          () => this.ctx.client.projects.listAll(namespace),
        )
      ).map(toNamedResource),
    }));
  }

  /** The namespace's component types followed by the cluster-scoped ones. */
  listComponentTypes(namespace: string): Promise<ComponentTypeList> {
    return this.ctx.cache.get(
      cacheKey('component-types', namespace),
      async () => {
        const [namespaced, cluster] = await Promise.all([
          this.ctx.call(
            `list the component types of namespace "${namespace}"`,
            () => this.ctx.client.componentTypes.listAll(namespace),
          ),
          this.ctx.call('list cluster component types', () =>
            this.ctx.client.clusterComponentTypes.listAll(),
          ),
        ]);
        return {
          items: [
            ...namespaced.map(t => toComponentTypeInfo('ComponentType', t)),
            ...cluster.map(t => toComponentTypeInfo('ClusterComponentType', t)),
          ],
        };
      },
    );
  }

  /**
   * The workflows a component of this type may use: listed in the type's `allowedWorkflows`
   * (an empty list allows none) and labelled as component workflows. None, with the reason,
   * while built-in CI is turned off: the wizard then offers External CI only.
   */
  async listAllowedWorkflows(
    kind: ComponentTypeKind,
    name: string,
    namespace: string | undefined,
  ): Promise<WorkflowInfoList> {
    if (!this.options.builtInCi) {
      return { items: [], disabledReason: BUILT_IN_CI_DISABLED_MESSAGE };
    }
    const type =
      kind === 'ComponentType'
        ? await this.ctx.call(
            `read component type "${requireNamespace(
              namespace,
              kind,
            )}/${name}"`,
            () =>
              this.ctx.client.componentTypes.get(
                requireNamespace(namespace, kind),
                name,
              ),
          )
        : await this.ctx.call(`read cluster component type "${name}"`, () =>
            this.ctx.client.clusterComponentTypes.get(name),
          );
    const allowed = allowedWorkflowsOf(type);
    const workflows = await Promise.all(
      allowed.map(ref => this.findWorkflow(ref, namespace)),
    );
    return {
      items: workflows.filter((w): w is WorkflowInfo => w !== undefined),
    };
  }

  /** The parameter schema of a workflow. */
  getWorkflowSchema(
    kind: WorkflowKind,
    name: string,
    namespace: string | undefined,
  ): Promise<ParameterSchema> {
    if (kind === 'Workflow') {
      const ns = requireNamespace(namespace, kind);
      return this.ctx.call(`read the schema of workflow "${ns}/${name}"`, () =>
        this.ctx.client.workflows.getSchema(ns, name),
      );
    }
    return this.ctx.call(`read the schema of cluster workflow "${name}"`, () =>
      this.ctx.client.clusterWorkflows.getSchema(name),
    );
  }

  private async findWorkflow(
    ref: WorkflowRef,
    namespace: string | undefined,
  ): Promise<WorkflowInfo | undefined> {
    let workflow: Workflow;
    try {
      workflow =
        ref.kind === 'Workflow'
          ? await this.ctx.client.workflows.get(
              requireNamespace(namespace, 'Workflow'),
              ref.name,
            )
          : await this.ctx.client.clusterWorkflows.get(ref.name);
    } catch (error) {
      // A type may allow a workflow that was deleted since: offer the others.
      if (isOpenChoreoApiError(error, 404)) {
        return undefined;
      }
      return this.ctx.call(`read workflow "${ref.name}"`, () =>
        Promise.reject(error),
      );
    }
    // Only component (CI) workflows can build a component.
    if (!isComponentWorkflow(workflow)) {
      return undefined;
    }
    return { kind: ref.kind, ...toNamedResource(workflow) };
  }
}

function requireNamespace(namespace: string | undefined, kind: string): string {
  if (!namespace) {
    throw new InputError(
      `The query parameter "namespace" is required for a ${kind}, which is namespaced`,
    );
  }
  return namespace;
}

function toComponentTypeInfo(
  kind: ComponentTypeKind,
  type: ComponentType | ClusterComponentType,
): ComponentTypeInfo {
  const workloadType = type.spec?.workloadType;
  return {
    kind,
    ...toNamedResource(type),
    ...(workloadType ? { workloadType } : {}),
    componentTypeName: formatComponentTypeName(
      workloadType,
      type.metadata.name,
    ),
    allowedWorkflows: allowedWorkflowsOf(type),
  };
}
