import express, { Request, Response, Router } from 'express';
import { callerOf } from './auth';
import { GITHUB_DOCS, sendGitHubError } from './errors';
import { repoJson, runJson } from './json';
import { jobsJson } from './jobsJson';
import { GitHubModel, RepoRecord, RunRecord } from './model';
import { pullRoutes } from './pullRoutes';
import { requireWrite, sendPage, urlsOf, visibleRepo } from './requestHelpers';

const RUN_STATUSES = new Set([
  'queued',
  'in_progress',
  'completed',
  'requested',
  'waiting',
  'pending',
]);
function runFilter(query: Request['query']) {
  const text = (name: string) =>
    typeof query[name] === 'string' && query[name] !== ''
      ? (query[name] as string)
      : undefined;
  const branch = text('branch');
  const status = text('status');
  const event = text('event');
  const actor = text('actor');
  const headSha = text('head_sha');
  return (run: RunRecord) =>
    (!branch || run.headBranch === branch) &&
    (!event || run.event === event) &&
    (!actor || run.actor === actor) &&
    (!headSha || run.headSha === headSha) &&
    (!status ||
      (RUN_STATUSES.has(status)
        ? run.status === status
        : run.conclusion === status));
}

function findRun(
  repo: RepoRecord,
  req: Request,
  res: Response,
  model: GitHubModel,
  docs: string,
): RunRecord | undefined {
  const id = /^\d+$/.test(req.params.runId)
    ? Number(req.params.runId)
    : undefined;
  const run = id === undefined ? undefined : model.findRun(repo, id);
  if (!run) sendGitHubError(res, 404, 'Not Found', docs);
  return run;
}

/** The GitHub REST calls of Actions visibility and GitOps pull requests (mounted at `/` and `/api/v3`). */
export function createGitHubRouter(model: GitHubModel): Router {
  const router = Router();
  router.use(express.json());

  router.get('/repos/:owner/:repo', (req, res) => {
    const repo = visibleRepo(model, req, res, GITHUB_DOCS.getRepo);
    if (!repo) return;
    const caller = callerOf(res);
    res.json(
      repoJson(
        urlsOf(req),
        repo,
        caller.kind === 'user' ? { write: caller.write } : undefined,
      ),
    );
  });

  router.get('/repos/:owner/:repo/actions/runs', (req, res) => {
    const repo = visibleRepo(model, req, res, GITHUB_DOCS.listRuns);
    if (!repo) return;
    const runs = repo.runs
      .filter(runFilter(req.query))
      .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    sendPage(req, res, runs, page => ({
      total_count: runs.length,
      workflow_runs: page.map(run => runJson(urlsOf(req), repo, run)),
    }));
  });

  router.get('/repos/:owner/:repo/actions/runs/:runId', (req, res) => {
    const repo = visibleRepo(model, req, res, GITHUB_DOCS.getRun);
    const run = repo && findRun(repo, req, res, model, GITHUB_DOCS.getRun);
    if (repo && run) res.json(runJson(urlsOf(req), repo, run));
  });

  router.get('/repos/:owner/:repo/actions/runs/:runId/jobs', (req, res) => {
    const repo = visibleRepo(model, req, res, GITHUB_DOCS.listJobs);
    const run = repo && findRun(repo, req, res, model, GITHUB_DOCS.listJobs);
    if (repo && run) res.json(jobsJson(urlsOf(req), repo, run));
  });

  router.post('/repos/:owner/:repo/actions/runs/:runId/rerun', (req, res) => {
    const repo = visibleRepo(model, req, res, GITHUB_DOCS.rerun);
    const run = repo && findRun(repo, req, res, model, GITHUB_DOCS.rerun);
    if (!run || !requireWrite(res, GITHUB_DOCS.rerun)) return;
    if (model.rerun(run) === 'already-running') {
      sendGitHubError(
        res,
        403,
        'This workflow is already running',
        GITHUB_DOCS.rerun,
      );
      return;
    }
    res.status(201).json({});
  });

  router.use(pullRoutes(model));
  return router;
}
