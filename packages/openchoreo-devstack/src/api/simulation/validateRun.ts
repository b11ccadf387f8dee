/*
 * The controller's own reading of a run, deliberately independent of the portal's rules in
 * @openchoreo-ci/plugin-openchoreo-common (labels, allowed workflows, default kinds): the devstack
 * stands in for OpenChoreo, so a portal bug in those rules must meet a server that disagrees,
 * as the real one would. Shapes come from the generated API types only.
 */
import type { OpenChoreoComponents } from '@openchoreo-ci/openchoreo-client';
import type { ResourceObject, ResourceStore } from '../store';
import { field } from '../validation';
import { WORKFLOW_NOT_FOUND_MESSAGE, type FailureReason } from './conditions';

export { WORKFLOW_NOT_FOUND_MESSAGE };

type Schemas = OpenChoreoComponents['schemas'];
/** A workflow reference as the CRDs admit it (run, component and component type alike). */
type WorkflowRef = Pick<Schemas['WorkflowRunConfig'], 'kind' | 'name'>;
type WorkflowKind = WorkflowRef['kind'];

const WORKFLOW_KINDS: readonly WorkflowKind[] = ['Workflow', 'ClusterWorkflow'];
/** The CRDs' default when a workflow reference names no kind. */
const DEFAULT_WORKFLOW_KIND: WorkflowKind = 'ClusterWorkflow';

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
  if (!field(run.spec, 'workflow', 'name')) {
    return invalid('WorkflowFailed', 'spec.workflow.name is required');
  }
  const runWorkflow = readWorkflowRef(run.spec?.workflow);
  if (!runWorkflow) {
    return invalid(
      'WorkflowFailed',
      `spec.workflow.kind must be one of ${WORKFLOW_KINDS.join(', ')}`,
    );
  }
  const wanted = refString(runWorkflow);

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
    runWorkflow.kind === 'Workflow'
      ? store.get('Workflow', namespace, runWorkflow.name)
      : store.get('ClusterWorkflow', undefined, runWorkflow.name);
  if (!workflow) {
    // The controller's own words for a run whose Workflow is gone.
    return invalid('WorkflowFailed', WORKFLOW_NOT_FOUND_MESSAGE);
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
  const owner = field(component.spec, 'owner', 'projectName');
  if (typeof owner === 'string' && owner && owner !== project) {
    return `component "${name}" belongs to project "${owner}", but the run is labelled ${PROJECT_LABEL}=${project}`;
  }

  const typeKind = field(component.spec, 'componentType', 'kind');
  const typeRefName = field(component.spec, 'componentType', 'name');
  const typeName =
    typeof typeRefName === 'string' ? typeRefName.split('/')[1] : undefined;
  if (!typeName) {
    return `component "${name}" has an invalid componentType name "${String(
      typeRefName,
    )}", expected {workloadType}/{name}`;
  }
  const type =
    typeKind === 'ComponentType'
      ? store.get('ComponentType', component.metadata.namespace, typeName)
      : store.get('ClusterComponentType', undefined, typeName);
  if (!type) {
    return `${
      typeof typeKind === 'string' ? typeKind : 'ClusterComponentType'
    } "${String(typeRefName)}" not found for component "${name}"`;
  }

  const allowed = allowedWorkflows(type).map(refString);
  if (allowed.length === 0) {
    return `no workflows are allowed by component type "${typeName}", but the run references workflow ${wanted}`;
  }
  if (!allowed.includes(wanted)) {
    return `workflow ${wanted} is not allowed for component type "${typeName}"; allowed: [${allowed.join(
      ', ',
    )}]`;
  }

  // Like the controller: a component without spec.workflow accepts any allowed workflow.
  const configured = readWorkflowRef(component.spec?.workflow);
  if (configured && refString(configured) !== wanted) {
    return `the run references workflow ${wanted} but component "${name}" is configured with workflow ${refString(
      configured,
    )}`;
  }
  return undefined;
}

/**
 * A (cluster) component type's `spec.allowedWorkflows`, each with the CRD's default kind;
 * entries the CRD would not admit (no name, an unknown kind) allow nothing.
 */
function allowedWorkflows(type: ResourceObject): WorkflowRef[] {
  const entries: unknown = type.spec?.allowedWorkflows;
  return Array.isArray(entries)
    ? entries.flatMap(entry => readWorkflowRef(entry) ?? [])
    : [];
}

/** Reads a stored workflow reference; `undefined` unless it has a name and a known kind. */
function readWorkflowRef(value: unknown): WorkflowRef | undefined {
  const name = field(value, 'name');
  const kindValue = field(value, 'kind') ?? DEFAULT_WORKFLOW_KIND;
  const kind = WORKFLOW_KINDS.find(known => known === kindValue);
  return typeof name === 'string' && name && kind ? { kind, name } : undefined;
}

function invalid(reason: FailureReason, message: string): RejectedRun {
  return { ok: false, reason, message };
}

function refString(ref: WorkflowRef) {
  return `${ref.kind}/${ref.name}`;
}
