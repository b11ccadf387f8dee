import { NotFoundError } from '@backstage/errors';
import type { Component, Workload } from '@openchoreo-ci/openchoreo-client';
import type {
  ComponentSummary,
  WorkloadInfo,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { cacheKey, type OpenChoreoServiceContext } from './context';
import { toComponentInfo, toWorkloadInfo } from './mappers';
import type { WorkflowRunsService } from './WorkflowRunsService';

/** How many runs the summary carries. */
export const SUMMARY_RUN_COUNT = 5;

/** Component reads: the component itself, its workload, and the one-call summary. */
export class ComponentsService {
  constructor(
    private readonly ctx: OpenChoreoServiceContext,
    private readonly runs: WorkflowRunsService,
  ) {}

  /** The component (cached briefly); NotFoundError if it does not exist. */
  getComponent(namespace: string, name: string): Promise<Component> {
    return this.ctx.cache.get(cacheKey('component', namespace, name), () =>
      this.ctx.call(`read component "${namespace}/${name}"`, () =>
        this.ctx.client.components.get(namespace, name),
      ),
    );
  }

  /** Reads the component bypassing the cache (for read-modify-write). */
  getComponentFresh(namespace: string, name: string): Promise<Component> {
    return this.ctx.call(`read component "${namespace}/${name}"`, () =>
      this.ctx.client.components.get(namespace, name),
    );
  }

  /** Forgets the cached component after a write. */
  forgetComponent(namespace: string, name: string): Promise<void> {
    return this.ctx.cache.invalidate(cacheKey('component', namespace, name));
  }

  /** The component's workload, or undefined when it has none yet. */
  getWorkload(namespace: string, name: string): Promise<Workload | undefined> {
    return this.ctx.cache.get(
      cacheKey('workload', namespace, name),
      async () => {
        const workloads = await this.ctx.call(
          `list the workloads of component "${namespace}/${name}"`,
          () =>
            this.ctx.client.workloads.listAll(namespace, { component: name }),
        );
        // The filter is the server's; keep only this component's in case it matches loosely.
        return (
          workloads.find(w => w.spec?.owner?.componentName === name) ??
          workloads[0]
        );
      },
    );
  }

  /** The workload without values; NotFoundError when the component or its workload is missing. */
  async getWorkloadInfo(
    namespace: string,
    name: string,
  ): Promise<WorkloadInfo> {
    const [, workload] = await Promise.all([
      this.getComponent(namespace, name),
      this.getWorkload(namespace, name),
    ]);
    if (!workload) {
      throw new NotFoundError(
        `Component "${namespace}/${name}" has no workload yet: it is created by its first successful build`,
      );
    }
    return toWorkloadInfo(workload);
  }

  /** Component, workload and latest runs in one call. */
  async getSummary(namespace: string, name: string): Promise<ComponentSummary> {
    const [component, workload, runs] = await Promise.all([
      this.getComponent(namespace, name),
      this.getWorkload(namespace, name),
      this.runs.latest(namespace, name, SUMMARY_RUN_COUNT),
    ]);
    return {
      component: toComponentInfo(namespace, component),
      workload: workload ? toWorkloadInfo(workload) : null,
      latestRuns: runs,
    };
  }
}
