import type {
  ExternalCiRun,
  ExternalCiRunsPlatform,
  ExternalCiUnavailableReason,
} from '@openchoreo-ci/plugin-openchoreo-common';

/** How the UI names each platform and its parts. */
export const PLATFORM_TEXT: Record<
  ExternalCiRunsPlatform,
  { name: string; host: string; project: string; run: string }
> = {
  'github-actions': {
    name: 'GitHub Actions',
    host: 'GitHub',
    project: 'Repository',
    run: 'run',
  },
  'gitlab-ci': {
    name: 'GitLab CI',
    host: 'GitLab',
    project: 'Project',
    run: 'pipeline',
  },
};

/** The title of each `unavailable` state, stable for tests and end-to-end journeys. */
export function unavailableTitle(
  platform: ExternalCiRunsPlatform,
  reason: ExternalCiUnavailableReason,
): string {
  const text = PLATFORM_TEXT[platform];
  switch (reason) {
    case 'not-configured':
      return `${text.name} is not configured`;
    case 'not-found':
      return `${text.project} not found`;
    case 'unauthorized':
      return `${text.host} refused the portal's token`;
    case 'rate-limited':
      return `${text.host} rate limit reached`;
    case 'forbidden':
      return `No access to the ${text.name} runs`;
    default:
      return `${text.host} is unreachable`;
  }
}

/** `Build and publish #17`, `Pipeline #4`. */
export function runTitle(run: ExternalCiRun): string {
  return run.number === undefined
    ? run.pipeline
    : `${run.pipeline} #${run.number}`;
}

/** The commit's page: GitHub `<repo>/commit/<sha>`, GitLab `<project>/-/commit/<sha>`. */
export function commitUrl(
  platform: ExternalCiRunsPlatform,
  projectUrl: string | undefined,
  sha: string | undefined,
): string | undefined {
  if (!projectUrl || !sha) return undefined;
  const base = projectUrl.replace(/\/+$/, '');
  return platform === 'github-actions'
    ? `${base}/commit/${sha}`
    : `${base}/-/commit/${sha}`;
}
