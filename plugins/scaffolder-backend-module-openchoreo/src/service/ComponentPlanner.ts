import { ConflictError, InputError } from '@backstage/errors';
import {
  isOpenChoreoApiError,
  type ClusterComponentType,
  type Component,
  type ComponentSpec,
  type ComponentType,
  type OpenChoreoClient,
  type Workflow,
} from '@openchoreo-ci/openchoreo-client';
import {
  allowedWorkflowsOf,
  isComponentWorkflow,
  isWorkflowAllowed,
  parseComponentTypeName,
  toParameterSchema,
  toWorkflowRef,
  validateExternalCiIdentifier,
  COMPONENT_WORKFLOW_TYPE,
  EXTERNAL_CI_ANNOTATIONS,
  OPENCHOREO_DESCRIPTION_ANNOTATION,
  OPENCHOREO_DISPLAY_NAME_ANNOTATION,
  OPENCHOREO_WORKFLOW_TYPE_LABEL,
  type CreateComponentInput,
  type WorkflowDeploymentSource,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { prepareWorkflowParameters } from '../validation/workflowParameters';

/** The component to create, and the equal one that already exists (then nothing is written). */
export interface ComponentPlan {
  component: Component;
  existing?: Component;
}

/**
 * Checks a component request against OpenChoreo (project, type, workflow and its parameters,
 * name) and builds the Component CR to create. Reads only; never writes.
 */
export class ComponentPlanner {
  constructor(private readonly client: OpenChoreoClient) {}

  async plan(request: CreateComponentInput): Promise<ComponentPlan> {
    const { namespace, project, name, source } = request;
    if (source.type === 'external-ci') {
      const problem = validateExternalCiIdentifier(
        source.platform,
        source.identifier,
      );
      if (problem) {
        throw new InputError(`Invalid External CI identifier: ${problem}`);
      }
    }

    await this.read(`project "${namespace}/${project}"`, () =>
      this.client.projects.get(namespace, project),
    );
    const type = await this.readComponentType(request);

    let workflow: ComponentSpec['workflow'];
    if (source.type === 'workflow') {
      workflow = {
        kind: source.workflow.kind,
        name: source.workflow.name,
        parameters: await this.checkWorkflow(request, type, source),
      };
    }

    const annotations: Record<string, string> = {};
    if (request.displayName) {
      annotations[OPENCHOREO_DISPLAY_NAME_ANNOTATION] = request.displayName;
    }
    if (request.description) {
      annotations[OPENCHOREO_DESCRIPTION_ANNOTATION] = request.description;
    }
    if (
      source.type === 'external-ci' &&
      source.platform !== 'none' &&
      source.identifier
    ) {
      annotations[EXTERNAL_CI_ANNOTATIONS[source.platform]] = source.identifier;
    }

    const component: Component = {
      metadata: {
        name,
        namespace,
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      },
      spec: {
        owner: { projectName: project },
        componentType: request.componentType,
        autoDeploy: true,
        ...(workflow ? { workflow } : {}),
      },
    };

    const existing = await this.findExisting(namespace, name);
    if (existing) {
      const differences = compareWithExisting(component, existing);
      if (differences.length > 0) {
        throw new ConflictError(
          `Component "${name}" already exists in namespace "${namespace}" and differs from this ` +
            `request (${differences.join(
              '; ',
            )}). Choose another component name.`,
        );
      }
      return { component, existing };
    }
    return { component };
  }

  private async readComponentType(
    request: CreateComponentInput,
  ): Promise<ComponentType | ClusterComponentType> {
    const { kind, name: fullName } = request.componentType;
    const parsed = parseComponentTypeName(fullName);
    if (!parsed) {
      throw new InputError(
        `componentType.name must be "<workloadType>/<name>", e.g. "deployment/service", not "${fullName}".`,
      );
    }
    const { workloadType, name: typeName } = parsed;
    const label =
      kind === 'ComponentType'
        ? `component type "${request.namespace}/${typeName}"`
        : `cluster component type "${typeName}"`;
    const type = await this.read(label, () =>
      kind === 'ComponentType'
        ? this.client.componentTypes.get(request.namespace, typeName)
        : this.client.clusterComponentTypes.get(typeName),
    );
    const actual = type.spec?.workloadType;
    if (actual && actual !== workloadType) {
      throw new InputError(
        `The ${label} has workload type "${actual}", so the component type name must be ` +
          `"${actual}/${typeName}", not "${fullName}".`,
      );
    }
    return type;
  }

  private async checkWorkflow(
    request: CreateComponentInput,
    type: ComponentType | ClusterComponentType,
    source: WorkflowDeploymentSource,
  ): Promise<Record<string, unknown>> {
    const { kind, name } = source.workflow;
    if (!isWorkflowAllowed(type, source.workflow)) {
      const names = allowedWorkflowsOf(type).map(
        ref => `${ref.kind} "${ref.name}"`,
      );
      const hint =
        names.length > 0
          ? `Allowed: ${names.join(', ')}.`
          : 'It allows no workflow: choose External CI.';
      throw new InputError(
        `Component type "${request.componentType.name}" does not allow ${kind} "${name}". ${hint}`,
      );
    }
    const label =
      kind === 'Workflow'
        ? `workflow "${request.namespace}/${name}"`
        : `cluster workflow "${name}"`;
    const workflow: Workflow = await this.read(label, () =>
      kind === 'Workflow'
        ? this.client.workflows.get(request.namespace, name)
        : this.client.clusterWorkflows.get(name),
    );
    if (!isComponentWorkflow(workflow)) {
      throw new InputError(
        `The ${label} is not a component workflow (label ${OPENCHOREO_WORKFLOW_TYPE_LABEL}: ${COMPONENT_WORKFLOW_TYPE}) ` +
          'and cannot build a component.',
      );
    }
    const schema = await this.read(`the parameter schema of ${label}`, () =>
      kind === 'Workflow'
        ? this.client.workflows.getSchema(request.namespace, name)
        : this.client.clusterWorkflows.getSchema(name),
    );
    const prepared = prepareWorkflowParameters(
      toParameterSchema(schema),
      source.parameters,
      source.repository,
    );
    if (!prepared.ok) {
      throw new InputError(
        `Invalid parameters for ${label}: ${prepared.errors.join('; ')}`,
      );
    }
    return prepared.parameters;
  }

  private async findExisting(
    namespace: string,
    name: string,
  ): Promise<Component | undefined> {
    try {
      return await this.client.components.get(namespace, name);
    } catch (error) {
      if (isOpenChoreoApiError(error, 404)) return undefined;
      throw error;
    }
  }

  /** Reads a resource the request refers to; a 404 becomes an InputError naming it. */
  private async read<T>(label: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isOpenChoreoApiError(error, 404)) {
        throw new InputError(`The ${label} does not exist in OpenChoreo.`);
      }
      throw error;
    }
  }
}

