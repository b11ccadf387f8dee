/** The outcome of a completed workflow run (the REST API's `conclusion`). */
export type WorkflowRunConclusion =
  | 'success'
  | 'failure'
  | 'cancelled'
  | 'timed_out'
  | 'skipped'
  | 'neutral'
  | 'action_required';

/** Where a workflow run is (the REST API's `status`). */
export type WorkflowRunStatus = 'queued' | 'in_progress' | 'completed';

/** One workflow run of a seeded repository. */
export interface SeedWorkflowRun {
  /** Workflow name, e.g. `Build and publish`. */
  workflow: string;
  /** Workflow file; defaults to `.github/workflows/<workflow in kebab case>.yml`. */
  path?: string;
  /** The head commit's message, shown as `display_title`. */
  displayTitle: string;
  /** Defaults to the repository's default branch. */
  branch?: string;
  /** Full 40-character SHA. */
  commit: string;
  /** Defaults to `push`. */
  event?: string;
  /** Login of the user who triggered it; defaults to `octocat`. */
  actor?: string;
  /** How long before the emulator started the run was created. */
  startedMinutesAgo: number;
  /** How long it ran; ignored while it runs. */
  durationSeconds: number;
  /** `null` = still running (`status: in_progress`, or `queued` with `queued: true`). */
  conclusion: WorkflowRunConclusion | null;
  queued?: boolean;
}

/** A repository to seed, with its workflow runs (oldest first). */
export interface SeedRepository {
  /** `owner/name`, as in `github.com/project-slug`. */
  fullName: string;
  /** Private repositories are 404 to requests without a token, like on GitHub. */
  private?: boolean;
  /** Defaults to `main`. */
  defaultBranch?: string;
  description?: string;
  runs?: SeedWorkflowRun[];
}

/** A token the emulator accepts (or deliberately refuses). */
export interface SeedGitHubToken {
  token: string;
  /** The user the token belongs to. */
  login: string;
  /** `write` may re-run workflows and open pull requests; `read` only reads. */
  access: 'read' | 'write';
  /** Answered with 401 "Bad credentials" on every request. */
  revoked?: boolean;
  /** Answered with the rate-limit 403 on every request (`x-ratelimit-remaining: 0`). */
  rateLimited?: boolean;
}

/** One token for each case a client must handle. */
export interface GitHubTokenRoles {
  /** Reads, re-runs and opens pull requests. */
  write: string;
  /** Reads; re-run and pull requests answer 403. */
  readOnly: string;
  /** 401 "Bad credentials". */
  revoked: string;
  /** 403 rate limit exceeded, `x-ratelimit-remaining: 0`. */
  rateLimited: string;
}

/** A run to add through the test-control API; every field has a default. */
export interface NewWorkflowRun {
  workflow?: string;
  path?: string;
  displayTitle?: string;
  branch?: string;
  commit?: string;
  event?: string;
  actor?: string;
  /** Defaults to `in_progress`; the run stays there until `completeRun`. */
  status?: 'queued' | 'in_progress';
}

/** What the control API returns about a run. */
export interface WorkflowRunRef {
  id: number;
  runNumber: number;
  htmlUrl: string;
}

/** A pull request as the control API reports it. */
export interface PullRequestSummary {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
  merged: boolean;
  htmlUrl: string;
}

/** Options of {@link startGitHubEmulator}. */
export interface GitHubEmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; defaults to 127.0.0.1. */
  host?: string;
  /** Defaults to {@link defaultSeedRepositories}. */
  repositories?: SeedRepository[];
  /** Defaults to {@link DEFAULT_GITHUB_TOKENS}. */
  tokens?: SeedGitHubToken[];
  /** How long a re-run takes before it completes with `success`; defaults to 5000 ms. */
  runDurationMs?: number;
  /** Requests an authenticated user may make per hour; defaults to 5000 (anonymous: 60). */
  rateLimit?: number;
  /** Receives one line per request: method, path, status and duration. */
  logger?: (line: string) => void;
}

/** A running GitHub REST emulator. */
export interface GitHubEmulator {
  /** The api.github.com-style base URL, e.g. `http://127.0.0.1:8083`. */
  url: string;
  /** The same API under the GitHub Enterprise Server prefix: `${url}/api/v3`. */
  enterpriseApiUrl: string;
  /** The default seeded tokens, by role (whatever the `tokens` option seeded). */
  tokens: GitHubTokenRoles;
  /** Adds a repository (test control). */
  addRepository(seed: SeedRepository): void;
  /** Starts a workflow run that stays running until {@link GitHubEmulator.completeRun}. */
  addRun(repository: string, run?: NewWorkflowRun): WorkflowRunRef;
  /** Completes a running workflow run with the given conclusion. */
  completeRun(
    repository: string,
    runId: number,
    conclusion: WorkflowRunConclusion,
  ): void;
  /** Turns the rate-limit simulation on (every request 403s) or off. */
  setRateLimitExhausted(exhausted: boolean): void;
  /** The pull requests of a repository, newest first. */
  pullRequests(repository: string): PullRequestSummary[];
  /** Merges an open pull request, as a reviewer would. */
  mergePullRequest(repository: string, pullNumber: number): void;
  /** Stops the server and cancels pending run timers. */
  close(): Promise<void>;
}
