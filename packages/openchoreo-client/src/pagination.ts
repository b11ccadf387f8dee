import { OpenChoreoPaginationError } from './errors';
import type { ListAllQuery, ListQuery, Pagination } from './types';

/** Page size the "list all" helpers ask for unless told otherwise (the server's maximum). */
export const LIST_ALL_PAGE_SIZE = 100;

/** One page of a cursor-paginated OpenChoreo list. @public */
export interface Page<T> {
  items: T[];
  pagination: Pagination;
}

/**
 * Fetches every page of a list by following `pagination.nextCursor` until it is absent.
 * Throws {@link OpenChoreoPaginationError} if the server hands back a cursor it already gave.
 *
 * @param what - what is being listed, for the error message (e.g. `components in "default"`)
 * @param fetchPage - fetches the page at `cursor` (`undefined` for the first page)
 * @public
 */
export async function collectAllPages<T>(
  what: string,
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
): Promise<T[]> {
  const items: T[] = [];
  const seenCursors = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.pagination?.nextCursor || undefined;
    if (cursor !== undefined) {
      if (seenCursors.has(cursor)) {
        throw new OpenChoreoPaginationError(what, cursor);
      }
      seenCursors.add(cursor);
    }
  } while (cursor !== undefined);
  return items;
}

/**
 * The body of every resource's `listAll`: all pages of `list`, `limit` of
 * {@link LIST_ALL_PAGE_SIZE} unless the query sets one, and the query's filters on every page.
 *
 * @param what - what is being listed, for the error message (e.g. `components in "default"`)
 * @param list - the resource's one-page `list`, bound to its namespace if it has one
 * @param query - the caller's filters and page size; the cursor is managed here
 */
export function listAllPages<F extends ListAllQuery, T>(
  what: string,
  list: (query: F & ListQuery) => Promise<Page<T>>,
  query?: F,
): Promise<T[]> {
  // Object.assign keeps the generic filters typed (a spread of `F | undefined` would not).
  return collectAllPages(what, cursor =>
    list(Object.assign({ limit: LIST_ALL_PAGE_SIZE }, query, { cursor })),
  );
}
