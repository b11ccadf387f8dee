import { useDeferredValue, useMemo, useRef } from 'react';
import type { WorkflowRunLogLine } from '@openchoreo-ci/plugin-openchoreo-common';

/** The lines of a log that match a query, as computed by {@link findMatchingLines}. */
export interface LogSearchResult {
  lines: readonly WorkflowRunLogLine[];
  query: string;
  /** Indexes (0-based) of the lines containing `query`, case-insensitively, in order. */
  matches: number[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function scan(
  lines: readonly WorkflowRunLogLine[],
  pattern: RegExp,
  indexes: Iterable<number>,
  into: number[],
) {
  for (const i of indexes) {
    if (pattern.test(lines[i].log)) into.push(i);
  }
}

function* range(from: number, to: number) {
  for (let i = from; i < to; i++) yield i;
}

/**
 * The lines containing `query` (case-insensitive). Given the previous result, it only looks
 * where the answer can have changed: a longer query that contains the previous one is
 * searched for among the previous matches, and lines appended since (a running step's log
 * grows at its end) are the only ones scanned for the same query.
 */
export function findMatchingLines(
  lines: readonly WorkflowRunLogLine[],
  query: string,
  previous?: LogSearchResult,
): number[] {
  if (!query) return [];
  // A case-insensitive test needs no lower-cased copy of every line.
  const pattern = new RegExp(escapeRegExp(query), 'i');
  const appendedTo =
    previous &&
    previous.lines.length <= lines.length &&
    (previous.lines.length === 0 ||
      previous.lines[previous.lines.length - 1] ===
        lines[previous.lines.length - 1]);
  if (!previous || !appendedTo || !previous.query) {
    const matches: number[] = [];
    scan(lines, pattern, range(0, lines.length), matches);
    return matches;
  }
  if (previous.query === query && previous.lines === lines) {
    return previous.matches;
  }
  const matches: number[] = [];
  if (previous.query === query) {
    matches.push(...previous.matches);
  } else if (query.toLowerCase().includes(previous.query.toLowerCase())) {
    scan(lines, pattern, previous.matches, matches);
  } else {
    scan(lines, pattern, range(0, previous.lines.length), matches);
  }
  scan(lines, pattern, range(previous.lines.length, lines.length), matches);
  return matches;
}

/** Search of a log, off the typing path. */
export interface LogSearch {
  /** The query the matches are for: it trails the typed one while a search is under way. */
  query: string;
  matches: number[];
}

/**
 * Searches `lines` for the typed query without holding up typing: the query the search uses
 * is deferred (React renders the keystroke first, then the search), and each search starts
 * from the previous result (see {@link findMatchingLines}).
 */
export function useLogSearch(
  lines: readonly WorkflowRunLogLine[],
  typed: string,
): LogSearch {
  const wanted = typed.trim();
  const query = useDeferredValue(wanted);
  const last = useRef<LogSearchResult>();
  const matches = useMemo(() => {
    const found = findMatchingLines(lines, query, last.current);
    last.current = { lines, query, matches: found };
    return found;
  }, [lines, query]);
  return { query, matches };
}
