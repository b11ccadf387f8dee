/** `2026-01-06T10:00:00Z`: GitHub's timestamps (no milliseconds). */
export const isoSeconds = (ms: number) =>
  new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `2026-01-06T10:00:00.123Z`: GitLab's timestamps. */
export const isoMillis = (ms: number) => new Date(ms).toISOString();

/** The epoch milliseconds `minutes` before `now`. */
export const minutesBefore = (now: number, minutes: number) =>
  now - minutes * 60_000;