/** What differs between the component this action would write and the existing one. */
export function compareWithExisting(
  desired: Component,
  existing: Component,
): string[] {
  const differences: string[] = [];
  const want = desired.spec!;
  const have = existing.spec;
  if (have?.owner?.projectName !== want.owner.projectName) {
    differences.push(
      `project "${have?.owner?.projectName}" instead of "${want.owner.projectName}"`,
    );
  }
  if (
    have?.componentType?.kind !== want.componentType.kind ||
    have?.componentType?.name !== want.componentType.name
  ) {
    differences.push(
      `component type ${have?.componentType?.kind}:${have?.componentType?.name}`,
    );
  }
  if (want.workflow) {
    if (
      !have?.workflow ||
      toWorkflowRef(have.workflow).kind !== want.workflow.kind ||
      have.workflow.name !== want.workflow.name ||
      !deepEqual(have.workflow.parameters ?? {}, want.workflow.parameters ?? {})
    ) {
      differences.push(
        have?.workflow
          ? `workflow ${have.workflow.kind}:${have.workflow.name} or its parameters`
          : 'built by External CI, not a workflow',
      );
    }
  } else if (have?.workflow) {
    differences.push(`built by workflow ${have.workflow.name}`);
  }
  const wantAnnotations = desired.metadata.annotations ?? {};
  const haveAnnotations = existing.metadata.annotations ?? {};
  for (const [key, value] of Object.entries(wantAnnotations)) {
    if (haveAnnotations[key] !== value) {
      differences.push(`annotation ${key}`);
    }
  }
  for (const key of Object.values(EXTERNAL_CI_ANNOTATIONS)) {
    if (key in haveAnnotations && !(key in wantAnnotations)) {
      differences.push(`annotation ${key}`);
    }
  }
  return differences;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(k =>
      deepEqual(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
      ),
    )
  );
}
