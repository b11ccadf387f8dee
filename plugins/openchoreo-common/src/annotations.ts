/** The OpenChoreo namespace of the entity's resource. */
export const OPENCHOREO_NAMESPACE_ANNOTATION = 'openchoreo.io/namespace';
/** The OpenChoreo project that owns the component. */
export const OPENCHOREO_PROJECT_ANNOTATION = 'openchoreo.io/project';
/** The OpenChoreo component name (may differ from the entity name). */
export const OPENCHOREO_COMPONENT_ANNOTATION = 'openchoreo.io/component';
/** The component type, `<ComponentType|ClusterComponentType>:<workloadType>/<name>`. */
export const OPENCHOREO_COMPONENT_TYPE_ANNOTATION =
  'openchoreo.io/component-type';
/** The built-in CI workflow of the component, `<Workflow|ClusterWorkflow>:<name>`. */
export const OPENCHOREO_WORKFLOW_ANNOTATION = 'openchoreo.io/workflow';

/** External CI: the Jenkins job full name, e.g. `my-folder/my-service` (not a `/job/...` path). */
export const JENKINS_JOB_FULL_NAME_ANNOTATION = 'jenkins.io/job-full-name';
/** External CI: the GitHub repository, `owner/repo`. */
export const GITHUB_PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';
/** External CI: the GitLab project path, `group/subgroup/project`. */
export const GITLAB_PROJECT_SLUG_ANNOTATION = 'gitlab.com/project-slug';
/** External CI: the GitLab numeric project id, an alternative to `gitlab.com/project-slug`. */
export const GITLAB_PROJECT_ID_ANNOTATION = 'gitlab.com/project-id';

/** The External CI platforms the portal knows, by the annotation that identifies each. */
export const EXTERNAL_CI_ANNOTATIONS = {
  jenkins: JENKINS_JOB_FULL_NAME_ANNOTATION,
  'github-actions': GITHUB_PROJECT_SLUG_ANNOTATION,
  'gitlab-ci': GITLAB_PROJECT_SLUG_ANNOTATION,
} as const;

/** An External CI platform. */
export type ExternalCiPlatform = keyof typeof EXTERNAL_CI_ANNOTATIONS;

/**
 * Annotation prefixes owned by the platform: users cannot set or remove them through the
 * portal's annotation editor.
 */
export const RESERVED_ANNOTATION_PREFIXES: readonly string[] = [
  'openchoreo.dev/',
  'openchoreo.io/',
  'backstage.io/',
  'kubernetes.io/',
];

/** True when an annotation key belongs to the platform and must not be edited by users. */
export function isReservedAnnotation(key: string): boolean {
  const prefix = key.includes('/') ? key.slice(0, key.indexOf('/') + 1) : '';
  return RESERVED_ANNOTATION_PREFIXES.some(
    reserved => prefix === reserved || prefix.endsWith(`.${reserved}`),
  );
}
