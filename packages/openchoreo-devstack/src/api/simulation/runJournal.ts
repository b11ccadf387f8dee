import type { RunEvent, RunLogLine } from './types';

interface JournalLine extends RunLogLine {
  timestamp: string;
  task: string;
}

interface JournalEvent extends RunEvent {
  task?: string;
}

/**
 * The log lines and events of the runs the simulator knows, by `namespace/name`. Entries may
 * carry future timestamps (a task's output is written when it starts); reads show only what the
 * clock has reached.
 */
export class RunJournal {
  private readonly runs = new Map<
    string,
    { lines: JournalLine[]; events: JournalEvent[] }
  >();

  has(key: string): boolean {
    return this.runs.has(key);
  }

  /** Starts an empty journal for a run that has started. */
  open(key: string): void {
    if (!this.runs.has(key)) this.runs.set(key, { lines: [], events: [] });
  }

  drop(key: string): void {
    this.runs.delete(key);
  }

  clear(): void {
    this.runs.clear();
  }

  addLines(key: string, task: string, lines: RunLogLine[], at?: Date): void {
    this.open(key);
    const fallback = at?.toISOString() ?? new Date(0).toISOString();
    for (const line of lines) {
      this.runs.get(key)!.lines.push({
        task,
        log: line.log,
        timestamp: line.timestamp ?? fallback,
      });
    }
  }

  addEvents(key: string, task: string | undefined, events: RunEvent[]): void {
    this.open(key);
    this.runs
      .get(key)!
      .events.push(...events.map(event => ({ ...event, task })));
  }

  logs(
    key: string,
    now: Date,
    options: { task?: string; sinceSeconds?: number },
  ): RunLogLine[] | undefined {
    const entry = this.runs.get(key);
    if (!entry) return undefined;
    const until = now.toISOString();
    const since =
      options.sinceSeconds === undefined
        ? ''
        : new Date(now.getTime() - options.sinceSeconds * 1000).toISOString();
    return byTime(entry.lines)
      .filter(line => !options.task || line.task === options.task)
      .filter(line => line.timestamp >= since && line.timestamp <= until)
      .map(({ timestamp, log }) => ({ timestamp, log }));
  }

  events(
    key: string,
    now: Date,
    options: { task?: string },
  ): RunEvent[] | undefined {
    const entry = this.runs.get(key);
    if (!entry) return undefined;
    const until = now.toISOString();
    return byTime(entry.events)
      .filter(event => !options.task || event.task === options.task)
      .filter(event => event.timestamp <= until)
      .map(({ task: _task, ...event }) => event);
  }
}

function byTime<T extends { timestamp: string }>(items: T[]): T[] {
  // Stable: entries with equal timestamps keep the order they were written in.
  return [...items].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}
