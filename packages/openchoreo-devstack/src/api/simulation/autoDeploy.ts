import { createHash } from 'node:crypto';
import type { ResourceObject, ResourceStore } from '../store';
import { API_VERSION, field, isObject } from '../validation';
import { COMPONENT_LABEL, PROJECT_LABEL } from './validateRun';

/** Why a component with autoDeploy cannot be released, as the component controller says it. */
export interface AutoDeployBlocked {
  reason:
    | 'WorkloadNotFound'
    | 'ProjectNotFound'
    | 'DeploymentPipelineNotFound'
    | 'InvalidConfiguration';
  message: string;
}

/** What autoDeploy makes of a component: its release and the first environment to bind it to. */
export interface AutoDeployPlan {
  release: ResourceObject;
  releaseHash: string;
  environment: string;
}

/**
 * The first environment of a DeploymentPipeline: the source of a promotion path that is never a
 * target (OpenChoreo's `findRootEnvironment`).
 */
export function rootEnvironment(pipeline: ResourceObject): string | undefined {
  const paths = field(pipeline.spec, 'promotionPaths');
  if (!Array.isArray(paths)) return undefined;
  const targets = new Set<unknown>(
    paths.flatMap(path => {
      const refs = field(path, 'targetEnvironmentRefs');
      return Array.isArray(refs) ? refs.map(ref => field(ref, 'name')) : [];
    }),
  );
  for (const path of paths) {
    const source = field(path, 'sourceEnvironmentRef', 'name');
    if (typeof source === 'string' && source && !targets.has(source)) {
      return source;
    }
  }
  return undefined;
}

/** JSON with sorted keys, so equal specs hash equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map(key => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Plans the component controller's autoDeploy for `component`: its Workload, project and
 * deployment pipeline give an immutable ComponentRelease `<component>-<hash>` (the hash of the
 * frozen component type, traits, parameters and workload spec) for the pipeline's first
 * environment. Answers why not when something is missing.
 */
export function planAutoDeploy(
  store: ResourceStore,
  component: ResourceObject,
): AutoDeployPlan | AutoDeployBlocked {
  const namespace = component.metadata.namespace;
  const name = component.metadata.name;
  const projectName = field(component.spec, 'owner', 'projectName');
  const workload = store
    .list('Workload', namespace)
    .find(w => field(w.spec, 'owner', 'componentName') === name);
  if (!workload) {
    return {
      reason: 'WorkloadNotFound',
      message: `Workload for component "${name}" not found, waiting for workload to be created`,
    };
  }
  const project =
    typeof projectName === 'string'
      ? store.get('Project', namespace, projectName)
      : undefined;
  if (!project) {
    return {
      reason: 'ProjectNotFound',
      message: `Project "${String(projectName)}" not found`,
    };
  }
  const pipelineName = field(project.spec, 'deploymentPipelineRef', 'name');
  if (typeof pipelineName !== 'string' || pipelineName === '') {
    return {
      reason: 'InvalidConfiguration',
      message: `Project "${project.metadata.name}" has empty deploymentPipelineRef`,
    };
  }
  const pipeline = store.get('DeploymentPipeline', namespace, pipelineName);
  if (!pipeline) {
    return {
      reason: 'DeploymentPipelineNotFound',
      message: `DeploymentPipeline "${pipelineName}" not found`,
    };
  }
  const environment = rootEnvironment(pipeline);
  if (!environment) {
    return {
      reason: 'InvalidConfiguration',
      message: `Invalid deployment pipeline configuration: deployment pipeline ${pipelineName} has no root environment`,
    };
  }
  const componentType = (component.spec?.componentType ?? {}) as Record<
    string,
    unknown
  >;
  const typeName = String(componentType.name ?? '').split('/')[1] ?? '';
  const typeObject =
    componentType.kind === 'ClusterComponentType'
      ? store.get('ClusterComponentType', undefined, typeName)
      : store.get('ComponentType', namespace, typeName);
  const { owner: _owner, ...workloadSpec } = workload.spec ?? {};
  const spec = {
    owner: { projectName, componentName: name },
    componentType: { ...componentType, spec: typeObject?.spec ?? {} },
    traits: Array.isArray(component.spec?.traits) ? component.spec.traits : [],
    componentProfile: {
      parameters: isObject(component.spec?.parameters)
        ? component.spec.parameters
        : {},
    },
    workload: workloadSpec,
  };
  const releaseHash = createHash('sha256')
    .update(canonical(spec))
    .digest('hex')
    .slice(0, 10);
  return {
    releaseHash,
    environment,
    release: {
      apiVersion: API_VERSION,
      kind: 'ComponentRelease',
      metadata: {
        name: `${name}-${releaseHash}`,
        namespace,
        labels: {
          [PROJECT_LABEL]: String(projectName),
          [COMPONENT_LABEL]: name,
        },
      },
      spec,
    },
  };
}
