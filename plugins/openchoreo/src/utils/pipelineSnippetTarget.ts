import type { Entity } from '@backstage/catalog-model';
import {
  OPENCHOREO_PROJECT_ANNOTATION,
  type PipelineSnippetPlatform,
  type PipelineSnippetTarget,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { getComponentRef, getEntityCiKind } from './entity';

/** The component a pipeline snippet publishes to, from the entity's OpenChoreo annotations. */
export function pipelineSnippetTargetOf(entity: Entity): PipelineSnippetTarget {
  const ref = getComponentRef(entity);
  return {
    namespace: ref?.namespace ?? 'default',
    project:
      entity.metadata.annotations?.[OPENCHOREO_PROJECT_ANNOTATION]?.trim() ||
      '<project>',
    component: ref?.component ?? entity.metadata.name,
  };
}

/** The snippet to show first: the entity's own External CI platform, else any CI (shell). */
export function preferredSnippetPlatform(
  entity: Entity,
): PipelineSnippetPlatform {
  const kind = getEntityCiKind(entity);
  return kind === 'jenkins' || kind === 'github-actions' || kind === 'gitlab-ci'
    ? kind
    : 'shell';
}
