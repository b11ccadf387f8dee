import type { Entity } from '@backstage/catalog-model';
import {
  decideCiKind,
  parseWorkflowRef,
  JENKINS_JOB_FULL_NAME_ANNOTATION,
  OPENCHOREO_COMPONENT_ANNOTATION,
  OPENCHOREO_NAMESPACE_ANNOTATION,
  OPENCHOREO_WORKFLOW_ANNOTATION,
  type CiKind,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { ComponentRef } from '../api';

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

/**
 * The CI of an entity, by the common rule `decideCiKind` (an External CI annotation wins over
 * a workflow). Only OpenChoreo components can be built by a workflow.
 */
export function getEntityCiKind(entity: Entity): CiKind {
  return decideCiKind({
    annotations: entity.metadata.annotations,
    workflow: isOpenChoreoComponent(entity)
      ? parseWorkflowRef(annotation(entity, OPENCHOREO_WORKFLOW_ANNOTATION))
      : undefined,
  });
}

/** Entities that get the CI status card: OpenChoreo components and anything with a CI annotation. */
export function hasCiStatusCard(entity: Entity): boolean {
  return isOpenChoreoComponent(entity) || getEntityCiKind(entity) !== 'none';
}

/** Entities that get the Builds tab: OpenChoreo components built by a workflow. */
export function hasBuiltInWorkflow(entity: Entity): boolean {
  return getEntityCiKind(entity) === 'built-in';
}

/** Entities built by GitHub Actions: they get its card and tab. */
export function hasGithubActions(entity: Entity): boolean {
  return getEntityCiKind(entity) === 'github-actions';
}

/** Entities built by GitLab CI: they get its card and tab. */
export function hasGitlabCi(entity: Entity): boolean {
  return getEntityCiKind(entity) === 'gitlab-ci';
}

/** Entities that get the Jenkins tab. */
export function hasJenkinsJob(entity: Entity): boolean {
  return annotation(entity, JENKINS_JOB_FULL_NAME_ANNOTATION) !== undefined;
}
