import type {
  ComponentRelease,
  DeploymentPipeline,
  Environment,
  Project,
  ReleaseBinding,
} from '@openchoreo-ci/openchoreo-client';
import {
  GITOPS_REPOSITORY_ANNOTATION,
  orderedEnvironments,
  readDisplayInfo,
  rootEnvironment,
  type ComponentDeploymentsResponse,
  type GitopsDeployment,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { ComponentsService } from './ComponentsService';
import { cacheKey, type OpenChoreoServiceContext } from './context';
import {
  bindingFor,
  toEnvironmentDeployment,
  toLatestBuildDeployment,
} from './deployments/deploymentMappers';
import type { GitopsReleaseService } from './deployments/GitopsReleaseService';

const isNotFound = (error: unknown) =>
  error instanceof Error && error.name === 'NotFoundError';

/**
 * Where a component is deployed: each environment of its project's deployment pipeline in
 * promotion order with the release bound there and its state, whether the current Workload has
 * reached the first environment, and for a GitOps-mode component the pending release pull
 * request. Read-only; every read goes through the shared status cache as the caller.
 */
export class DeploymentsService {
  constructor(
    private readonly ctx: OpenChoreoServiceContext,
    private readonly components: ComponentsService,
    private readonly gitops: GitopsReleaseService,
  ) {}

  /** The deployments card's data; NotFoundError when the component does not exist. */
  async getDeployments(
    namespace: string,
    name: string,
  ): Promise<ComponentDeploymentsResponse> {
    const [component, workload, bindings, environments] = await Promise.all([
      this.components.getComponent(namespace, name),
      this.components.getWorkload(namespace, name),
      this.listBindings(namespace, name),
      this.listEnvironments(namespace),
    ]);
    const project = component.spec?.owner.projectName ?? '';
    const gitopsAnnotation =
      component.metadata.annotations?.[GITOPS_REPOSITORY_ANNOTATION];
    const [pipeline, gitops] = await Promise.all([
      this.readPipeline(namespace, project),
      gitopsAnnotation?.trim()
        ? this.pendingRelease(name, gitopsAnnotation)
        : Promise.resolve(undefined),
    ]);
    const paths = pipeline.pipeline?.spec?.promotionPaths ?? [];
    const first = rootEnvironment(paths);
    const problem =
      pipeline.problem ??
      (first
        ? undefined
        : `The deployment pipeline "${pipeline.name}" of project "${project}" has no first environment (no promotion paths, or every source is also a target): ask a platform engineer to fix it.`);
    const order = orderedEnvironments(paths, first);

    const releaseNames = new Set<string>();
    for (const environment of order) {
      const releaseName = bindingFor(bindings, name, environment)?.spec
        ?.releaseName;
      if (releaseName) releaseNames.add(releaseName);
    }
    const latestName = component.status?.latestRelease?.name;
    if (latestName) releaseNames.add(latestName);
    const releases = new Map(
      await Promise.all(
        [...releaseNames].map(
          async release =>
            [release, await this.readRelease(namespace, release)] as const,
        ),
      ),
    );

    const byName = new Map(environments.map(e => [e.metadata.name, e]));
    const deployments = order.map(environment =>
      toEnvironmentDeployment({
        environment,
        definition: byName.get(environment),
        binding: bindingFor(bindings, name, environment),
        releases,
        workload,
        first: first ?? '',
      }),
    );
    return {
      namespace,
      component: name,
      project,
      ...(pipeline.pipeline
        ? {
            pipeline: {
              name: pipeline.name,
              ...readDisplayInfo(pipeline.pipeline.metadata.annotations),
            },
          }
        : {}),
      autoDeploy: component.spec?.autoDeploy === true,
      environments: deployments,
      latestBuild: toLatestBuildDeployment({
        component,
        workload,
        first: deployments[0],
        releases,
        problem,
      }),
      ...(gitops ? { gitops } : {}),
      ...(problem ? { problem } : {}),
    };
  }

  private listBindings(
    namespace: string,
    component: string,
  ): Promise<ReleaseBinding[]> {
    return this.ctx.cache.get(
      cacheKey('releasebindings', namespace, component),
      () =>
        this.ctx.call(
          `list the release bindings of component "${namespace}/${component}"`,
          () =>
            this.ctx.client.releaseBindings.listAll(namespace, { component }),
        ),
    );
  }

  private listEnvironments(namespace: string): Promise<Environment[]> {
    return this.ctx.cache.get(cacheKey('environments', namespace), () =>
      this.ctx.call(`list the environments of namespace "${namespace}"`, () =>
        this.ctx.client.environments.listAll(namespace),
      ),
    );
  }

  /** The project's pipeline, or why it cannot be read (missing project or pipeline). */
  private async readPipeline(
    namespace: string,
    projectName: string,
  ): Promise<{
    name: string;
    pipeline?: DeploymentPipeline;
    problem?: string;
  }> {
    const project = await this.readOptional<Project>(
      cacheKey('project', namespace, projectName),
      `read project "${namespace}/${projectName}"`,
      () => this.ctx.client.projects.get(namespace, projectName),
    );
    // OpenChoreo's default pipeline when the project names none (as the publisher's --wait).
    const name = project?.spec?.deploymentPipelineRef?.name || 'default';
    if (!project) {
      return {
        name,
        problem: `Project "${projectName}" of this component does not exist in namespace "${namespace}": nothing can be deployed until it does.`,
      };
    }
    const pipeline = await this.readOptional<DeploymentPipeline>(
      cacheKey('deploymentpipeline', namespace, name),
      `read deployment pipeline "${namespace}/${name}"`,
      () => this.ctx.client.deploymentPipelines.get(namespace, name),
    );
    return pipeline
      ? { name, pipeline }
      : {
          name,
          problem: `The deployment pipeline "${name}" of project "${projectName}" does not exist: ask a platform engineer to create it or to point the project at another one.`,
        };
  }

  /** A ComponentRelease (immutable, so cached like the rest), or null when it is gone. */
  private readRelease(
    namespace: string,
    name: string,
  ): Promise<ComponentRelease | null> {
    return this.readOptional<ComponentRelease>(
      cacheKey('componentrelease', namespace, name),
      `read component release "${namespace}/${name}"`,
      () => this.ctx.client.componentReleases.get(namespace, name),
    ).then(release => release ?? null);
  }

  private async readOptional<T>(
    key: string,
    action: string,
    read: () => Promise<T>,
  ): Promise<T | undefined> {
    return this.ctx.cache.get(key, async () => {
      try {
        return await this.ctx.call(action, read);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
  }

  private async pendingRelease(
    component: string,
    annotation: string,
  ): Promise<GitopsDeployment> {
    try {
      return await this.gitops.pendingRelease(component, annotation);
    } catch (error) {
      return {
        state: 'unavailable',
        reason: 'unreachable',
        message: `Could not look for the release pull request: ${
          error instanceof Error ? error.message : String(error)
        }. Try again later.`,
      };
    }
  }
}
