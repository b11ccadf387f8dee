import { NotFoundError } from '@backstage/errors';
import {
  repositoryPathsOf,
  toParameterSchema,
  type ParameterSchemaNode,
  type RepositoryPaths,
  type WorkflowRef,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { cacheKey, type OpenChoreoServiceContext } from './context';

/** What the build views need to know about a (cluster) workflow. */
export interface WorkflowFacts {
  /** False when the workflow was deleted (its runs stay readable, but cannot be re-run). */
  exists: boolean;
  /** The parameter schema (`openAPIV3Schema`), when the workflow exists. */
  schema?: ParameterSchemaNode;
  /** Where the repository values are in its parameters (markers, else OpenChoreo's usual paths). */
  paths: RepositoryPaths;
  /** How long OpenChoreo keeps its runs after they complete, e.g. `7d`. */
  ttlAfterCompletion?: string;
}

/** How long derived facts (paths, retention) are remembered without a read; they rarely change. */
const MEMO_MS = 5 * 60_000;

/**
 * Reads workflows for the build views: one upstream read per workflow, shared through the status
 * cache, plus a process-wide memo of what is harmless to share between callers (where the
 * repository values are, the retention), so listing builds never needs a workflow read.
 */
export class WorkflowFactsService {
  private readonly memo = new Map<
    string,
    { facts: WorkflowFacts; at: number }
  >();

  constructor(
    private readonly ctx: OpenChoreoServiceContext,
    private readonly now: () => number = Date.now,
  ) {}

  /** The remembered facts of a workflow, without any upstream read; `undefined` if unknown. */
  peek(namespace: string, ref: WorkflowRef): WorkflowFacts | undefined {
    const hit = this.memo.get(memoKey(namespace, ref));
    return hit && this.now() - hit.at < MEMO_MS ? hit.facts : undefined;
  }

  /** Reads the workflow (as the current caller); `exists: false` when it is gone. */
  async get(namespace: string, ref: WorkflowRef): Promise<WorkflowFacts> {
    const label =
      ref.kind === 'Workflow'
        ? `workflow "${namespace}/${ref.name}"`
        : `cluster workflow "${ref.name}"`;
    let facts: WorkflowFacts;
    try {
      const spec = await this.ctx.cache.get(
        cacheKey('workflow', ref.kind, namespace, ref.name),
        async () => {
          const workflow = await this.ctx.call(`read ${label}`, () =>
            ref.kind === 'Workflow'
              ? this.ctx.client.workflows.get(namespace, ref.name)
              : this.ctx.client.clusterWorkflows.get(ref.name),
          );
          return {
            parameters: workflow.spec?.parameters ?? {},
            ttlAfterCompletion: workflow.spec?.ttlAfterCompletion ?? null,
          };
        },
      );
      const schema = toParameterSchema(spec.parameters);
      facts = {
        exists: true,
        schema,
        paths: repositoryPathsOf(schema),
        ...(spec.ttlAfterCompletion
          ? { ttlAfterCompletion: spec.ttlAfterCompletion }
          : {}),
      };
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      facts = { exists: false, paths: repositoryPathsOf(undefined) };
    }
    this.memo.set(memoKey(namespace, ref), {
      facts: { ...facts, schema: undefined },
      at: this.now(),
    });
    if (this.memo.size > 1000) {
      this.memo.delete(this.memo.keys().next().value!);
    }
    return facts;
  }
}

function memoKey(namespace: string, ref: WorkflowRef): string {
  return ref.kind === 'Workflow'
    ? `Workflow/${namespace}/${ref.name}`
    : `ClusterWorkflow/${ref.name}`;
}
