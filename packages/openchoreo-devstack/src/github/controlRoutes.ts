import express, { Request, Response, Router } from 'express';
import { bodyText, rateLimitControl, refuse } from '../emulatorKit';
import { runJson } from './json';
import { GitHubModel, RepoRecord, RunRecord } from './model';
import { urlsOf } from './requestHelpers';
import { NewWorkflowRun, SeedRepository, WorkflowRunConclusion } from './types';

const CONCLUSIONS: WorkflowRunConclusion[] = [
  'success',
  'failure',
  'cancelled',
  'timed_out',
  'skipped',
  'neutral',
  'action_required',
];

/** The emulator's own prefix for test control; nothing of GitHub's lives under it. */
export const GITHUB_CONTROL_PREFIX = '/_devstack';

function repoOf(model: GitHubModel, req: Request, res: Response) {
  const repo = model.find(req.params.owner, req.params.repo);
  if (!repo) {
    refuse(
      res,
      404,
      `No repository ${req.params.owner}/${req.params.repo}; add it with POST ${GITHUB_CONTROL_PREFIX}/repos`,
    );
  }
  return repo;
}

function runOf(
  model: GitHubModel,
  repo: RepoRecord,
  req: Request,
  res: Response,
) {
  const run = model.findRun(repo, Number(req.params.runId));
  if (!run)
    refuse(res, 404, `No workflow run ${req.params.runId} in ${repo.fullName}`);
  return run;
}

function newRun(body: unknown): NewWorkflowRun | string {
  const status = bodyText(body, 'status');
  if (status !== undefined && status !== 'queued' && status !== 'in_progress') {
    return "status must be 'queued' or 'in_progress'";
  }
  return {
    workflow: bodyText(body, 'name'),
    path: bodyText(body, 'path'),
    displayTitle: bodyText(body, 'display_title'),
    branch: bodyText(body, 'head_branch'),
    commit: bodyText(body, 'head_sha'),
    event: bodyText(body, 'event'),
    actor: bodyText(body, 'actor'),
    status,
  };
}

/**
 * Test control over HTTP, for tests and end-to-end journeys in another process (no auth; the
 * emulator listens on loopback):
 * `POST /_devstack/repos` `{full_name, private?, default_branch?}`,
 * `POST /_devstack/repos/{o}/{r}/runs` `{name?, head_branch?, head_sha?, display_title?, event?, actor?, status?}`,
 * `POST /_devstack/repos/{o}/{r}/runs/{id}/complete` `{conclusion}`,
 * `POST /_devstack/repos/{o}/{r}/pulls/{number}/merge`,
 * `PUT /_devstack/rate-limit` `{exhausted: boolean}`.
 */
export function createGitHubControlRouter(
  model: GitHubModel,
  setRateLimitExhausted: (exhausted: boolean) => void,
): Router {
  const router = Router();
  router.use(express.json());

  router.post('/repos', (req, res) => {
    const seed: SeedRepository = {
      fullName: bodyText(req.body, 'full_name') ?? '',
      private: req.body?.private === true,
      defaultBranch: bodyText(req.body, 'default_branch'),
      description: bodyText(req.body, 'description'),
    };
    try {
      const repo = model.addRepository(seed);
      res.status(201).json({ id: repo.id, full_name: repo.fullName });
    } catch (error) {
      refuse(res, 422, (error as Error).message);
    }
  });

  router.post('/repos/:owner/:repo/runs', (req, res) => {
    const repo = repoOf(model, req, res);
    if (!repo) return;
    const input = newRun(req.body);
    if (typeof input === 'string') {
      refuse(res, 422, input);
      return;
    }
    const run = model.addRun(repo, input);
    res.status(201).json(runJson(urlsOf(req), repo, run));
  });

  router.post('/repos/:owner/:repo/runs/:runId/complete', (req, res) => {
    const repo = repoOf(model, req, res);
    const run: RunRecord | undefined = repo && runOf(model, repo, req, res);
    if (!repo || !run) return;
    const conclusion = bodyText(
      req.body,
      'conclusion',
    ) as WorkflowRunConclusion;
    if (!CONCLUSIONS.includes(conclusion)) {
      refuse(res, 422, `conclusion must be one of ${CONCLUSIONS.join(', ')}`);
      return;
    }
    if (run.status === 'completed') {
      refuse(res, 409, `Workflow run ${run.id} is already completed`);
      return;
    }
    model.completeRun(run, conclusion);
    res.json(runJson(urlsOf(req), repo, run));
  });

  router.post('/repos/:owner/:repo/pulls/:number/merge', (req, res) => {
    const repo = repoOf(model, req, res);
    if (!repo) return;
    const pull = repo.pulls.find(p => p.number === Number(req.params.number));
    if (!pull || pull.state !== 'open') {
      refuse(
        res,
        404,
        `No open pull request #${req.params.number} in ${repo.fullName}`,
      );
      return;
    }
    model.mergePull(pull);
    res.json({ number: pull.number, state: pull.state, merged: true });
  });

  router.use(rateLimitControl(setRateLimitExhausted));
  return router;
}
