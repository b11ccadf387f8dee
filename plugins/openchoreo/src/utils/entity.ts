import type { Entity } from '@backstage/catalog-model';
import {
  GITHUB_PROJECT_SLUG_ANNOTATION,
  GITLAB_PROJECT_SLUG_ANNOTATION,
  JENKINS_JOB_FULL_NAME_ANNOTATION,
  OPENCHOREO_COMPONENT_ANNOTATION,
  OPENCHOREO_NAMESPACE_ANNOTATION,
  OPENCHOREO_WORKFLOW_ANNOTATION,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { ComponentRef } from '../api';

/** How an entity is built, decided by its annotations (External CI wins over a workflow). */
export type EntityCiKind =
  | 'jenkins'
  | 'github-actions'
  | 'gitlab-ci'
  | 'built-in'
  | 'none';

function annotation(entity: Entity, key: string): string | undefined {
  const value = entity.metadata.annotations?.[key]?.trim();
  return value ? value : undefined;
}

/** The OpenChoreo component behind an entity, or undefined for other entities. */
export function getComponentRef(entity: Entity): ComponentRef | undefined {
  const namespace = annotation(entity, OPENCHOREO_NAMESPACE_ANNOTATION);
  const component = annotation(entity, OPENCHOREO_COMPONENT_ANNOTATION);
  return namespace && component ? { namespace, component } : undefined;
}

/** True for catalog Components that are OpenChoreo components. */
export function isOpenChoreoComponent(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    getComponentRef(entity) !== undefined
  );
}

/** The CI of an entity. An External CI annotation replaces the built-in workflow card. */
export function getEntityCiKind(entity: Entity): EntityCiKind {
  if (annotation(entity, JENKINS_JOB_FULL_NAME_ANNOTATION)) return 'jenkins';
  if (annotation(entity, GITHUB_PROJECT_SLUG_ANNOTATION))
    return 'github-actions';
  if (annotation(entity, GITLAB_PROJECT_SLUG_ANNOTATION)) return 'gitlab-ci';
  if (
    isOpenChoreoComponent(entity) &&
    annotation(entity, OPENCHOREO_WORKFLOW_ANNOTATION)
  ) {
    return 'built-in';
  }
  return 'none';
}

/** Entities that get the CI status card: OpenChoreo components and anything with a CI annotation. */
export function hasCiStatusCard(entity: Entity): boolean {
  return isOpenChoreoComponent(entity) || getEntityCiKind(entity) !== 'none';
}

/** Entities that get the Builds tab: OpenChoreo components built by a workflow. */
export function hasBuiltInWorkflow(entity: Entity): boolean {
  return getEntityCiKind(entity) === 'built-in';
}

/** Entities that get the Jenkins tab. */
export function hasJenkinsJob(entity: Entity): boolean {
  return annotation(entity, JENKINS_JOB_FULL_NAME_ANNOTATION) !== undefined;
}
