import { JenkinsBuildResult, SeedJob } from './types';

/** Why a build started, as Jenkins' `CauseAction` reports it. */
export interface BuildCause {
  _class: string;
  shortDescription: string;
  userId?: string;
  userName?: string;
}

/** One build of a job, in the emulator's memory. */
export interface BuildRecord {
  number: number;
  queueId: number;
  timestamp: number;
  durationMs: number;
  result: JenkinsBuildResult | null;
  building: boolean;
  commit: string;
  /** The branch this build checked out; the job's branch when unset. */
  branch?: string;
  tests?: { total: number; failed: number; skipped: number };
  parameters: Record<string, string>;
  cause: BuildCause;
}

/** A buildable job (pipeline or freestyle). */
export interface JobRecord {
  kind: 'job';
  type: 'pipeline' | 'freestyle';
  name: string;
  fullName: string;
  description: string;
  repositoryUrl: string;
  branch: string;
  /** Oldest first. */
  builds: BuildRecord[];
  nextBuildNumber: number;
}

/** A folder holding jobs and other folders. */
export interface FolderRecord {
  kind: 'folder';
  name: string;
  fullName: string;
  children: Map<string, ItemRecord>;
}

/** Anything that lives under `/job/...`. */
export type ItemRecord = JobRecord | FolderRecord;

const SCM_CAUSE: BuildCause = {
  _class: 'hudson.triggers.SCMTrigger$SCMTriggerCause',
  shortDescription: 'Started by an SCM change',
};

function userCause(username: string): BuildCause {
  return {
    _class: 'hudson.model.Cause$UserIdCause',
    shortDescription: `Started by user ${username}`,
    userId: username,
    userName: username,
  };
}

/** In-memory Jenkins: folders, jobs, builds, and builds that finish on a timer. */
export class JenkinsModel {
  readonly root: FolderRecord = {
    kind: 'folder',
    name: '',
    fullName: '',
    children: new Map(),
  };
  private nextQueueId = 100;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly queueItems = new Map<
    number,
    { job: JobRecord; build: BuildRecord }
  >();

  constructor(
    seeds: SeedJob[],
    private readonly options: { username: string; buildDurationMs: number },
  ) {
    const now = Date.now();
    for (const seed of seeds) {
      this.addJob(seed, now);
    }
  }

  /** The branch a build checked out. */
  static branchOf(job: JobRecord, build: BuildRecord): string {
    return build.branch ?? job.branch;
  }

  /** Finds the item at a slash-separated full name, or a list of name segments. */
  find(fullName: string | string[]): ItemRecord | undefined {
    const names = Array.isArray(fullName)
      ? fullName
      : fullName.split('/').filter(Boolean);
    let item: ItemRecord = this.root;
    for (const name of names) {
      if (item.kind !== 'folder') return undefined;
      const child = item.children.get(name);
      if (!child) return undefined;
      item = child;
    }
    return item;
  }

  /** Starts a build that finishes with SUCCESS after the configured duration. */
  startBuild(
    job: JobRecord,
    trigger: {
      parameters?: Record<string, string>;
      cause?: BuildCause;
      commit?: string;
      branch?: string;
    } = {},
  ): BuildRecord {
    const build: BuildRecord = {
      number: job.nextBuildNumber++,
      queueId: this.nextQueueId++,
      timestamp: Date.now(),
      durationMs: 0,
      result: null,
      building: true,
      commit: trigger.commit ?? job.builds.at(-1)?.commit ?? '0'.repeat(40),
      branch: trigger.branch,
      parameters: trigger.parameters ?? {},
      cause: trigger.cause ?? userCause(this.options.username),
    };
    job.builds.push(build);
    this.queueItems.set(build.queueId, { job, build });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      build.building = false;
      build.result = 'SUCCESS';
      build.durationMs = Date.now() - build.timestamp;
      build.tests = job.builds.findLast(b => b.tests)?.tests;
    }, this.options.buildDurationMs);
    timer.unref();
    this.timers.add(timer);
    return build;
  }

  /** Adds a build that an SCM change started `durationMs` ago and that has just finished. */
  addFinishedBuild(
    job: JobRecord,
    input: {
      result: JenkinsBuildResult;
      commit?: string;
      branch?: string;
      durationMs?: number;
    },
  ): BuildRecord {
    const durationMs = input.durationMs ?? 60_000;
    const build: BuildRecord = {
      number: job.nextBuildNumber++,
      queueId: this.nextQueueId++,
      timestamp: Date.now() - durationMs,
      durationMs,
      result: input.result,
      building: false,
      commit: input.commit ?? job.builds.at(-1)?.commit ?? '0'.repeat(40),
      branch: input.branch,
      parameters: {},
      cause: SCM_CAUSE,
    };
    job.builds.push(build);
    this.queueItems.set(build.queueId, { job, build });
    return build;
  }

  /** Cause of a build started by replaying an earlier one. */
  replayCause(original: BuildRecord): BuildCause {
    return {
      _class: 'org.jenkinsci.plugins.workflow.cps.replay.ReplayCause',
      shortDescription: `Replayed #${original.number}`,
    };
  }

  /** The build a queue item turned into. */
  findQueueItem(id: number) {
    return this.queueItems.get(id);
  }

  /** Cancels the timers of builds still running. */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Adds a job (and its missing folders) with its seeded builds; refuses a taken name. */
  addJob(seed: SeedJob, now = Date.now()): JobRecord {
    if (this.find(seed.fullName)) {
      throw new Error(`A Jenkins item named '${seed.fullName}' already exists`);
    }
    const names = seed.fullName.split('/').filter(Boolean);
    let folder = this.root;
    for (const [index, name] of names.slice(0, -1).entries()) {
      let child = folder.children.get(name);
      if (!child) {
        child = {
          kind: 'folder',
          name,
          fullName: names.slice(0, index + 1).join('/'),
          children: new Map(),
        };
        folder.children.set(name, child);
      }
      if (child.kind !== 'folder') {
        throw new Error(
          `Cannot add job ${seed.fullName}: ${child.fullName} is a job, not a folder`,
        );
      }
      folder = child;
    }
    const builds = seed.builds.map((b, index) => ({
      number: index + 1,
      queueId: this.nextQueueId++,
      timestamp: now - b.startedMinutesAgo * 60_000,
      durationMs: b.result === null ? 0 : b.durationMs,
      result: b.result,
      building: b.result === null,
      commit: b.commit,
      tests: b.result === null ? undefined : b.tests,
      parameters: b.parameters ?? {},
      cause: b.cause === 'user' ? userCause(this.options.username) : SCM_CAUSE,
    }));
    const job: JobRecord = {
      kind: 'job',
      type: seed.type ?? 'pipeline',
      name: names.at(-1)!,
      fullName: names.join('/'),
      description: seed.description ?? '',
      repositoryUrl: seed.repositoryUrl,
      branch: seed.branch ?? 'main',
      builds,
      nextBuildNumber: builds.length + 1,
    };
    folder.children.set(job.name, job);
    return job;
  }
}
