import { minutesBefore, pseudoSha, Timers } from '../emulatorKit';
import {
  NewPipeline,
  PipelineStatus,
  SeedPipeline,
  SeedProject,
} from './types';

/** One pipeline, in the emulator's memory. */
export interface PipelineRecord {
  id: number;
  iid: number;
  status: PipelineStatus;
  ref: string;
  sha: string;
  source: string;
  user: string;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

/** A merge request; the emulator keeps no git data, so any branch is accepted. */
export interface MergeRequestRecord {
  id: number;
  iid: number;
  title: string;
  description: string;
  sourceBranch: string;
  targetBranch: string;
  author: string;
  state: 'opened' | 'closed' | 'merged';
  sha: string;
  createdAt: number;
  updatedAt: number;
  mergedAt: number | null;
}

/** A project with its pipelines (oldest first) and merge requests. */
export interface ProjectRecord {
  id: number;
  path: string;
  pathWithNamespace: string;
  namespace: string;
  visibility: 'public' | 'internal' | 'private';
  defaultBranch: string;
  description: string | null;
  createdAt: number;
  pipelines: PipelineRecord[];
  mergeRequests: MergeRequestRecord[];
}

/** Statuses of a pipeline that has not finished. */
export const UNFINISHED: ReadonlySet<PipelineStatus> = new Set([
  'created',
  'waiting_for_resource',
  'preparing',
  'pending',
  'running',
  'scheduled',
  'manual',
]);

type IdKind = 'project' | 'pipeline' | 'mergeRequest';

/** In-memory GitLab: projects, pipelines that finish on a timer, and merge requests. */
export class GitLabModel {
  private readonly projects: ProjectRecord[] = [];
  private readonly timers = new Timers();
  private readonly nextIds: Record<IdKind, number> = {
    project: 5100,
    pipeline: 1_870_000_000,
    mergeRequest: 310_000_000,
  };

  constructor(
    seeds: SeedProject[],
    private readonly options: { pipelineDurationMs: number },
  ) {
    const now = Date.now();
    for (const seed of seeds) this.addProject(seed, now);
  }

  private nextId(kind: IdKind): number {
    return this.nextIds[kind]++;
  }

  /** By numeric id, or by `group/project` path (case-insensitive, as on GitLab). */
  find(idOrPath: string | number): ProjectRecord | undefined {
    const key = String(idOrPath);
    if (/^\d+$/.test(key)) return this.projects.find(p => p.id === Number(key));
    const path = key.toLowerCase();
    return this.projects.find(p => p.pathWithNamespace.toLowerCase() === path);
  }

  /** Finds a project or throws with what to do. */
  require(idOrPath: string | number): ProjectRecord {
    const project = this.find(idOrPath);
    if (!project) throw new Error(`No GitLab project '${idOrPath}' is seeded`);
    return project;
  }

  addProject(seed: SeedProject, now = Date.now()): ProjectRecord {
    const segments = seed.pathWithNamespace.split('/');
    if (segments.length < 2 || segments.some(s => s === '')) {
      throw new Error(
        `Project '${seed.pathWithNamespace}' must be written as group/project`,
      );
    }
    if (this.find(seed.pathWithNamespace) || (seed.id && this.find(seed.id))) {
      throw new Error(`Project '${seed.pathWithNamespace}' already exists`);
    }
    const project: ProjectRecord = {
      id: seed.id ?? this.nextId('project'),
      path: segments.at(-1)!,
      pathWithNamespace: seed.pathWithNamespace,
      namespace: segments.slice(0, -1).join('/'),
      visibility: seed.visibility ?? 'public',
      defaultBranch: seed.defaultBranch ?? 'main',
      description: seed.description ?? null,
      createdAt: minutesBefore(now, 60 * 24 * 300),
      pipelines: [],
      mergeRequests: [],
    };
    this.projects.push(project);
    for (const pipeline of seed.pipelines ?? []) {
      this.seedPipeline(project, pipeline, now);
    }
    return project;
  }

