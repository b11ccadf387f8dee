import type { Config } from '@backstage/config';

/** Settings of the backend plugin on top of the connection settings of `openchoreo-node`. */
export interface OpenChoreoBackendConfig {
  /** How long status reads are reused, in ms. */
  statusTtlMs: number;
}

/** Default of `openchoreo.cache.statusTtlMs`. */
export const DEFAULT_STATUS_TTL_MS = 2000;

/** Reads `openchoreo.cache.*`; a negative or non-numeric TTL fails start-up with the key named. */
export function readBackendConfig(config: Config): OpenChoreoBackendConfig {
  const key = 'openchoreo.cache.statusTtlMs';
  let statusTtlMs: number | undefined;
  try {
    statusTtlMs = config.getOptionalNumber(key);
  } catch {
    throw new Error(`${key} must be a number of milliseconds`);
  }
  if (statusTtlMs === undefined) {
    return { statusTtlMs: DEFAULT_STATUS_TTL_MS };
  }
  if (!Number.isFinite(statusTtlMs) || statusTtlMs < 0) {
    throw new Error(`${key} must be 0 or more, got ${statusTtlMs}`);
  }
  return { statusTtlMs };
}
