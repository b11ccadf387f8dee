import type { Request } from 'express';

/** One page of a list, as `page`/`per_page` REST APIs (GitHub, GitLab) cut it. */
export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  total: number;
  /** The last page number; 1 for an empty list. */
  lastPage: number;
}

function positiveInteger(raw: unknown): number | undefined {
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= 1 ? value : undefined;
}

/**
 * Cuts the page the `page` and `per_page` query parameters ask for; unparseable values fall back
 * to the defaults and `per_page` is clamped to `maxPerPage`, as both GitHub and GitLab do.
 */
export function pageOf<T>(
  items: T[],
  query: Request['query'],
  limits: { defaultPerPage: number; maxPerPage: number },
): Page<T> {
  const perPage = Math.min(
    positiveInteger(query.per_page) ?? limits.defaultPerPage,
    limits.maxPerPage,
  );
  const page = positiveInteger(query.page) ?? 1;
  const start = (page - 1) * perPage;
  return {
    items: items.slice(start, start + perPage),
    page,
    perPage,
    total: items.length,
    lastPage: Math.max(1, Math.ceil(items.length / perPage)),
  };
}

/** The URL of the same request with `page` (and `per_page`) set, for `link` headers. */
export function pageUrl(req: Request, page: number, perPage: number): string {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host')}`);
  url.searchParams.set('page', String(page));
  url.searchParams.set('per_page', String(perPage));
  return url.toString();
}

/** An RFC 8288 `link` header from `[rel, page]` pairs, e.g. `<...page=2>; rel="next"`. */
export function linkHeader(
  req: Request,
  perPage: number,
  rels: Array<[rel: string, page: number]>,
): string {
  return rels
    .map(([rel, page]) => `<${pageUrl(req, page, perPage)}>; rel="${rel}"`)
    .join(', ');
}
