import {
  OBSERVER_MAX_LIMIT,
  type ObserverClient,
  type ObserverWorkflowSearchScope,
} from '@openchoreo-ci/openchoreo-client';

/** One archived log line, as the portal serves it. */
export interface ArchivedLine {
  timestamp?: string;
  log: string;
}

/** What paging through the Observer found and what it cost. */
export interface ArchivedLines {
  lines: ArchivedLine[];
  /** Observer queries made. */
  requests: number;
  /**
   * False when the lines stop early: more than {@link OBSERVER_MAX_LIMIT} lines share one
   * timestamp (a time window cannot page past them) or `maxLines` was reached.
   */
  complete: boolean;
}

/** Default cap of lines read for one step (20 pages). */
export const MAX_ARCHIVED_LINES = 100_000;

/**
 * Reads every log line of a workflow scope from the Observer, oldest first, paging past the
 * Observer's 1,000-entry limit: the Observer has no cursor, so each next page starts at the
 * last timestamp seen (its window is inclusive) and skips the lines of that timestamp it
 * already has.
 */
export async function readAllArchivedLines(
  observer: ObserverClient,
  query: {
    scope: ObserverWorkflowSearchScope;
    startTime: string;
    endTime: string;
    searchPhrase?: string;
    /** Stop after this many lines (default {@link MAX_ARCHIVED_LINES}). */
    maxLines?: number;
    /** Entries per query (default and maximum {@link OBSERVER_MAX_LIMIT}). */
    pageSize?: number;
  },
): Promise<ArchivedLines> {
  const maxLines = query.maxLines ?? MAX_ARCHIVED_LINES;
  const pageSize = Math.min(
    query.pageSize ?? OBSERVER_MAX_LIMIT,
    OBSERVER_MAX_LIMIT,
  );
  const lines: ArchivedLine[] = [];
  let startTime = query.startTime;
  /** Lines already taken that carry `startTime` (the inclusive boundary). */
  let takenAtBoundary = 0;
  let requests = 0;
  for (;;) {
    const page = await observer.queryLogs({
      startTime,
      endTime: query.endTime,
      searchScope: query.scope,
      sortOrder: 'asc',
      limit: pageSize,
      ...(query.searchPhrase ? { searchPhrase: query.searchPhrase } : {}),
    });
    requests += 1;
    const entries = page.logs ?? [];
    let skip = requests > 1 ? takenAtBoundary : 0;
    let fresh = 0;
    for (const entry of entries) {
      if (skip > 0 && entry.timestamp === startTime) {
        skip -= 1;
        continue;
      }
      skip = 0;
      lines.push({
        ...(entry.timestamp ? { timestamp: entry.timestamp } : {}),
        log: entry.log ?? '',
      });
      fresh += 1;
      if (lines.length >= maxLines) {
        return { lines, requests, complete: false };
      }
    }
    if (entries.length < pageSize) return { lines, requests, complete: true };
    const last = entries[entries.length - 1].timestamp;
    if (!last || fresh === 0) return { lines, requests, complete: false };
    startTime = last;
    takenAtBoundary = countTail(lines, last);
  }
}

/** How many of the last lines carry `timestamp`. */
function countTail(lines: ArchivedLine[], timestamp: string): number {
  let n = 0;
  for (
    let i = lines.length - 1;
    i >= 0 && lines[i].timestamp === timestamp;
    i--
  )
    n++;
  return n;
}

/** The time window to ask the Observer for a run's entries: around its start and completion. */
export function runWindow(run: {
  metadata?: { creationTimestamp?: string };
  status?: { startedAt?: string; completedAt?: string };
}): { startTime: string; endTime: string } {
  const margin = 5 * 60_000;
  const start = Date.parse(
    run.status?.startedAt ?? run.metadata?.creationTimestamp ?? '',
  );
  const end = Date.parse(run.status?.completedAt ?? '');
  const now = Date.now();
  const from = Number.isNaN(start) ? now - 30 * 24 * 3_600_000 : start - margin;
  const to = Number.isNaN(end) ? Math.max(now, from) + margin : end + margin;
  return {
    startTime: new Date(from).toISOString(),
    endTime: new Date(to).toISOString(),
  };
}
