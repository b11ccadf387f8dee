/*
 * GitHub Actions and GitLab CI runs as the backend plugin serves them
 * (`/api/openchoreo/entities/:kind/:namespace/:name/ci-runs`), shared with the frontend.
 * Isomorphic: types and pure helpers only.
 */

/** The External CI platforms whose runs the portal's backend reads with the configured token. */
export type ExternalCiRunsPlatform = 'github-actions' | 'gitlab-ci';

/** One status vocabulary for every CI (also used for Jenkins and OpenChoreo builds in the UI). */
export type CiRunStatus =
  | 'succeeded'
  | 'failed'
  | 'running'
  | 'queued'
  | 'cancelled'
  | 'skipped'
  | 'unknown';

/** True while a run may still change. */
export function isCiRunActive(status: CiRunStatus): boolean {
  return status === 'running' || status === 'queued';
}

/** One run of a GitHub Actions workflow or one GitLab CI pipeline. */
export interface ExternalCiRun {
  /** The platform's id of the run (GitHub run id, GitLab pipeline id). */
  id: string;
  /** The number people see: GitHub `run_number`, GitLab pipeline `iid`. */
  number?: number;
  /** The workflow (GitHub) or pipeline name / source (GitLab). */
  pipeline: string;
  /** A title for the run: the head commit's message (GitHub) or the ref (GitLab). */
  title?: string;
  status: CiRunStatus;
  /** The platform's own words, e.g. `in_progress`, `failure`, `canceled`. */
  statusText: string;
  branch?: string;
  /** Full commit SHA. */
  commit?: string;
  /** What started it: `push`, `pull_request`, `merge_request_event`, `web`... */
  event?: string;
  /** Who started it. */
  actor?: string;
  createdAt?: string;
  startedAt?: string;
  finishedAt?: string;
  /** How long it ran (or has been running), in ms, when the platform says. */
  durationMs?: number;
  /** The run's page in GitHub or GitLab. */
  url?: string;
}

/** The repository (GitHub) or project (GitLab) whose runs are shown. */
export interface ExternalCiProject {
  /** `owner/repo`, `group/subgroup/project`, or a GitLab numeric project id. */
  slug: string;
  /** Its page in GitHub or GitLab. */
  webUrl?: string;
  /** The host of the integration used (`github.com`, `gitlab.example.com`). */
  host: string;
}

/** Why runs cannot be shown; each state has its own message and action in the UI. */
export type ExternalCiUnavailableReason =
  /** No usable `integrations.github[]` / `integrations.gitlab[]` token in the portal. */
  | 'not-configured'
  /** The repository or project does not exist, or the token cannot see it. */
  | 'not-found'
  /** The platform refused the portal's token (revoked, expired, wrong). */
  | 'unauthorized'
  /** GitHub's rate limit is used up (or GitLab answers 429) until `resetAt`. */
  | 'rate-limited'
  /** The token may not read CI runs (403 without a rate limit). */
  | 'forbidden'
  /** The platform did not answer (network, time-out, 5xx). */
  | 'unreachable';

/** `GET .../ci-runs`: the runs, or why the portal cannot show them. */
export type ExternalCiRunsResponse =
  | {
      state: 'ok';
      platform: ExternalCiRunsPlatform;
      project: ExternalCiProject;
      /** Newest first. */
      runs: ExternalCiRun[];
      page: number;
      perPage: number;
      /** True when a next page exists. */
      hasNextPage: boolean;
      /** True when the portal's token may re-run (GitHub push access, GitLab Developer or more). */
      canRerun: boolean;
    }
  | {
      state: 'unavailable';
      platform: ExternalCiRunsPlatform;
      reason: ExternalCiUnavailableReason;
      /** What happened and what to do, for the user. Never contains a token. */
      message: string;
      /** The project the portal asked for, when known. */
      project?: ExternalCiProject;
      /** When the rate limit resets (ISO 8601), for `rate-limited`. */
      resetAt?: string;
    };

/** `POST .../ci-runs/:runId/rerun` (201): the run as it is right after the re-run request. */
export interface ExternalCiRerunResponse {
  run: ExternalCiRun;
}
