import type { OpenChoreoComponents } from '@openchoreo-ci/openchoreo-client';
import {
  orderedEnvironments,
  rootEnvironment,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { ApiClient } from '../apiClient';
import { badInput, ExitCode, PublishError } from '../errors';
import { readResource } from './readResource';

type Schemas = OpenChoreoComponents['schemas'];
type Component = Schemas['Component'];
type Project = Schemas['Project'];
type DeploymentPipeline = Schemas['DeploymentPipeline'];

/** Where `--wait` expects the published Workload to be deployed. */
export interface DeploymentTarget {
  /** The environment to wait for. */
  environment: string;
  /** The first environment of the pipeline (where autoDeploy deploys). */
  firstEnvironment: string;
  pipeline: string;
  /** Every environment of the pipeline, in promotion order. */
  environments: string[];
  autoDeploy: boolean;
}

/**
 * Works out, before anything is published, which environment the deployment reaches first:
 * the component's project names a DeploymentPipeline, whose root environment (a source that is
 * never a target, as OpenChoreo's component controller finds it) gets the release. An
 * `--environment` outside the pipeline is an input error (exit 2), so nothing is published.
 */
export async function resolveDeploymentTarget(
  api: ApiClient,
  names: {
    namespace: string;
    project: string;
    component: string;
    environment?: string;
  },
  clientId: string,
): Promise<DeploymentTarget> {
  const ns = `/namespaces/${encodeURIComponent(names.namespace)}`;
  const component = await readResource<Component>(
    api,
    `${ns}/components/${encodeURIComponent(names.component)}`,
    `component "${names.component}"`,
    clientId,
    true,
  );
  if (!component) {
    throw new PublishError(
      `Component "${names.component}" of project "${names.project}" in namespace "${names.namespace}" does not exist: ` +
        'create it in the portal first (Create → External CI), and check that the names match exactly.',
      ExitCode.NotFound,
    );
  }
  const project = await readResource<Project>(
    api,
    `${ns}/projects/${encodeURIComponent(names.project)}`,
    `project "${names.project}"`,
    clientId,
  );
  const pipelineName = project?.spec?.deploymentPipelineRef?.name || 'default';
  const pipeline = await readResource<DeploymentPipeline>(
    api,
    `${ns}/deploymentpipelines/${encodeURIComponent(pipelineName)}`,
    `deployment pipeline "${pipelineName}" of project "${names.project}"`,
    clientId,
  );
  const paths = pipeline?.spec?.promotionPaths ?? [];
  const first = rootEnvironment(paths);
  if (!first) {
    throw new PublishError(
      `The deployment pipeline "${pipelineName}" of project "${names.project}" has no first environment ` +
        '(no promotion paths, or every source is also a target): ask a platform engineer to fix it.',
      ExitCode.NotDeployed,
    );
  }
  const environments = orderedEnvironments(paths, first);
  const environment = names.environment ?? first;
  if (!environments.includes(environment)) {
    throw badInput(
      `Unknown environment "${environment}": the deployment pipeline "${pipelineName}" of project "${
        names.project
      }" has ${environments.join(
        ', ',
      )}. Set --environment to one of them (or leave it out for ${first}).`,
    );
  }
  await readResource(
    api,
    `${ns}/environments/${encodeURIComponent(environment)}`,
    `environment "${environment}" (named by the deployment pipeline "${pipelineName}")`,
    clientId,
  );
  return {
    environment,
    firstEnvironment: first,
    pipeline: pipelineName,
    environments,
    autoDeploy: component.spec?.autoDeploy === true,
  };
}
