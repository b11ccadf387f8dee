const UNIT_MS: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
};

const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/**
 * Parses a timeout such as `10m`, `90s`, `1h30m` or a plain number of seconds (`600`) into
 * milliseconds; undefined when the text is none of these or is zero.
 */
export function parseTimeout(text: string): number | undefined {
  const value = text.trim();
  if (/^\d+(\.\d+)?$/.test(value)) {
    const ms = Math.round(Number(value) * 1000);
    return ms > 0 ? ms : undefined;
  }
  const match = DURATION.exec(value);
  if (!match || value === '') return undefined;
  const [, h, m, s] = match;
  const ms =
    Number(h ?? 0) * UNIT_MS.h +
    Number(m ?? 0) * UNIT_MS.m +
    Number(s ?? 0) * UNIT_MS.s;
  return ms > 0 ? ms : undefined;
}

/** Milliseconds as the shortest readable duration: `10m`, `1m30s`, `250ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].join('');
}
