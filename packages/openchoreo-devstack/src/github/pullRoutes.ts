import { Request, Response, Router } from 'express';
import { callerOf } from './auth';
import { GITHUB_DOCS, sendGitHubError } from './errors';
import { pullJson } from './json';
import { GitHubModel, RepoRecord } from './model';
import { requireWrite, sendPage, urlsOf, visibleRepo } from './requestHelpers';

const stringField = (body: unknown, name: string): string | undefined => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

function missingFieldsMessage(missing: string[]): string {
  const names = missing.map(name => `"${name}"`).join(', ');
  return `Invalid request.\n\n${names} ${
    missing.length === 1 ? "wasn't" : "weren't"
  } supplied.`;
}

/** `head` as `branch` or `owner:branch`; undefined when it names another owner (a fork). */
function headBranch(repo: RepoRecord, head: string): string | undefined {
  const colon = head.indexOf(':');
  if (colon < 0) return head;
  return head.slice(0, colon).toLowerCase() === repo.owner.toLowerCase()
    ? head.slice(colon + 1)
    : undefined;
}

function validationFailed(
  res: Response,
  errors: Array<Record<string, string>>,
) {
  sendGitHubError(
    res,
    422,
    'Validation Failed',
    GITHUB_DOCS.createPull,
    errors,
  );
}

function createPull(model: GitHubModel, req: Request, res: Response) {
  const repo = visibleRepo(model, req, res, GITHUB_DOCS.createPull);
  if (!repo || !requireWrite(res, GITHUB_DOCS.createPull)) return;
  const [title, head, base] = ['title', 'head', 'base'].map(name =>
    stringField(req.body, name),
  );
  const missing = (['head', 'base', 'title'] as const).filter(
    name => !{ title, head, base }[name],
  );
  if (missing.length > 0 || !title || !head || !base) {
    sendGitHubError(
      res,
      422,
      missingFieldsMessage(missing),
      GITHUB_DOCS.createPull,
    );
    return;
  }
  const branch = headBranch(repo, head);
  if (!branch) {
    validationFailed(res, [
      { resource: 'PullRequest', field: 'head', code: 'invalid' },
    ]);
    return;
  }
  if (branch === base) {
    validationFailed(res, [
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `No commits between ${base} and ${branch}`,
      },
    ]);
    return;
  }
  const duplicate = repo.pulls.find(
    pull => pull.state === 'open' && pull.head === branch && pull.base === base,
  );
  if (duplicate) {
    validationFailed(res, [
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `A pull request already exists for ${repo.owner}:${branch}.`,
      },
    ]);
    return;
  }
  const caller = callerOf(res);
  const pull = model.openPull(
    repo,
    { title, body: stringField(req.body, 'body') ?? '', head: branch, base },
    req.body?.draft === true,
    caller.kind === 'user' ? caller.login : 'ghost',
  );
  const json = pullJson(urlsOf(req), repo, pull);
  res.status(201).setHeader('location', json.url).json(json);
}

/**
 * `GET` and `POST /repos/{owner}/{repo}/pulls`: the calls of a GitOps publisher that opens a
 * release pull request. `head` filters only in GitHub's `owner:branch` form; a bare branch name
 * is ignored by GitHub, and so here.
 */
export function pullRoutes(model: GitHubModel): Router {
  const router = Router();
  router.get('/repos/:owner/:repo/pulls', (req, res) => {
    const repo = visibleRepo(model, req, res, GITHUB_DOCS.listPulls);
    if (!repo) return;
    const state =
      typeof req.query.state === 'string' ? req.query.state : 'open';
    const head = typeof req.query.head === 'string' ? req.query.head : '';
    const headFilter = head.includes(':')
      ? headBranch(repo, head) ?? null
      : undefined;
    const base =
      typeof req.query.base === 'string' ? req.query.base : undefined;
    const pulls = repo.pulls
      .filter(
        pull =>
          (state === 'all' || pull.state === state) &&
          (headFilter === undefined || pull.head === headFilter) &&
          (!base || pull.base === base),
      )
      .sort((a, b) => b.createdAt - a.createdAt || b.number - a.number);
    sendPage(req, res, pulls, page =>
      page.map(pull => pullJson(urlsOf(req), repo, pull)),
    );
  });
  router.post('/repos/:owner/:repo/pulls', (req, res) =>
    createPull(model, req, res),
  );
  return router;
}
