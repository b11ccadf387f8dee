import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ComponentEntity,
  DomainEntity,
  GroupEntity,
  parseEntityRef,
  SystemEntity,
  UserEntity,
} from '@backstage/catalog-model';
import {
  apiV1Url,
  type Component,
  type Namespace,
  type ObjectMeta,
  type Project,
} from '@openchoreo-ci/openchoreo-client';
import {
  formatWorkflowRef,
  isReservedAnnotation,
  parseComponentTypeName,
  readDisplayInfo,
  OPENCHOREO_COMPONENT_ANNOTATION,
  OPENCHOREO_COMPONENT_TYPE_ANNOTATION,
  OPENCHOREO_NAMESPACE_ANNOTATION,
  OPENCHOREO_PROJECT_ANNOTATION,
  OPENCHOREO_WORKFLOW_ANNOTATION,
} from '@openchoreo-ci/plugin-openchoreo-common';

/** `spec.type` of a component whose component type cannot be read. */
export const UNKNOWN_COMPONENT_TYPE = 'unknown';

/** What every translation needs besides the upstream object. */
export interface TranslationContext {
  /** OpenChoreo API root (a trailing `/api/v1` is fine); used for the managed-by locations. */
  baseUrl: string;
  /** Entity ref of the owner of every entity, e.g. `group:default/developers`. */
  owner: string;
  /** `spec.lifecycle` of every component, e.g. `production`. */
  lifecycle: string;
}

/** Namespace → Domain `domain:<namespace>/<namespace>`. */
export function toDomainEntity(
  namespace: Namespace,
  context: TranslationContext,
): DomainEntity {
  const name = namespace.metadata.name;
  const url = resourceUrl(context, `namespaces/${name}`);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      ...entityMetadata(namespace.metadata, name),
      annotations: entityAnnotations(namespace.metadata, url, {
        [OPENCHOREO_NAMESPACE_ANNOTATION]: name,
      }),
    },
    spec: { owner: context.owner },
  };
}

/** Project → System `system:<namespace>/<project>` in the namespace's domain. */
export function toSystemEntity(
  project: Project,
  namespace: string,
  context: TranslationContext,
): SystemEntity {
  const name = project.metadata.name;
  const url = resourceUrl(context, `namespaces/${namespace}/projects/${name}`);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      ...entityMetadata(project.metadata, namespace),
      annotations: entityAnnotations(project.metadata, url, {
        [OPENCHOREO_NAMESPACE_ANNOTATION]: namespace,
        [OPENCHOREO_PROJECT_ANNOTATION]: name,
      }),
    },
    spec: { owner: context.owner, domain: namespace },
  };
}

/**
 * Component → Component `component:<namespace>/<name>` in its project's system. `spec.type` is
 * the component type's name without the workload type (`deployment/service` → `service`). The
 * CR's own non-reserved annotations (e.g. `jenkins.io/job-full-name`) are copied as they are.
 */
export function toComponentEntity(
  component: Component,
  namespace: string,
  context: TranslationContext,
): ComponentEntity {
  const name = component.metadata.name;
  const spec = component.spec;
  const url = resourceUrl(
    context,
    `namespaces/${namespace}/components/${name}`,
  );
  const platformAnnotations: Record<string, string> = {
    [OPENCHOREO_NAMESPACE_ANNOTATION]: namespace,
    [OPENCHOREO_COMPONENT_ANNOTATION]: name,
  };
  if (spec?.owner.projectName) {
    platformAnnotations[OPENCHOREO_PROJECT_ANNOTATION] = spec.owner.projectName;
  }
  if (spec?.componentType) {
    platformAnnotations[
      OPENCHOREO_COMPONENT_TYPE_ANNOTATION
    ] = `${spec.componentType.kind}:${spec.componentType.name}`;
  }
  if (spec?.workflow?.name) {
    platformAnnotations[OPENCHOREO_WORKFLOW_ANNOTATION] = formatWorkflowRef(
      spec.workflow,
    );
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      ...entityMetadata(component.metadata, namespace),
      annotations: entityAnnotations(
        component.metadata,
        url,
        platformAnnotations,
      ),
    },
    spec: {
      type: componentTypeOf(component),
      lifecycle: context.lifecycle,
      owner: context.owner,
      ...(spec?.owner.projectName ? { system: spec.owner.projectName } : {}),
    },
  };
}

/**
 * The Group (or User) that `context.owner` names, so that the ingested entities' owner exists in
 * the catalog (otherwise every entity page warns of relations to entities that cannot be found).
 * Undefined for an owner of another kind, which the catalog must get elsewhere. OpenChoreo has
 * no users or groups of its own to ingest.
 */
export function toOwnerEntity(
  context: TranslationContext,
): GroupEntity | UserEntity | undefined {
  const ref = parseEntityRef(context.owner, {
    defaultKind: 'group',
    defaultNamespace: 'default',
  });
  const url = resourceUrl(context, 'namespaces');
  const metadata = {
    name: ref.name,
    namespace: ref.namespace,
    description:
      'Owner of the namespaces, projects and components ingested from OpenChoreo (openchoreo.catalog.defaultOwner)',
    annotations: {
      [ANNOTATION_LOCATION]: `url:${url}`,
      [ANNOTATION_ORIGIN_LOCATION]: `url:${url}`,
    },
  };
  switch (ref.kind.toLocaleLowerCase('en-US')) {
    case 'group':
      return {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata,
        spec: { type: 'team', children: [] },
      };
    case 'user':
      return {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata,
        spec: { memberOf: [] },
      };
    default:
      return undefined;
  }
}

/** `deployment/web-application` → `web-application`. */
function componentTypeOf(component: Component): string {
  const typeName = component.spec?.componentType?.name;
  if (!typeName) {
    return UNKNOWN_COMPONENT_TYPE;
  }
  if (!typeName.includes('/')) {
    return typeName;
  }
  return parseComponentTypeName(typeName)?.name ?? UNKNOWN_COMPONENT_TYPE;
}

/** Name and namespace, with title and description from OpenChoreo's own annotations. */
function entityMetadata(
  metadata: ObjectMeta,
  namespace: string,
): { name: string; namespace: string; title?: string; description?: string } {
  const { displayName, description } = readDisplayInfo(metadata.annotations);
  return {
    name: metadata.name,
    namespace,
    ...(displayName ? { title: displayName } : {}),
    ...(description ? { description } : {}),
  };
}

/**
 * The upstream object's non-reserved annotations, then the platform's own (which win), then
 * the location annotations every provider sets.
 */
function entityAnnotations(
  metadata: ObjectMeta,
  url: string,
  platformAnnotations: Record<string, string>,
): Record<string, string> {
  const copied = Object.fromEntries(
    Object.entries(metadata.annotations ?? {}).filter(
      ([key, value]) => typeof value === 'string' && !isReservedAnnotation(key),
    ),
  );
  return {
    ...copied,
    ...platformAnnotations,
    [ANNOTATION_LOCATION]: `url:${url}`,
    [ANNOTATION_ORIGIN_LOCATION]: `url:${url}`,
  };
}

/** The resource's URL in the OpenChoreo v1 API, whether or not `baseUrl` ends in `/api/v1`. */
function resourceUrl(context: TranslationContext, path: string): string {
  return apiV1Url(context.baseUrl, `/${path}`);
}
