import {
  EXTERNAL_CI_ANNOTATIONS,
  GITLAB_PROJECT_ID_ANNOTATION,
  type ExternalCiPlatform,
} from './annotations';

/** Which CI builds a component: an External CI platform, OpenChoreo's built-in workflow, or none yet. */
export type CiKind = ExternalCiPlatform | 'built-in' | 'none';

/** The External CI platforms in the order they win when a component names several. */
export const EXTERNAL_CI_PRECEDENCE: readonly ExternalCiPlatform[] = [
  'jenkins',
  'github-actions',
  'gitlab-ci',
];

/** The External CI platform an annotation key identifies (`jenkins.io/job-full-name` → `jenkins`), if any. */
export function externalCiPlatformOf(
  annotationKey: string,
): ExternalCiPlatform | undefined {
  return EXTERNAL_CI_PRECEDENCE.find(
    platform => EXTERNAL_CI_ANNOTATIONS[platform] === annotationKey,
  );
}

/** What {@link decideCiKind} looks at; plain values, so the backend and the frontend can both call it. */
export interface CiKindInput {
  /** The component's annotations (the CR's, or the catalog entity's copy of them). */
  annotations?: Readonly<Record<string, string | undefined>>;
  /** The component's OpenChoreo workflow (`spec.workflow`, or the entity's `openchoreo.io/workflow`), if any. */
  workflow?: { name?: string } | undefined;
}

/**
 * Decides which CI builds a component. Precedence:
 *
 * 1. an External CI annotation with a non-blank value wins, `jenkins.io/job-full-name` first,
 *    then `github.com/project-slug`, then `gitlab.com/project-slug` (or `gitlab.com/project-id`);
 *    a user who adds a Jenkins job to a component built by a workflow (Edit Annotations) wants
 *    to see that job;
 * 2. otherwise a named OpenChoreo workflow means `built-in`;
 * 3. otherwise `none` (External CI not chosen yet).
 */
export function decideCiKind(input: CiKindInput): CiKind {
  const named = (key: string) => (input.annotations?.[key] ?? '').trim() !== '';
  const platform = EXTERNAL_CI_PRECEDENCE.find(
    candidate =>
      named(EXTERNAL_CI_ANNOTATIONS[candidate]) ||
      (candidate === 'gitlab-ci' && named(GITLAB_PROJECT_ID_ANNOTATION)),
  );
  if (platform) return platform;
  return input.workflow?.name ? 'built-in' : 'none';
}
