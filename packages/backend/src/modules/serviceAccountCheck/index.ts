import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { readOpenChoreoConfig } from '@openchoreo-ci/plugin-openchoreo-node';
import { checkServiceAccount } from './serviceAccountCheck';

/**
 * Checks the portal's OpenChoreo service account (`openchoreo.auth.*`, the chart's
 * `OPENCHOREO_SERVICE_CLIENT_*`) at start-up, as the sign-in module checks the sign-in client:
 * in production a refused secret or an unreachable token endpoint stops the backend with the
 * setting and its environment variable named, instead of a ready portal with an empty catalog;
 * locally it is logged. Attached to the catalog, whose sync is the service account's work.
 */
export default createBackendModule({
  pluginId: 'catalog',
  moduleId: 'openchoreo-service-account-check',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ config, logger }) {
        const strict =
          config.getOptionalString('auth.environment') === 'production' ||
          process.env.NODE_ENV === 'production';
        const { auth } = readOpenChoreoConfig(config);
        try {
          await checkServiceAccount(auth);
          logger.info(
            `OpenChoreo service account "${auth.clientId}" got a token from ${auth.tokenUrl}`,
          );
        } catch (error) {
          const message = `OpenChoreo service account: ${
            (error as Error).message
          }`;
          if (strict) throw new Error(message);
          logger.warn(message);
        }
      },
    });
  },
});
