import type { Config } from '@backstage/config';
import { ExternalCiService, type ExternalCiCache } from './ExternalCiService';
import { CiHostConnections } from './integrationConfig';

/** Default of `openchoreo.externalCi.cacheTtlMs`: one upstream poll per repository per 15 s. */
export const DEFAULT_EXTERNAL_CI_TTL_MS = 15_000;

/** How long a repository's page URL and re-run right are reused. */
const PROJECT_TTL_MS = 5 * 60_000;

/**
 * The GitHub Actions / GitLab CI service from config: the connections from
 * `integrations.github[]` / `integrations.gitlab[]`, the cache time from
 * `openchoreo.externalCi.cacheTtlMs` (a wrong value fails start-up with the key named).
 */
export function createExternalCiService(
  config: Config,
  createCache: (ttlMs: number) => ExternalCiCache,
): ExternalCiService {
  const key = 'openchoreo.externalCi.cacheTtlMs';
  let ttl: number | undefined;
  try {
    ttl = config.getOptionalNumber(key);
  } catch {
    throw new Error(`${key} must be a number of milliseconds`);
  }
  if (ttl !== undefined && (!Number.isFinite(ttl) || ttl < 0)) {
    throw new Error(`${key} must be 0 or more, got ${ttl}`);
  }
  return new ExternalCiService({
    connections: CiHostConnections.fromConfig(config),
    runsCache: createCache(ttl ?? DEFAULT_EXTERNAL_CI_TTL_MS),
    projectCache: createCache(Math.max(ttl ?? 0, PROJECT_TTL_MS)),
  });
}
