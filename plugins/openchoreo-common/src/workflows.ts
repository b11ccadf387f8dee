/*
 * The rules about workflows that several packages apply: a reference's default kind, which
 * workflows a component type allows, and which workflows can build a component.
 */
import type { WorkflowRef } from './api';
import {
  COMPONENT_WORKFLOW_TYPE,
  OPENCHOREO_WORKFLOW_TYPE_LABEL,
} from './resourceMetadata';

/** The kind OpenChoreo assumes when a workflow reference names none. */
export const DEFAULT_WORKFLOW_KIND: WorkflowRef['kind'] = 'ClusterWorkflow';

/** A workflow reference as the API returns it: the kind may be absent. */
export interface WorkflowReferenceLike {
  kind?: string;
  name: string;
}

/** A workflow reference with OpenChoreo's default kind applied (anything but `Workflow` is cluster-scoped). */
export function toWorkflowRef(reference: WorkflowReferenceLike): WorkflowRef {
  return {
    kind: reference.kind === 'Workflow' ? 'Workflow' : DEFAULT_WORKFLOW_KIND,
    name: reference.name,
  };
}

/** `Workflow:name` / `ClusterWorkflow:name`: the form of the entity's `openchoreo.io/workflow` annotation. */
export function formatWorkflowRef(reference: WorkflowReferenceLike): string {
  const ref = toWorkflowRef(reference);
  return `${ref.kind}:${ref.name}`;
}

/** Reads a {@link formatWorkflowRef} value back; `undefined` when it names no workflow. */
export function parseWorkflowRef(
  value: string | undefined,
): WorkflowRef | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const colon = text.indexOf(':');
  const kind = colon === -1 ? undefined : text.slice(0, colon);
  const name = colon === -1 ? text : text.slice(colon + 1);
  return name ? toWorkflowRef({ kind, name }) : undefined;
}

/** A (cluster) component type as far as its allowed workflows go; the generated API types fit. */
export interface ComponentTypeWorkflows {
  spec?: { allowedWorkflows?: readonly WorkflowReferenceLike[] };
}

/**
 * The workflows a component of this type may be built by: its `spec.allowedWorkflows`, each
 * with the default kind applied. An empty or absent list allows none (build by External CI).
 */
export function allowedWorkflowsOf(
  type: ComponentTypeWorkflows,
): WorkflowRef[] {
  return (type.spec?.allowedWorkflows ?? [])
    .filter(entry => typeof entry?.name === 'string' && entry.name !== '')
    .map(toWorkflowRef);
}

/** True when the component type allows the workflow (same kind and name). */
export function isWorkflowAllowed(
  type: ComponentTypeWorkflows,
  workflow: WorkflowReferenceLike,
): boolean {
  const wanted = toWorkflowRef(workflow);
  return allowedWorkflowsOf(type).some(
    ref => ref.kind === wanted.kind && ref.name === wanted.name,
  );
}

/** True for workflows that can build a component: labelled `openchoreo.dev/workflow-type: component`. */
export function isComponentWorkflow(workflow: {
  metadata: { labels?: Readonly<Record<string, string>> };
}): boolean {
  return (
    workflow.metadata.labels?.[OPENCHOREO_WORKFLOW_TYPE_LABEL] ===
    COMPONENT_WORKFLOW_TYPE
  );
}
