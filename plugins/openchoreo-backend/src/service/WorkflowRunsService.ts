import { NotFoundError } from '@backstage/errors';
import type {
  WorkflowRun,
  WorkflowRunStatusSummary,
} from '@openchoreo-ci/openchoreo-client';
import {
  OPENCHOREO_COMPONENT_LABEL,
  type WorkflowRunDetails,
  type WorkflowRunEventsResponse,
  type WorkflowRunLogsResponse,
  type WorkflowRunPage,
  type WorkflowRunSummary,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { cacheKey, type OpenChoreoServiceContext } from './context';
import {
  newestFirst,
  toWorkflowRunDetails,
  toWorkflowRunSummary,
} from './mappers';

/** Build (WorkflowRun) reads: lists per component, one run with steps, logs and events. */
export class WorkflowRunsService {
  constructor(private readonly ctx: OpenChoreoServiceContext) {}

  /** All runs of a component, newest first (cached briefly). */
  listAllForComponent(
    namespace: string,
    component: string,
  ): Promise<WorkflowRunSummary[]> {
    return this.ctx.cache.get(
      cacheKey('runs', namespace, component, 'all'),
      async () => {
        const runs = await this.ctx.call(
          `list the builds of component "${namespace}/${component}"`,
          () =>
            this.ctx.client.workflowRuns.listAll(namespace, {
              labelSelector: `${OPENCHOREO_COMPONENT_LABEL}=${component}`,
            }),
        );
        return runs
          .sort(newestFirst)
          .map(run => toWorkflowRunSummary(namespace, run));
      },
    );
  }

  /** One page of a component's runs; each page is sorted newest first. */
  listPage(
    namespace: string,
    component: string,
    page: { limit: number; cursor?: string },
  ): Promise<WorkflowRunPage> {
    return this.ctx.cache.get(
      cacheKey('runs', namespace, component, 'page', page.limit, page.cursor),
      async () => {
        const list = await this.ctx.call(
          `list the builds of component "${namespace}/${component}"`,
          () =>
            this.ctx.client.workflowRuns.list(namespace, {
              labelSelector: `${OPENCHOREO_COMPONENT_LABEL}=${component}`,
              limit: page.limit,
              ...(page.cursor ? { cursor: page.cursor } : {}),
            }),
        );
        const nextCursor = list.pagination?.nextCursor;
        return {
          items: [...list.items]
            .sort(newestFirst)
            .map(run => toWorkflowRunSummary(namespace, run)),
          ...(nextCursor ? { nextCursor } : {}),
        };
      },
    );
  }

  /** Forgets the cached run lists of a component (after starting a build). */
  forgetComponentRuns(namespace: string, component: string): void {
    this.ctx.cache.invalidate(cacheKey('runs', namespace, component));
  }

  /** The raw run (cached briefly); NotFoundError if it does not exist. */
  getRun(namespace: string, name: string): Promise<WorkflowRun> {
    return this.ctx.cache.get(cacheKey('run', namespace, name), () =>
      this.ctx.call(`read build "${namespace}/${name}"`, () =>
        this.ctx.client.workflowRuns.get(namespace, name),
      ),
    );
  }

  /** The run with its steps. */
  async getDetails(
    namespace: string,
    name: string,
  ): Promise<WorkflowRunDetails> {
    const [run, status] = await Promise.all([
      this.getRun(namespace, name),
      this.ctx.cache.get<WorkflowRunStatusSummary | undefined>(
        cacheKey('run-status', namespace, name),
        () =>
          this.ctx.call(`read the status of build "${namespace}/${name}"`, () =>
            this.ctx.client.workflowRuns.getStatus(namespace, name),
          ),
      ),
    ]);
    return toWorkflowRunDetails(namespace, run, status);
  }

  /** Logs of a run (optionally one task); empty while the run has not started. */
  async getLogs(
    namespace: string,
    name: string,
    query: { task?: string; sinceSeconds?: number },
  ): Promise<WorkflowRunLogsResponse> {
    try {
      const items = await this.ctx.cache.get(
        cacheKey('run-logs', namespace, name, query.task, query.sinceSeconds),
        () =>
          this.ctx.call(`read the logs of build "${namespace}/${name}"`, () =>
            this.ctx.client.workflowRuns.getLogs(namespace, name, {
              ...(query.task ? { task: query.task } : {}),
              ...(query.sinceSeconds !== undefined
                ? { sinceSeconds: query.sinceSeconds }
                : {}),
            }),
          ),
      );
      return { items };
    } catch (error) {
      // OpenChoreo answers 404 for the logs of a run that exists but has not started yet.
      if (error instanceof NotFoundError) {
        await this.getRun(namespace, name);
        return { items: [] };
      }
      throw error;
    }
  }

  /** Kubernetes events of a run (optionally one task). */
  async getEvents(
    namespace: string,
    name: string,
    query: { task?: string },
  ): Promise<WorkflowRunEventsResponse> {
    const items = await this.ctx.cache.get(
      cacheKey('run-events', namespace, name, query.task),
      () =>
        this.ctx.call(`read the events of build "${namespace}/${name}"`, () =>
          this.ctx.client.workflowRuns.getEvents(
            namespace,
            name,
            query.task ? { task: query.task } : undefined,
          ),
        ),
    );
    return { items };
  }
}
