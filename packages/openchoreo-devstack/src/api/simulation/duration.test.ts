import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['7d', 7 * 86_400_000],
    ['1h30m', 90 * 60_000],
    ['1d12h30m15s', 86_400_000 + 12 * 3_600_000 + 30 * 60_000 + 15_000],
    ['10d1h30m', 10 * 86_400_000 + 3_600_000 + 30 * 60_000],
    ['45s', 45_000],
    ['0s', 0],
  ])('parses %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', ' ', '1x', 'h', '1.5h', '30m1h', '-1h', '1h 30m'])(
    'rejects %j',
    text => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );
});
