import { formatDuration, formatElapsed, formatRelativeTime } from './time';

describe('time formatting', () => {
  const now = Date.parse('2026-05-04T10:20:30Z');

  it('formats durations', () => {
    expect(formatElapsed(5_400)).toBe('5s');
    expect(formatElapsed(184_000)).toBe('3m 4s');
    expect(formatElapsed(3_720_000)).toBe('1h 2m');
    expect(formatElapsed(-1)).toBe('0s');
    expect(formatDuration('2026-05-04T10:00:00Z', '2026-05-04T10:03:04Z')).toBe(
      '3m 4s',
    );
    expect(formatDuration(undefined)).toBeUndefined();
  });

  it('formats times relative to now', () => {
    expect(formatRelativeTime('2026-05-04T10:17:30Z', now)).toBe(
      '3 minutes ago',
    );
    expect(formatRelativeTime(now - 2 * 3_600_000, now)).toBe('2 hours ago');
    expect(formatRelativeTime(now - 86_400_000, now)).toBe('yesterday');
    expect(formatRelativeTime(now - 45_000, now)).toBe('45 seconds ago');
    expect(formatRelativeTime(now - 2_000, now)).toBe('just now');
    expect(formatRelativeTime(now + 30 * 60_000, now)).toBe('in 30 minutes');
    expect(formatRelativeTime('not a time', now)).toBeUndefined();
    expect(formatRelativeTime(undefined, now)).toBeUndefined();
  });
});
