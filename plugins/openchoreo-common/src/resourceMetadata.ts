/*
 * Labels and annotations on OpenChoreo's own resources (the CRs the OpenChoreo API returns),
 * as upstream defines them. Not to be confused with the catalog entity annotations
 * (`openchoreo.io/...`) in `annotations.ts`, which this portal writes onto entities.
 */

/** Annotation with a resource's human-friendly name (the entity's title, the wizard's labels). */
export const OPENCHOREO_DISPLAY_NAME_ANNOTATION = 'openchoreo.dev/display-name';
/** Annotation with a resource's description. */
export const OPENCHOREO_DESCRIPTION_ANNOTATION = 'openchoreo.dev/description';

/** Label that ties a WorkflowRun (and a component's resources) to its project. */
export const OPENCHOREO_PROJECT_LABEL = 'openchoreo.dev/project';
/** Label that ties a WorkflowRun to the component it builds. */
export const OPENCHOREO_COMPONENT_LABEL = 'openchoreo.dev/component';

/** Label that says what a workflow is for; component (CI) workflows carry {@link COMPONENT_WORKFLOW_TYPE}. */
export const OPENCHOREO_WORKFLOW_TYPE_LABEL = 'openchoreo.dev/workflow-type';
/** Value of {@link OPENCHOREO_WORKFLOW_TYPE_LABEL} on workflows that can build a component. */
export const COMPONENT_WORKFLOW_TYPE = 'component';

/** WorkflowRun annotation the build step writes the generated Workload JSON into (image at `.spec.container.image`). */
export const OPENCHOREO_RUN_WORKLOAD_ANNOTATION = 'openchoreo.dev/workload';

/** The display name and description OpenChoreo's annotations give a resource, when set. */
export function readDisplayInfo(
  annotations: Readonly<Record<string, string | undefined>> | undefined,
): { displayName?: string; description?: string } {
  const displayName = annotations?.[OPENCHOREO_DISPLAY_NAME_ANNOTATION];
  const description = annotations?.[OPENCHOREO_DESCRIPTION_ANNOTATION];
  return {
    ...(displayName ? { displayName } : {}),
    ...(description ? { description } : {}),
  };
}
