import { ApiError, PlainTextBadRequest } from './errors';

/** The `pagination` object of every list response. */
export interface Pagination {
  nextCursor?: string;
}

/** A page of a list response: `{"items": [...], "pagination": {...}}`. */
export interface ListPage<T> {
  items: T[];
  pagination: Pagination;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

/** Reads a query parameter that must appear at most once. */
export function queryString(
  query: Record<string, unknown>,
  name: string,
): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new PlainTextBadRequest(
      `Invalid format for parameter ${name}: expected a single value`,
    );
  }
  return value;
}

/** Reads an integer query parameter; unparseable values are a plain-text 400 like the real server's. */
export function queryInteger(
  query: Record<string, unknown>,
  name: string,
): number | undefined {
  const raw = queryString(query, name);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) {
    throw new PlainTextBadRequest(
      `Invalid format for parameter ${name}: error binding string parameter: strconv.ParseInt: parsing "${raw}": invalid syntax`,
    );
  }
  return Number(raw);
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const { o } = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through to the error below
  }
  throw new ApiError('BAD_REQUEST', 'Invalid pagination cursor');
}

/** The `limit` (default 20, clamped to 1..100) and the store position a `cursor` names. */
export function pageQuery(query: Record<string, unknown>): {
  limit: number;
  from: number;
} {
  const requested = queryInteger(query, 'limit') ?? DEFAULT_LIMIT;
  const limit = Math.min(Math.max(requested, 1), MAX_LIMIT);
  const cursor = queryString(query, 'cursor');
  if (!cursor) return { limit, from: 0 };
  try {
    const { s } = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Number.isInteger(s) && s > 0) return { limit, from: s };
  } catch {
    // fall through to the error below
  }
  throw new ApiError('BAD_REQUEST', 'Invalid pagination cursor');
}

/** The `pagination` of a store page: a cursor naming the position where the next page starts. */
export function positionPagination(next: number | undefined): Pagination {
  return next === undefined
    ? {}
    : {
        nextCursor: Buffer.from(JSON.stringify({ s: next })).toString(
          'base64url',
        ),
      };
}

/**
 * Cuts one page out of `items` from the `limit` (default 20, clamped to 1..100) and opaque
 * `cursor` query parameters; `nextCursor` is set only when more items follow.
 */
export function paginate<T>(
  items: T[],
  query: Record<string, unknown>,
): ListPage<T> {
  const requested = queryInteger(query, 'limit') ?? DEFAULT_LIMIT;
  const limit = Math.min(Math.max(requested, 1), MAX_LIMIT);
  const cursor = queryString(query, 'cursor');
  const offset = cursor ? decodeCursor(cursor) : 0;
  const end = offset + limit;
  return {
    items: items.slice(offset, end),
    pagination: end < items.length ? { nextCursor: encodeCursor(end) } : {},
  };
}
