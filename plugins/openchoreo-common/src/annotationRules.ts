// The annotation editor's rules, defined once for the frontend (Edit Annotations) and the
// backend (`PUT .../annotations`), so the form shows exactly the error the API would give.
import {
  GITLAB_PROJECT_ID_ANNOTATION,
  isReservedAnnotation,
  JENKINS_JOB_FULL_NAME_ANNOTATION,
} from './annotations';
import { externalCiPlatformOf } from './ciKind';
import { validateExternalCiIdentifier } from './externalCiIdentifier';

/** The Jenkins plugin's legacy annotation, which the portal does not read. */
export const JENKINS_LEGACY_FOLDER_ANNOTATION = 'jenkins.io/github-folder';

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const GITLAB_PROJECT_ID = /^[1-9][0-9]{0,18}$/;

/**
 * Why an annotation key is not valid Kubernetes syntax (an optional DNS-subdomain prefix of at
 * most 253 characters, "/", a name of at most 63), or undefined.
 */
export function validateAnnotationKeySyntax(key: string): string | undefined {
  if (!key) return 'Enter a key.';
  const slash = key.indexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (
    prefix !== undefined &&
    (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))
  ) {
    return `"${prefix}" is not a valid prefix: use a lower-case DNS name such as jenkins.io.`;
  }
  if (name.length > 63 || !NAME.test(name)) {
    return 'The name after the prefix must be 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.';
  }
  return undefined;
}

/**
 * Why an annotation key may not be set through the portal: not valid Kubernetes syntax
 * ({@link validateAnnotationKeySyntax}) or reserved for the platform; undefined when it may be set.
 */
export function validateAnnotationKey(key: string): string | undefined {
  const syntax = validateAnnotationKeySyntax(key);
  if (syntax) return syntax;
  if (isReservedAnnotation(key)) {
    return `${key} is reserved for the platform and cannot be set here.`;
  }
  return undefined;
}

/** Why a `gitlab.com/project-id` value is not a GitLab project id, or undefined. */
export function validateGitLabProjectId(value: string): string | undefined {
  return GITLAB_PROJECT_ID.test(value)
    ? undefined
    : `"${value}" is not a GitLab project id: use the number shown on the project's page, e.g. "4242".`;
}

/**
 * Why an annotation value is invalid for its key, or undefined. The External CI annotations get
 * the wizard's rules (`validateExternalCiIdentifier`), `gitlab.com/project-id` must be a project
 * number, and the Jenkins plugin's legacy `jenkins.io/github-folder` is refused (the portal reads
 * `jenkins.io/job-full-name` only). The value is checked as it is saved, without surrounding
 * spaces.
 */
export function validateAnnotationValue(
  key: string,
  value: string,
): string | undefined {
  if (key === JENKINS_LEGACY_FOLDER_ANNOTATION) {
    return `${JENKINS_LEGACY_FOLDER_ANNOTATION} is the Jenkins plugin's legacy annotation, which this portal does not read: set ${JENKINS_JOB_FULL_NAME_ANNOTATION} to the job full name instead.`;
  }
  if (key === GITLAB_PROJECT_ID_ANNOTATION) {
    return validateGitLabProjectId(value.trim());
  }
  const platform = externalCiPlatformOf(key);
  return platform
    ? validateExternalCiIdentifier(platform, value.trim())
    : undefined;
}
