import { Request, Response } from 'express';
import { linkHeader, pageOf } from '../emulatorKit';
import { callerOf } from './auth';
import { GitLabModel, ProjectRecord } from './model';

const PAGING = { defaultPerPage: 20, maxPerPage: 100 };
const DEVELOPER = 30;

/** The instance URL as the caller addressed this server. */
export const originOf = (req: Request) =>
  `${req.protocol}://${req.get('host')}`;

/** The project of `:id` (numeric or URL-encoded path), or GitLab's 404 (also for a private one without a token). */
export function visibleProject(
  model: GitLabModel,
  req: Request,
  res: Response,
): ProjectRecord | undefined {
  const project = model.find(req.params.id);
  if (
    !project ||
    (project.visibility !== 'public' && callerOf(res).kind === 'anonymous')
  ) {
    res.status(404).json({ message: '404 Project Not Found' });
    return undefined;
  }
  return project;
}

/** Refuses a write without a token (401) or below Developer access (403), as GitLab does. */
export function requireDeveloper(res: Response): boolean {
  const caller = callerOf(res);
  if (caller.kind === 'anonymous') {
    res.status(401).json({ message: '401 Unauthorized' });
    return false;
  }
  if (caller.accessLevel < DEVELOPER) {
    res.status(403).json({ message: '403 Forbidden' });
    return false;
  }
  return true;
}

/** A query parameter that must be one of `allowed`; GitLab's 400 names it otherwise. */
export function enumParam<T extends string>(
  req: Request,
  res: Response,
  name: string,
  allowed: readonly T[],
): T | undefined | null {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (
    typeof value === 'string' &&
    (allowed as readonly string[]).includes(value)
  ) {
    return value as T;
  }
  res.status(400).json({ error: `${name} does not have a valid value` });
  return null;
}

/** Sends a page of a list with GitLab's `x-page`, `x-total`, `x-next-page`... and `link` headers. */
export function sendPage<T>(
  req: Request,
  res: Response,
  items: T[],
  render: (item: T) => unknown,
) {
  const page = pageOf(items, req.query, PAGING);
  const next = page.page < page.lastPage ? String(page.page + 1) : '';
  const prev =
    page.page > 1 ? String(Math.min(page.page - 1, page.lastPage)) : '';
  const rels: Array<[string, number]> = [];
  if (prev) rels.push(['prev', Number(prev)]);
  if (next) rels.push(['next', Number(next)]);
  rels.push(['first', 1], ['last', page.lastPage]);
  res.set({
    'x-page': String(page.page),
    'x-per-page': String(page.perPage),
    'x-total': String(page.total),
    'x-total-pages': String(page.lastPage),
    'x-next-page': next,
    'x-prev-page': prev,
    link: linkHeader(req, page.perPage, rels),
  });
  res.json(page.items.map(render));
}
