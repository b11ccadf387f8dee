import type { Response } from 'express';

/** Where GitHub's error bodies point (`documentation_url`), per operation. */
export const GITHUB_DOCS = {
  rest: 'https://docs.github.com/rest',
  getRepo: 'https://docs.github.com/rest/repos/repos#get-a-repository',
  listRuns:
    'https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-repository',
  getRun:
    'https://docs.github.com/rest/actions/workflow-runs#get-a-workflow-run',
  listJobs:
    'https://docs.github.com/rest/actions/workflow-jobs#list-jobs-for-a-workflow-run',
  rerun: 'https://docs.github.com/rest/actions/workflow-runs#re-run-a-workflow',
  listPulls: 'https://docs.github.com/rest/pulls/pulls#list-pull-requests',
  createPull: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
  rateLimits:
    'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
};

/** Sends GitHub's error body: `{message, documentation_url, status}` (+ `errors` for 422). */
export function sendGitHubError(
  res: Response,
  status: number,
  message: string,
  documentationUrl: string = GITHUB_DOCS.rest,
  errors?: Array<Record<string, string>>,
) {
  res.status(status).json({
    message,
    ...(errors ? { errors } : {}),
    documentation_url: documentationUrl,
    status: String(status),
  });
}
