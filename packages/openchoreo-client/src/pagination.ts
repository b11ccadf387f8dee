import { OpenChoreoPaginationError } from './errors';
import type { Pagination } from './types';

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
