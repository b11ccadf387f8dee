import { Request, Response } from 'express';
import { linkHeader, pageOf } from '../emulatorKit';
import { callerOf } from './auth';
import { sendGitHubError } from './errors';
import { GitHubUrls } from './json';
import { GitHubModel, RepoRecord } from './model';

const PAGING = { defaultPerPage: 30, maxPerPage: 100 };

/** The API and web base URLs as the caller addressed this server. */
export function urlsOf(req: Request): GitHubUrls {
  const origin = `${req.protocol}://${req.get('host')}`;
  return { api: `${origin}${req.baseUrl}`, html: origin };
}

/** The repository of the path, or GitHub's 404 (also for a private one without a token). */
export function visibleRepo(
  model: GitHubModel,
  req: Request,
  res: Response,
  docs: string,
): RepoRecord | undefined {
  const repo = model.find(req.params.owner, req.params.repo);
  if (!repo || (repo.private && callerOf(res).kind === 'anonymous')) {
    sendGitHubError(res, 404, 'Not Found', docs);
    return undefined;
  }
  return repo;
}

/** Refuses a write without a token (401) or with a read-only one (403), as GitHub does. */
export function requireWrite(res: Response, docs: string): boolean {
  const caller = callerOf(res);
  if (caller.kind === 'anonymous') {
    sendGitHubError(res, 401, 'Requires authentication', docs);
    return false;
  }
  if (!caller.write) {
    sendGitHubError(
      res,
      403,
      'Resource not accessible by personal access token',
      docs,
    );
    return false;
  }
  return true;
}

/** Sends a page of a list with GitHub's `link` header (next/last, then prev/first). */
export function sendPage<T>(
  req: Request,
  res: Response,
  items: T[],
  render: (page: T[]) => unknown,
) {
  const page = pageOf(items, req.query, PAGING);
  const rels: Array<[string, number]> = [];
  if (page.page > 1)
    rels.push(['prev', Math.min(page.page - 1, page.lastPage)]);
  if (page.page < page.lastPage) {
    rels.push(['next', page.page + 1], ['last', page.lastPage]);
  }
  if (page.page > 1) rels.push(['first', 1]);
  if (rels.length > 0)
    res.setHeader('link', linkHeader(req, page.perPage, rels));
  res.json(render(page.items));
}
