import { minutesBefore, pseudoSha, Timers } from '../emulatorKit';
import {
  NewWorkflowRun,
  SeedRepository,
  SeedWorkflowRun,
  WorkflowRunConclusion,
  WorkflowRunStatus,
} from './types';

/** A workflow file of a repository. */
export interface WorkflowRecord {
  id: number;
  name: string;
  path: string;
  nextRunNumber: number;
}

/** One workflow run (its latest attempt), in the emulator's memory. */
export interface RunRecord {
  id: number;
  /** Id of the single job of the latest attempt. */
  jobId: number;
  workflow: WorkflowRecord;
  displayTitle: string;
  runNumber: number;
  runAttempt: number;
  status: WorkflowRunStatus;
  conclusion: WorkflowRunConclusion | null;
  headBranch: string;
  headSha: string;
  event: string;
  actor: string;
  createdAt: number;
  updatedAt: number;
  runStartedAt: number;
}

/** A pull request; the emulator keeps no git data, so any head branch is accepted. */
export interface PullRecord {
  id: number;
  number: number;
  title: string;
  body: string;
  /** Branch names, without the `owner:` prefix. */
  head: string;
  base: string;
  headSha: string;
  baseSha: string;
  draft: boolean;
  user: string;
  state: 'open' | 'closed';
  mergedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** A repository with its workflows, runs (oldest first) and pull requests. */
export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  defaultBranch: string;
  description: string | null;
  createdAt: number;
  workflows: Map<string, WorkflowRecord>;
  runs: RunRecord[];
  pulls: PullRecord[];
}

/** Why a re-run was refused. */
export type RerunRefusal = 'already-running';

const kebab = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

type IdKind = 'repo' | 'workflow' | 'run' | 'job' | 'pull';

/** Raised for a repository, run or pull request the emulator does not have. */
export class GitHubNotFoundError extends Error {}

/** In-memory GitHub: repositories, workflow runs that finish on a timer, and pull requests. */
export class GitHubModel {
  private readonly repos = new Map<string, RepoRecord>();
  private readonly timers = new Timers();
  private readonly nextIds: Record<IdKind, number> = {
    repo: 700_100_000,
    workflow: 81_000_000,
    run: 12_300_000_000,
    job: 34_500_000_000,
    pull: 2_100_000_000,
  };

  constructor(
    seeds: SeedRepository[],
    private readonly options: { runDurationMs: number },
  ) {
    const now = Date.now();
    for (const seed of seeds) this.addRepository(seed, now);
  }

  private nextId(kind: IdKind): number {
    return this.nextIds[kind]++;
  }

  /** Owner and name are case-insensitive, as on GitHub. */
  find(owner: string, name: string): RepoRecord | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  /** Finds `owner/name` or throws {@link GitHubNotFoundError}. */
  require(fullName: string): RepoRecord {
    const [owner, name] = fullName.split('/');
    const repo = this.find(owner ?? '', name ?? '');
    if (!repo) {
      throw new GitHubNotFoundError(`No repository '${fullName}' is seeded`);
    }
    return repo;
  }

  addRepository(seed: SeedRepository, now = Date.now()): RepoRecord {
    const [owner, name, ...rest] = seed.fullName.split('/');
    if (!owner || !name || rest.length > 0) {
      throw new Error(
        `Repository '${seed.fullName}' must be written as owner/name`,
      );
    }
    if (this.find(owner, name)) {
      throw new Error(`Repository '${seed.fullName}' already exists`);
    }
    const repo: RepoRecord = {
      id: this.nextId('repo'),
      owner,
      name,
      fullName: `${owner}/${name}`,
      private: seed.private ?? false,
      defaultBranch: seed.defaultBranch ?? 'main',
      description: seed.description ?? null,
      createdAt: minutesBefore(now, 60 * 24 * 400),
      workflows: new Map(),
      runs: [],
      pulls: [],
    };
    this.repos.set(repo.fullName.toLowerCase(), repo);
    for (const run of seed.runs ?? []) this.seedRun(repo, run, now);
    return repo;
  }

  private workflow(repo: RepoRecord, name: string, path?: string) {
    const file = path ?? `.github/workflows/${kebab(name)}.yml`;
    let workflow = repo.workflows.get(file);
    if (!workflow) {
      workflow = {
        id: this.nextId('workflow'),
        name,
        path: file,
        nextRunNumber: 1,
      };
      repo.workflows.set(file, workflow);
    }
    return workflow;
  }

