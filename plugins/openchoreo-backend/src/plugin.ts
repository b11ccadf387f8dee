import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { openchoreoPermissions } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  createOpenChoreoServiceClient,
  readOpenChoreoConfig,
} from '@openchoreo-ci/plugin-openchoreo-node';
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
        events: eventsServiceRef,
      },
      async init({
        config,
        logger,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        events,
      }) {
        permissionsRegistry.addPermissions(openchoreoPermissions);
        const openchoreoConfig = readOpenChoreoConfig(config);
        const { client } = createOpenChoreoServiceClient(openchoreoConfig, {
          logger,
        });
        httpRouter.use(
          await createRouter({
            logger,
            config,
            httpAuth,
            permissions,
            events,
            client,
            baseUrl: openchoreoConfig.baseUrl,
            statusTtlMs: readBackendConfig(config).statusTtlMs,
          }),
        );
      },
    });
  },
});
