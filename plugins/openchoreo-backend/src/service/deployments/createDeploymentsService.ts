import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { CoalescingCache } from '../coalescingCache';
import type { ComponentsService } from '../ComponentsService';
import type { OpenChoreoServiceContext } from '../context';
import { DeploymentsService } from '../DeploymentsService';
import { DEFAULT_EXTERNAL_CI_TTL_MS } from '../externalCi/createExternalCiService';
import { CiHostConnections } from '../externalCi/integrationConfig';
import { GitopsReleaseService } from './GitopsReleaseService';

/**
 * The deployments service: OpenChoreo reads through the plugin's context, release pull requests
 * through `integrations.github[]` / `integrations.gitlab[]`, read once per repository per
 * `openchoreo.externalCi.cacheTtlMs` (default 15 s) for every viewer.
 */
export function createDeploymentsService(options: {
  ctx: OpenChoreoServiceContext;
  components: ComponentsService;
  config: Config;
  cache: CacheService;
  logger: LoggerService;
}): DeploymentsService {
  const gitops = new GitopsReleaseService({
    connections: CiHostConnections.fromConfig(options.config),
    cache: new CoalescingCache({
      ttlMs:
        options.config.getOptionalNumber('openchoreo.externalCi.cacheTtlMs') ??
        DEFAULT_EXTERNAL_CI_TTL_MS,
      store: options.cache,
      logger: options.logger,
      name: 'gitops',
    }),
  });
  return new DeploymentsService(options.ctx, options.components, gitops);
}
