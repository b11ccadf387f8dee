/** `1h 2m`, `3m 4s`, `5s`: a duration between two timestamps (`end` defaults to now). */
export function formatDuration(
  start?: string,
  end?: string,
  now: number = Date.now(),
): string | undefined {
  if (!start) return undefined;
  const from = Date.parse(start);
  const to = end ? Date.parse(end) : now;
  if (Number.isNaN(from) || Number.isNaN(to)) return undefined;
  return formatElapsed(to - from);
}

/** `1h 2m`, `3m 4s`, `5s`: a duration in milliseconds. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m ${seconds}s`;
  return `${seconds}s`;
}

/** A timestamp in the user's locale, or `—`. */
export function formatTimestamp(value?: string): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
}

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** `3 minutes ago`, `in 2 hours`, `just now`: a time relative to now (English). */
export function formatRelativeTime(
  value: string | number | undefined,
  now: number = Date.now(),
): string | undefined {
  if (value === undefined) return undefined;
  const time = typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  const diff = time - now;
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(diff) >= size) {
      return format.format(Math.round(diff / size), unit);
    }
  }
  return Math.abs(diff) < 10_000
    ? 'just now'
    : format.format(Math.round(diff / 1000), 'second');
}