  private seedPipeline(
    project: ProjectRecord,
    seed: SeedPipeline,
    now: number,
  ) {
    const createdAt = minutesBefore(now, seed.startedMinutesAgo);
    const finished = !UNFINISHED.has(seed.status);
    const finishedAt = finished
      ? createdAt + 4000 + seed.durationSeconds * 1000
      : null;
    project.pipelines.push({
      id: this.nextId('pipeline'),
      iid: project.pipelines.length + 1,
      status: seed.status,
      ref: seed.ref ?? project.defaultBranch,
      sha: seed.sha,
      source: seed.source ?? 'push',
      user: seed.user ?? 'devstack-dev',
      createdAt,
      startedAt:
        seed.status === 'created' || seed.status === 'pending'
          ? null
          : createdAt + 4000,
      finishedAt,
      updatedAt: finishedAt ?? createdAt + 4000,
    });
  }

  /** Starts a pipeline that stays unfinished until {@link GitLabModel.completePipeline}. */
  addPipeline(project: ProjectRecord, input: NewPipeline = {}): PipelineRecord {
    const now = Date.now();
    const status = input.status ?? 'running';
    const pipeline: PipelineRecord = {
      id: this.nextId('pipeline'),
      iid: project.pipelines.length + 1,
      status,
      ref: input.ref ?? project.defaultBranch,
      sha: input.sha ?? pseudoSha(`${project.pathWithNamespace}#${now}`),
      source: input.source ?? 'push',
      user: input.user ?? 'devstack-dev',
      createdAt: now,
      updatedAt: now,
      startedAt: status === 'running' ? now : null,
      finishedAt: null,
    };
    project.pipelines.push(pipeline);
    return pipeline;
  }

  findPipeline(project: ProjectRecord, id: number) {
    return project.pipelines.find(p => p.id === id);
  }

  /** Finishes an unfinished pipeline. */
  completePipeline(pipeline: PipelineRecord, status: PipelineStatus): void {
    if (!UNFINISHED.has(pipeline.status)) {
      throw new Error(`Pipeline ${pipeline.id} has already finished`);
    }
    const now = Date.now();
    pipeline.status = status;
    pipeline.startedAt ??= now;
    pipeline.finishedAt = pipeline.updatedAt = now;
  }

  /**
   * Retries the failed and canceled jobs of a pipeline: it runs again and succeeds after the
   * configured duration. Without such jobs (success, running...) nothing happens, as on GitLab.
   */
  retry(pipeline: PipelineRecord): void {
    if (pipeline.status !== 'failed' && pipeline.status !== 'canceled') return;
    const now = Date.now();
    Object.assign(pipeline, {
      status: 'running',
      startedAt: now,
      finishedAt: null,
      updatedAt: now,
    });
    this.timers.after(this.options.pipelineDurationMs, () => {
      if (pipeline.status === 'running' && pipeline.startedAt === now) {
        this.completePipeline(pipeline, 'success');
      }
    });
  }

  /** Opens a merge request. */
  openMergeRequest(
    project: ProjectRecord,
    input: {
      title: string;
      description: string;
      sourceBranch: string;
      targetBranch: string;
    },
    author: string,
  ): MergeRequestRecord {
    const now = Date.now();
    const mergeRequest: MergeRequestRecord = {
      id: this.nextId('mergeRequest'),
      iid: project.mergeRequests.length + 1,
      ...input,
      author,
      state: 'opened',
      sha: pseudoSha(
        `${project.pathWithNamespace}:${input.sourceBranch}:${now}`,
      ),
      createdAt: now,
      updatedAt: now,
      mergedAt: null,
    };
    project.mergeRequests.push(mergeRequest);
    return mergeRequest;
  }

  /** Merges an open merge request. */
  merge(mergeRequest: MergeRequestRecord): void {
    if (mergeRequest.state !== 'opened') {
      throw new Error(`Merge request !${mergeRequest.iid} is not open`);
    }
    mergeRequest.state = 'merged';
    mergeRequest.mergedAt = mergeRequest.updatedAt = Date.now();
  }

  /** Cancels the timers of retried pipelines still running. */
  dispose(): void {
    this.timers.dispose();
  }
}
