import type {
  ObserverClient,
  ObserverLogsQuery,
} from '@openchoreo-ci/openchoreo-client';
import { readAllArchivedLines, runWindow } from './archivedReads';

/** An Observer over `lines` with the real one's window rules: inclusive start and end, asc, limit. */
function fakeObserver(lines: Array<{ timestamp: string; log: string }>) {
  const queries: ObserverLogsQuery[] = [];
  const client: ObserverClient = {
    baseUrl: 'http://observer.test',
    async queryLogs(query) {
      queries.push(query);
      const start = Date.parse(query.startTime);
      const end = Date.parse(query.endTime);
      const limit = query.limit ?? 100;
      if (limit > 1000) throw new Error('limit above 1000');
      const logs = lines
        .filter(l => {
          const t = Date.parse(l.timestamp);
          return t >= start && t <= end;
        })
        .filter(l => !query.searchPhrase || l.log.includes(query.searchPhrase))
        .slice(0, limit);
      return { logs, total: Math.min(logs.length, 1000) };
    },
    async queryEvents() {
      return { events: [] };
    },
  };
  return { client, queries };
}

const at = (ms: number) => new Date(Date.UTC(2026, 2, 1) + ms).toISOString();
const WINDOW = { startTime: at(-60_000), endTime: at(3_600_000) };
const SCOPE = { namespace: 'default', workflowRunName: 'r', taskName: 't' };

describe('reading archived lines past the Observer’s 1,000-entry limit', () => {
  it('reads 2,500 lines in order, without duplicates, across pages that split equal timestamps', async () => {
    // Four lines per millisecond: page boundaries fall inside runs of equal timestamps.
    const lines = Array.from({ length: 2500 }, (_, i) => ({
      timestamp: at(Math.floor(i / 4)),
      log: `line ${i + 1}`,
    }));
    const { client, queries } = fakeObserver(lines);
    const read = await readAllArchivedLines(client, {
      scope: SCOPE,
      ...WINDOW,
    });
    expect(read.complete).toBe(true);
    expect(read.lines.map(l => l.log)).toEqual(lines.map(l => l.log));
    expect(read.requests).toBe(3);
    expect(queries.every(q => q.limit === 1000 && q.sortOrder === 'asc')).toBe(
      true,
    );
    expect(queries[1].startTime).toBe(lines[999].timestamp);
  });

  it('reads exactly one more page when the lines fill the last page exactly', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => ({
      timestamp: at(i),
      log: `line ${i + 1}`,
    }));
    const { client } = fakeObserver(lines);
    const read = await readAllArchivedLines(client, {
      scope: SCOPE,
      ...WINDOW,
    });
    expect(read.lines).toHaveLength(2000);
    expect(read.requests).toBe(3);
    expect(read.complete).toBe(true);
  });

  it('says the lines are incomplete when more than a page shares one timestamp', async () => {
    const lines = Array.from({ length: 1200 }, (_, i) => ({
      timestamp: at(0),
      log: `same ${i}`,
    }));
    const { client } = fakeObserver(lines);
    const read = await readAllArchivedLines(client, {
      scope: SCOPE,
      ...WINDOW,
    });
    expect(read.complete).toBe(false);
    expect(read.lines).toHaveLength(1000);
    expect(read.requests).toBe(2);
  });

  it('stops at maxLines, saying so', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => ({
      timestamp: at(i),
      log: `line ${i}`,
    }));
    const { client } = fakeObserver(lines);
    const read = await readAllArchivedLines(client, {
      scope: SCOPE,
      ...WINDOW,
      pageSize: 10,
      maxLines: 25,
    });
    expect(read.lines).toHaveLength(25);
    expect(read.complete).toBe(false);
  });

  it('asks for a window around the run', () => {
    expect(
      runWindow({
        status: {
          startedAt: '2026-03-01T10:00:00Z',
          completedAt: '2026-03-01T10:01:00Z',
        },
      }),
    ).toEqual({
      startTime: '2026-03-01T09:55:00.000Z',
      endTime: '2026-03-01T10:06:00.000Z',
    });
  });
});
