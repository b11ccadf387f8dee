import type { OpenChoreoComponents } from '@openchoreo-ci/openchoreo-client';
import type { ResourceObject, ResourceStore } from '../store';
import type { FailureReason } from './conditions';

type Schemas = OpenChoreoComponents['schemas'];
type WorkflowRef = { kind?: string; name: string };

/** Label naming the project of a component WorkflowRun. */
export const PROJECT_LABEL = 'openchoreo.dev/project';
/** Label naming the component of a component WorkflowRun. */
export const COMPONENT_LABEL = 'openchoreo.dev/component';

/** What the controller needs once a run is accepted. */
export interface AcceptedRun {
  ok: true;
  /** Undefined for a standalone run (no project and component labels). */
  component?: ResourceObject;
  workflow: ResourceObject;
}

/** Why the controller rejected a run. */
export interface RejectedRun {
  ok: false;
  reason: FailureReason;
  message: string;
}

/**
 * Checks a WorkflowRun the way the OpenChoreo controller does before submitting it: the
 * component exists, its ComponentType allows the workflow, the workflow is the component's, and
 * the workflow exists.
 */
export function validateRun(
  store: ResourceStore,
  run: ResourceObject,
): AcceptedRun | RejectedRun {
  const namespace = run.metadata.namespace;
  const runWorkflow = (run.spec?.workflow ?? {}) as Partial<WorkflowRef>;
  if (!runWorkflow.name) {
    return invalid('WorkflowFailed', 'spec.workflow.name is required');
  }
  const wanted = refString(runWorkflow as WorkflowRef);

  const project = run.metadata.labels?.[PROJECT_LABEL];
  const componentName = run.metadata.labels?.[COMPONENT_LABEL];
  let component: ResourceObject | undefined;
  if (project || componentName) {
    if (!project || !componentName) {
      return invalid(
        'ComponentValidationFailed',
        `component workflow run must have both ${PROJECT_LABEL} and ${COMPONENT_LABEL} labels`,
      );
    }
    component = store.get('Component', namespace, componentName);
    if (!component) {
      return invalid(
        'ComponentValidationFailed',
        `component "${componentName}" not found in namespace "${namespace}"`,
      );
    }
    const problem = checkComponent(store, component, project, wanted);
    if (problem) return invalid('ComponentValidationFailed', problem);
  }

  const workflow =
    kindOf(runWorkflow as WorkflowRef) === 'Workflow'
      ? store.get('Workflow', namespace, runWorkflow.name)
      : store.get('ClusterWorkflow', undefined, runWorkflow.name);
  if (!workflow) {
    return invalid(
      'WorkflowFailed',
      `workflow ${wanted} not found; create it or point the run at an existing workflow`,
    );
  }
  return { ok: true, component, workflow };
}

function checkComponent(
  store: ResourceStore,
  component: ResourceObject,
  project: string,
  wanted: string,
): string | undefined {
  const name = component.metadata.name;
  const spec = (component.spec ?? {}) as Partial<Schemas['ComponentSpec']>;
  if (spec.owner?.projectName && spec.owner.projectName !== project) {
    return `component "${name}" belongs to project "${spec.owner.projectName}", but the run is labelled ${PROJECT_LABEL}=${project}`;
  }

  const typeRef = spec.componentType;
  const typeName = typeRef?.name?.split('/')[1];
  if (!typeRef || !typeName) {
    return `component "${name}" has an invalid componentType name "${typeRef?.name}", expected {workloadType}/{name}`;
  }
  const type =
    typeRef.kind === 'ComponentType'
      ? store.get('ComponentType', component.metadata.namespace, typeName)
      : store.get('ClusterComponentType', undefined, typeName);
  if (!type) {
    return `${typeRef.kind ?? 'ClusterComponentType'} "${
      typeRef.name
    }" not found for component "${name}"`;
  }

  const allowed = ((type.spec?.allowedWorkflows ?? []) as WorkflowRef[]).map(
    refString,
  );
  if (allowed.length === 0) {
    return `no workflows are allowed by component type "${typeName}", but the run references workflow ${wanted}`;
  }
  if (!allowed.includes(wanted)) {
    return `workflow ${wanted} is not allowed for component type "${typeName}"; allowed: [${allowed.join(
      ', ',
    )}]`;
  }

  // Like the controller: a component without spec.workflow accepts any allowed workflow.
  if (spec.workflow && refString(spec.workflow) !== wanted) {
    return `the run references workflow ${wanted} but component "${name}" is configured with workflow ${refString(
      spec.workflow,
    )}`;
  }
  return undefined;
}

function invalid(reason: FailureReason, message: string): RejectedRun {
  return { ok: false, reason, message };
}

function kindOf(ref: WorkflowRef) {
  return ref.kind ?? 'ClusterWorkflow';
}

function refString(ref: WorkflowRef) {
  return `${kindOf(ref)}/${ref.name}`;
}
