import {
  mockServices,
  startTestBackend,
  type ServiceMock,
} from '@backstage/backend-test-utils';
import type {
  BackendFeature,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  AuthorizeResult,
  type AuthorizePermissionRequest,
} from '@backstage/plugin-permission-common';
import type { Server } from 'node:http';
import { openchoreoPlugin } from '../plugin';

/** Options of {@link startOpenChoreoTestBackend}. */
export interface TestBackendOptions {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  requestTimeoutMs?: number;
  statusTtlMs?: number;
  /** `openchoreo.cache.permissionTtlMs` (default 0 here: every check reaches the mock). */
  permissionTtlMs?: number;
  /** `openchoreo.requestDeadlineMs` (default: the plugin's). */
  requestDeadlineMs?: number;
  /** Permission names to deny; everything else is allowed. */
  deny?: string[];
  extraConfig?: Record<string, unknown>;
  /** More `openchoreo.*` keys, e.g. `{ features: { workflows: { enabled: false } } }`. */
  openchoreo?: Record<string, unknown>;
  /** More features or service mocks, e.g. `catalogServiceMock.factory(...)`. */
  features?: BackendFeature[];
}

/** A running test backend with the plugin, and the mocks to inspect. */
export interface OpenChoreoTestBackend {
  server: Server;
  permissions: ServiceMock<PermissionsService>;
  events: ServiceMock<EventsService>;
  /** The plugin's logger. */
  logger: ServiceMock<LoggerService>;
  /** Every permission request the plugin made. */
  authorizeRequests: AuthorizePermissionRequest[];
  stop(): Promise<void>;
}

/** Starts a backend with only the OpenChoreo plugin, mocked permissions and events. */
export async function startOpenChoreoTestBackend(
  options: TestBackendOptions,
): Promise<OpenChoreoTestBackend> {
  const authorizeRequests: AuthorizePermissionRequest[] = [];
  const deny = new Set(options.deny ?? []);
  const permissions = mockServices.permissions.mock({
    authorize: async requests => {
      authorizeRequests.push(...(requests as AuthorizePermissionRequest[]));
      return requests.map(r => ({
        result: deny.has(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      }));
    },
  });
  const events = mockServices.events.mock({
    publish: async () => undefined,
  });
  const logger = mockServices.logger.mock();
  const backend = await startTestBackend({
    features: [
      openchoreoPlugin,
      permissions.factory,
      events.factory,
      logger.factory,
      mockServices.rootConfig.factory({
        data: {
          openchoreo: {
            baseUrl: options.baseUrl,
            requestTimeoutMs: options.requestTimeoutMs ?? 5000,
            auth: {
              tokenUrl: options.tokenUrl,
              clientId: options.clientId,
              clientSecret: options.clientSecret,
            },
            cache: {
              statusTtlMs: options.statusTtlMs ?? 2000,
              // Every request asks the (mocked) permission service, so the tests see each
              // check; decisionCache.test.ts covers the reuse of decisions.
              permissionTtlMs: options.permissionTtlMs ?? 0,
            },
            ...(options.requestDeadlineMs
              ? { requestDeadlineMs: options.requestDeadlineMs }
              : {}),
            // No background build indexer unless a test asks (sharedBuildIndex.test.ts): its
            // scans would land among the upstream requests the tests count.
            builds: { indexIntervalSeconds: 0 },
            ...options.openchoreo,
          },
          ...options.extraConfig,
        },
      }),
      ...(options.features ?? []),
    ],
  });
  return {
    server: backend.server,
    permissions,
    events,
    logger,
    authorizeRequests,
    stop: () => backend.stop(),
  };
}
