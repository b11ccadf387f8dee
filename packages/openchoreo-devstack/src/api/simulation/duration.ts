const UNIT_MS: Record<string, number> = {
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
};

const DURATION_PATTERN = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/**
 * Parses a `ttlAfterCompletion` duration such as `7d`, `1h30m` or `1d12h30m15s` into
 * milliseconds; returns undefined when the text is not such a duration.
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match || text.trim() === '') return undefined;
  const [, d, h, m, s] = match;
  const parts: Array<[string | undefined, string]> = [
    [d, 'd'],
    [h, 'h'],
    [m, 'm'],
    [s, 's'],
  ];
  return parts.reduce(
    (total, [value, unit]) =>
      total + (value ? Number(value) * UNIT_MS[unit] : 0),
    0,
  );
}
