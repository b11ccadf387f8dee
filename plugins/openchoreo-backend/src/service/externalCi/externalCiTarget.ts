import type { Entity } from '@backstage/catalog-model';
import {
  decideCiKind,
  GITHUB_PROJECT_SLUG_ANNOTATION,
  GITLAB_PROJECT_ID_ANNOTATION,
  GITLAB_PROJECT_SLUG_ANNOTATION,
  validateExternalCiIdentifier,
  validateGitLabProjectId,
  type ExternalCiRunsPlatform,
} from '@openchoreo-ci/plugin-openchoreo-common';

/** The repository or project whose runs a component shows. */
export interface ExternalCiTarget {
  platform: ExternalCiRunsPlatform;
  /** `owner/repo`, `group/sub/project` or a GitLab numeric project id. */
  slug: string;
  /** The annotation the slug came from, for messages. */
  annotation: string;
  /** Why the slug cannot be used as it is, with what to enter instead. */
  invalid?: string;
  /** `backstage.io/source-location`, used to pick the GitHub/GitLab instance by host. */
  sourceLocation?: string;
}

const SOURCE_LOCATION = 'backstage.io/source-location';

/**
 * The GitHub repository or GitLab project named by an entity's annotations (the common CI-kind
 * rule decides which CI builds it), or `undefined` when neither GitHub Actions nor GitLab CI does.
 */
export function externalCiTargetOf(
  entity: Entity,
): ExternalCiTarget | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const value = (key: string) => annotations[key]?.trim() ?? '';
  const sourceLocation = annotations[SOURCE_LOCATION];
  switch (decideCiKind({ annotations })) {
    case 'github-actions': {
      const slug = value(GITHUB_PROJECT_SLUG_ANNOTATION);
      return {
        platform: 'github-actions',
        slug,
        annotation: GITHUB_PROJECT_SLUG_ANNOTATION,
        invalid: validateExternalCiIdentifier('github-actions', slug),
        sourceLocation,
      };
    }
    case 'gitlab-ci': {
      const path = value(GITLAB_PROJECT_SLUG_ANNOTATION);
      if (path) {
        return {
          platform: 'gitlab-ci',
          slug: path,
          annotation: GITLAB_PROJECT_SLUG_ANNOTATION,
          invalid: validateExternalCiIdentifier('gitlab-ci', path),
          sourceLocation,
        };
      }
      const id = value(GITLAB_PROJECT_ID_ANNOTATION);
      return {
        platform: 'gitlab-ci',
        slug: id,
        annotation: GITLAB_PROJECT_ID_ANNOTATION,
        invalid: validateGitLabProjectId(id),
        sourceLocation,
      };
    }
    default:
      return undefined;
  }
}
