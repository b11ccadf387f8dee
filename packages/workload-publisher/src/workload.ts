import type { OpenChoreoComponents } from '@openchoreo-ci/openchoreo-client';
import {
  isWorkloadProvenanceAnnotation,
  replaceWorkloadProvenance,
} from '@openchoreo-ci/plugin-openchoreo-common';

type Schemas = OpenChoreoComponents['schemas'];

/** The v1 Workload, as the OpenAPI spec defines it. */
export type Workload = Schemas['Workload'];
/** A Workload's endpoint. */
export type WorkloadEndpoint = Schemas['WorkloadEndpoint'];
/** A dependency on another component's endpoint. */
export type WorkloadConnection = Schemas['WorkloadConnection'];
/** An environment variable of the Workload's container. */
export type EnvVar = Schemas['EnvVar'];
/** A file mounted into the Workload's container. */
export type FileVar = Schemas['FileVar'];

/** What a workload descriptor contributes to a Workload, beyond owner and image. */
export interface WorkloadDescriptorParts {
  endpoints?: Record<string, WorkloadEndpoint>;
  dependencies?: { endpoints?: WorkloadConnection[] };
  env?: EnvVar[];
  files?: FileVar[];
}

/** Which Workload to publish: where it goes and which image it runs. */
export interface WorkloadTarget {
  namespace: string;
  project: string;
  component: string;
  workloadName: string;
  image: string;
}

/**
 * The Workload to publish: owner and ONE container with the image, plus what the descriptor
 * declares (endpoints, dependencies, env and files). Without a descriptor: image only. The
 * annotations (the run's provenance) go on its metadata.
 */
export function buildWorkload(
  target: WorkloadTarget,
  parts: WorkloadDescriptorParts = {},
  annotations: Record<string, string> = {},
): Workload {
  const container: NonNullable<Workload['spec']>['container'] = {
    image: target.image,
  };
  if (parts.env?.length) container.env = parts.env;
  if (parts.files?.length) container.files = parts.files;
  const spec: NonNullable<Workload['spec']> = {
    owner: { projectName: target.project, componentName: target.component },
    container,
  };
  if (parts.endpoints && Object.keys(parts.endpoints).length > 0) {
    spec.endpoints = parts.endpoints;
  }
  if (parts.dependencies?.endpoints?.length) {
    spec.dependencies = { endpoints: parts.dependencies.endpoints };
  }
  return {
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind: 'Workload',
    metadata: {
      name: target.workloadName,
      namespace: target.namespace,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec,
  };
}

/**
 * The existing Workload with only its image changed (the no-descriptor update, as upstream's
 * generate-workload step does): endpoints, env, files and dependencies are kept.
 */
export function withImage(existing: Workload, image: string): Workload {
  const { name, namespace, labels, annotations } = existing.metadata;
  const spec = existing.spec ?? {};
  return {
    apiVersion: existing.apiVersion ?? 'openchoreo.dev/v1alpha1',
    kind: existing.kind ?? 'Workload',
    metadata: {
      name,
      namespace,
      ...(labels ? { labels } : {}),
      ...(annotations ? { annotations } : {}),
    },
    spec: { ...spec, container: { ...spec.container, image } },
  };
}

/**
 * What replaces an existing Workload on a new publish: its labels and its annotations other than
 * the provenance are kept, the provenance is the new run's; the spec is `published`'s whole (a
 * descriptor's Workload), or with `imageOnly` the existing spec with only the image changed.
 */
export function updatedWorkload(
  existing: Workload,
  published: Workload,
  imageOnly: boolean,
): Workload {
  const base = withImage(existing, published.spec?.container?.image ?? '');
  if (!imageOnly) base.spec = published.spec;
  const provenance = Object.fromEntries(
    Object.entries(published.metadata.annotations ?? {}).filter(([key]) =>
      isWorkloadProvenanceAnnotation(key),
    ),
  );
  const annotations = replaceWorkloadProvenance(
    existing.metadata.annotations,
    provenance,
  );
  return {
    ...base,
    metadata: {
      ...base.metadata,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
  };
}