  private seedRun(repo: RepoRecord, seed: SeedWorkflowRun, now: number) {
    const workflow = this.workflow(repo, seed.workflow, seed.path);
    const createdAt = minutesBefore(now, seed.startedMinutesAgo);
    const running = seed.conclusion === null;
    let status: WorkflowRunStatus = 'completed';
    if (running) status = seed.queued ? 'queued' : 'in_progress';
    repo.runs.push({
      id: this.nextId('run'),
      jobId: this.nextId('job'),
      workflow,
      displayTitle: seed.displayTitle,
      runNumber: workflow.nextRunNumber++,
      runAttempt: 1,
      status,
      conclusion: seed.conclusion,
      headBranch: seed.branch ?? repo.defaultBranch,
      headSha: seed.commit,
      event: seed.event ?? 'push',
      actor: seed.actor ?? 'octocat',
      createdAt,
      runStartedAt: createdAt,
      updatedAt: running ? createdAt : createdAt + seed.durationSeconds * 1000,
    });
  }

  /** Starts a run that stays queued or in progress until {@link GitHubModel.completeRun}. */
  addRun(repo: RepoRecord, input: NewWorkflowRun = {}): RunRecord {
    const workflow = this.workflow(
      repo,
      input.workflow ?? 'Build and publish',
      input.path,
    );
    const now = Date.now();
    const run: RunRecord = {
      id: this.nextId('run'),
      jobId: this.nextId('job'),
      workflow,
      displayTitle: input.displayTitle ?? `Run ${workflow.nextRunNumber}`,
      runNumber: workflow.nextRunNumber++,
      runAttempt: 1,
      status: input.status ?? 'in_progress',
      conclusion: null,
      headBranch: input.branch ?? repo.defaultBranch,
      headSha: input.commit ?? pseudoSha(`${repo.fullName}#${now}`),
      event: input.event ?? 'push',
      actor: input.actor ?? 'octocat',
      createdAt: now,
      runStartedAt: now,
      updatedAt: now,
    };
    repo.runs.push(run);
    return run;
  }

  findRun(repo: RepoRecord, id: number): RunRecord | undefined {
    return repo.runs.find(run => run.id === id);
  }

  /** Completes a queued or running run; completing a completed run is an error. */
  completeRun(run: RunRecord, conclusion: WorkflowRunConclusion): void {
    if (run.status === 'completed') {
      throw new Error(`Workflow run ${run.id} is already completed`);
    }
    run.status = 'completed';
    run.conclusion = conclusion;
    run.updatedAt = Date.now();
  }

  /**
   * Re-runs a completed run as its next attempt: same id, `run_attempt + 1`, a new job; queued,
   * then in progress, then `success` after the configured duration.
   */
  rerun(run: RunRecord): RerunRefusal | undefined {
    if (run.status !== 'completed') return 'already-running';
    const now = Date.now();
    Object.assign(run, {
      runAttempt: run.runAttempt + 1,
      jobId: this.nextId('job'),
      status: 'queued',
      conclusion: null,
      runStartedAt: now,
      updatedAt: now,
    });
    const attempt = run.runAttempt;
    const duration = this.options.runDurationMs;
    const stillThisAttempt = () =>
      run.runAttempt === attempt && run.status !== 'completed';
    this.timers.after(Math.min(500, duration / 4), () => {
      if (!stillThisAttempt()) return;
      run.status = 'in_progress';
      run.updatedAt = Date.now();
    });
    this.timers.after(duration, () => {
      if (stillThisAttempt()) this.completeRun(run, 'success');
    });
    return undefined;
  }

  /** Opens a pull request. */
  openPull(
    repo: RepoRecord,
    input: { title: string; body: string; head: string; base: string },
    draft: boolean,
    user: string,
  ): PullRecord {
    const now = Date.now();
    const number = Math.max(0, ...repo.pulls.map(p => p.number)) + 1;
    const pull: PullRecord = {
      id: this.nextId('pull'),
      number,
      ...input,
      headSha: pseudoSha(`${repo.fullName}:${input.head}:${now}`),
      baseSha: pseudoSha(`${repo.fullName}:${input.base}`),
      draft,
      user,
      state: 'open',
      mergedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    repo.pulls.push(pull);
    return pull;
  }

  /** Merges an open pull request. */
  mergePull(pull: PullRecord): void {
    if (pull.state !== 'open') {
      throw new Error(`Pull request #${pull.number} is not open`);
    }
    pull.state = 'closed';
    pull.mergedAt = pull.updatedAt = Date.now();
  }

  /** Cancels the timers of re-runs still in flight. */
  dispose(): void {
    this.timers.dispose();
  }
}
