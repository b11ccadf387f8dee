import type { Config } from '@backstage/config';

/** Settings of the backend plugin on top of the connection settings of `openchoreo-node`. */
export interface OpenChoreoBackendConfig {
  /** How long status reads are reused, in ms. */
  statusTtlMs: number;
  /** The overall deadline of every request, in ms. */
  requestDeadlineMs: number;
  /** How often the background scan keeps the builds history up to date, in seconds (0: off). */
  buildsIndexIntervalSeconds: number;
  /** How long runs OpenChoreo deleted stay in the builds history, in days. */
  buildsHistoryRetentionDays: number;
  /** Every namespace is listed in full at least this often, in minutes (0: every scan). */
  buildsHistoryFullScanMinutes: number;
  /** How long a user's permission decision is reused, in ms (0: every check asks). */
  permissionTtlMs: number;
  /** Whether answers carry a `Server-Timing` header (`openchoreo.diagnostics.serverTiming`). */
  serverTiming: boolean;
}

/** Default of `openchoreo.cache.statusTtlMs`. */
export const DEFAULT_STATUS_TTL_MS = 2000;

/** Default of `openchoreo.cache.permissionTtlMs`. */
export const DEFAULT_PERMISSION_TTL_MS = 5000;

/** Largest `openchoreo.cache.permissionTtlMs`: a revoked permission takes effect within it. */
export const MAX_PERMISSION_TTL_MS = 60_000;

/** Default of `openchoreo.requestDeadlineMs`. */
export const DEFAULT_REQUEST_DEADLINE_MS = 20_000;

/** Default of `openchoreo.builds.indexIntervalSeconds`. */
export const DEFAULT_BUILDS_INDEX_INTERVAL_SECONDS = 60;

/** Default of `openchoreo.builds.history.retentionDays`. */
export const DEFAULT_BUILDS_HISTORY_RETENTION_DAYS = 90;

/** Default of `openchoreo.builds.history.fullScanMinutes`. */
export const DEFAULT_BUILDS_HISTORY_FULL_SCAN_MINUTES = 60;

/**
 * Reads `openchoreo.cache.statusTtlMs`, `openchoreo.requestDeadlineMs` and
 * `openchoreo.builds.indexIntervalSeconds` and `openchoreo.builds.history.*`; a wrong value fails start-up with the key named.
 */
export function readBackendConfig(config: Config): OpenChoreoBackendConfig {
  const statusTtlMs =
    readMs(config, 'openchoreo.cache.statusTtlMs', 0) ?? DEFAULT_STATUS_TTL_MS;
  const requestDeadlineMs =
    readMs(config, 'openchoreo.requestDeadlineMs', 100) ??
    DEFAULT_REQUEST_DEADLINE_MS;
  const buildsIndexIntervalSeconds =
    readMs(config, 'openchoreo.builds.indexIntervalSeconds', 0, 'seconds') ??
    DEFAULT_BUILDS_INDEX_INTERVAL_SECONDS;
  const buildsHistoryRetentionDays =
    readMs(config, 'openchoreo.builds.history.retentionDays', 0, 'days') ??
    DEFAULT_BUILDS_HISTORY_RETENTION_DAYS;
  const buildsHistoryFullScanMinutes =
    readMs(config, 'openchoreo.builds.history.fullScanMinutes', 0, 'minutes') ??
    DEFAULT_BUILDS_HISTORY_FULL_SCAN_MINUTES;
  const permissionTtlMs =
    readMs(config, 'openchoreo.cache.permissionTtlMs', 0) ??
    DEFAULT_PERMISSION_TTL_MS;
  if (permissionTtlMs > MAX_PERMISSION_TTL_MS) {
    throw new Error(
      `Invalid openchoreo.cache.permissionTtlMs: ${permissionTtlMs} is more than ${MAX_PERMISSION_TTL_MS}; a permission change must reach the routes quickly. Use 0 to ${MAX_PERMISSION_TTL_MS} (default ${DEFAULT_PERMISSION_TTL_MS}).`,
    );
  }
  const serverTiming =
    config.getOptionalBoolean('openchoreo.diagnostics.serverTiming') ?? false;
  return {
    statusTtlMs,
    requestDeadlineMs,
    buildsIndexIntervalSeconds,
    buildsHistoryRetentionDays,
    buildsHistoryFullScanMinutes,
    permissionTtlMs,
    serverTiming,
  };
}

function readMs(
  config: Config,
  key: string,
  min: number,
  unit = 'milliseconds',
): number | undefined {
  let value: number | undefined;
  try {
    value = config.getOptionalNumber(key);
  } catch {
    throw new Error(`${key} must be a number of ${unit}`);
  }
  if (value !== undefined && (!Number.isFinite(value) || value < min)) {
    throw new Error(`${key} must be ${min} or more, got ${value}`);
  }
  return value;
}
