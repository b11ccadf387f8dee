import type { ExternalCiRun } from '@openchoreo-ci/plugin-openchoreo-common';

/** One page of runs, newest first. */
export interface RunsPage {
  runs: ExternalCiRun[];
  hasNextPage: boolean;
}

/** What the portal asks GitHub or GitLab; failures are `ExternalCiUnavailableError`s. */
export interface CiPlatformReader {
  /** The repository or project: its page and whether the portal's token may re-run. */
  project(slug: string): Promise<{ webUrl?: string; canRerun: boolean }>;
  /** One page of runs (1-based). */
  runs(slug: string, page: number, perPage: number): Promise<RunsPage>;
  /** Re-runs a run and returns it as it is right after. */
  rerun(slug: string, runId: string): Promise<ExternalCiRun>;
}

/** `owner/repo` or `group/sub/project` with each segment URL-encoded. */
export function encodePathSegments(slug: string): string {
  return slug.split('/').map(encodeURIComponent).join('/');
}
