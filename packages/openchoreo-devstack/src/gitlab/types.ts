/** A pipeline's `status`, as the GitLab API reports it. */
export type PipelineStatus =
  | 'created'
  | 'waiting_for_resource'
  | 'preparing'
  | 'pending'
  | 'running'
  | 'success'
  | 'failed'
  | 'canceled'
  | 'skipped'
  | 'manual'
  | 'scheduled';

/** One pipeline of a seeded project. */
export interface SeedPipeline {
  status: PipelineStatus;
  /** Branch or tag; defaults to the project's default branch. */
  ref?: string;
  /** Full 40-character SHA. */
  sha: string;
  /** What started it: `push` (default), `web`, `merge_request_event`, `schedule`, `api`... */
  source?: string;
  /** Username of who started it; defaults to `devstack-dev`. */
  user?: string;
  /** How long before the emulator started the pipeline was created. */
  startedMinutesAgo: number;
  /** How long it ran; ignored while it runs. */
  durationSeconds: number;
}

/** A project to seed, with its pipelines (oldest first). */
export interface SeedProject {
  /** Numeric id, as in `gitlab.com/project-id`; assigned when omitted. */
  id?: number;
  /** `group/project` (or `group/subgroup/project`), as in `gitlab.com/project-slug`. */
  pathWithNamespace: string;
  /** Private projects are 404 to requests without a token, like on GitLab. Defaults to public. */
  visibility?: 'public' | 'internal' | 'private';
  /** Defaults to `main`. */
  defaultBranch?: string;
  description?: string;
  pipelines?: SeedPipeline[];
}

/** A token the emulator accepts (or deliberately refuses). */
export interface SeedGitLabToken {
  token: string;
  username: string;
  /** GitLab access level in every project: 20 reporter (read only), 30 developer, 40 maintainer. */
  accessLevel: 20 | 30 | 40;
  /** Answered 401 `invalid_token` "Token was revoked..." on every request. */
  revoked?: boolean;
}

/** One token for each case a client must handle. */
export interface GitLabTokenRoles {
  /** Maintainer: reads, retries pipelines, opens merge requests. */
  write: string;
  /** Reporter: reads; retry and merge requests answer 403. */
  readOnly: string;
  /** 401. */
  revoked: string;
}

/** A pipeline to add through the test-control API; every field has a default. */
export interface NewPipeline {
  ref?: string;
  sha?: string;
  source?: string;
  user?: string;
  /** Defaults to `running`; it stays there until `completePipeline`. */
  status?: 'created' | 'pending' | 'running';
}

/** What the control API returns about a pipeline. */
export interface PipelineRef {
  id: number;
  iid: number;
  webUrl: string;
}

/** A merge request as the control API reports it. */
export interface MergeRequestSummary {
  iid: number;
  title: string;
  description: string;
  sourceBranch: string;
  targetBranch: string;
  state: 'opened' | 'closed' | 'merged';
  webUrl: string;
}

/** Options of {@link startGitLabEmulator}. */
export interface GitLabEmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; defaults to 127.0.0.1. */
  host?: string;
  /** Defaults to {@link defaultSeedProjects}. */
  projects?: SeedProject[];
  /** Defaults to {@link DEFAULT_GITLAB_TOKENS}. */
  tokens?: SeedGitLabToken[];
  /** How long a retried pipeline runs before it succeeds; defaults to 5000 ms. */
  pipelineDurationMs?: number;
  /** Receives one line per request: method, path, status and duration. */
  logger?: (line: string) => void;
}

/** A running GitLab REST v4 emulator. */
export interface GitLabEmulator {
  /** The instance URL (what `GITLAB_HOST` names), e.g. `http://127.0.0.1:8084`. */
  url: string;
  /** `${url}/api/v4`. */
  apiUrl: string;
  /** The default seeded tokens, by role. */
  tokens: GitLabTokenRoles;
  /** Adds a project (test control). */
  addProject(seed: SeedProject): void;
  /** Starts a pipeline that stays running until {@link GitLabEmulator.completePipeline}. */
  addPipeline(project: string | number, pipeline?: NewPipeline): PipelineRef;
  /** Finishes a pipeline that has not finished yet. */
  completePipeline(
    project: string | number,
    pipelineId: number,
    status: 'success' | 'failed' | 'canceled',
  ): void;
  /** Turns the rate-limit simulation on (every API request 429s) or off. */
  setRateLimitExhausted(exhausted: boolean): void;
  /** The merge requests of a project, newest first. */
  mergeRequests(project: string | number): MergeRequestSummary[];
  /** Merges an open merge request, as a reviewer would. */
  mergeMergeRequest(project: string | number, iid: number): void;
  /** Stops the server and cancels pending pipeline timers. */
  close(): Promise<void>;
}
