import { InputError } from '@backstage/errors';
import { validateAnnotationValue } from '@openchoreo-ci/plugin-openchoreo-common';

/**
 * Refuses (400) an added or changed External CI annotation whose value is not a valid
 * identifier of its platform (or a `gitlab.com/project-id` that is not a number, or the legacy
 * `jenkins.io/github-folder`), with the same message the annotation editor shows. Values that
 * did not change are left alone, so an old value never blocks editing other annotations.
 */
export function checkExternalCiAnnotations(
  next: Record<string, string>,
  current: Record<string, string>,
): void {
  const problems = Object.entries(next).flatMap(([key, value]) => {
    if (current[key] === value) return [];
    const problem = validateAnnotationValue(key, value);
    return problem ? [`${key}: ${problem}`] : [];
  });
  if (problems.length > 0) {
    throw new InputError(problems.join('; '));
  }
}
