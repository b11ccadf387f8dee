import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { openchoreoPermissions } from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoClientServiceRef } from '@openchoreo-ci/plugin-openchoreo-node';
import { createRouter } from './router';
import { readBackendConfig } from './service/backendConfig';

/**
 * The OpenChoreo backend plugin: component status, builds, annotations and wizard data,
 * served under `/api/openchoreo`.
 * @public
 */
export const openchoreoPlugin = createBackendPlugin({
  pluginId: 'openchoreo',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        cache: coreServices.cache,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
        catalog: catalogServiceRef,
        openchoreo: openchoreoClientServiceRef,
      },
      async init({
        config,
        logger,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        cache,
        database,
        scheduler,
        events,
        catalog,
        openchoreo,
      }) {
        permissionsRegistry.addPermissions(openchoreoPermissions);
        const {
          statusTtlMs,
          requestDeadlineMs,
          buildsIndexIntervalSeconds,
          permissionTtlMs,
          serverTiming,
        } = readBackendConfig(config);
        httpRouter.use(
          await createRouter({
            logger,
            config,
            httpAuth,
            permissions,
            events,
            catalog,
            openchoreo,
            cache,
            database,
            scheduler,
            buildsIndexIntervalSeconds,
            statusTtlMs,
            requestDeadlineMs,
            permissionTtlMs,
            serverTiming,
          }),
        );
        // The bundled publisher CLI: GitOps pipelines download it without a Backstage token.
        httpRouter.addAuthPolicy({ path: '/tools', allow: 'unauthenticated' });
      },
    });
  },
});
