import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { publisherBundleUrl } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  openchoreoClientServiceRef,
  readOpenChoreoFeatures,
  readUserTokensEnabled,
} from '@openchoreo-ci/plugin-openchoreo-node';
import { createComponentAction } from './actions/createComponentAction';
import { waitForCatalogEntity } from './service/waitForCatalogEntity';

/** The portal's bundled-publisher URL, when the backend knows its own base URL. */
const publisherUrlOf = (baseUrl: string | undefined) =>
  baseUrl ? { publisherUrl: publisherBundleUrl(baseUrl) } : {};

/**
 * Scaffolder module with the OpenChoreo actions (`openchoreo:component:create`).
 * @public
 */
export const scaffolderModuleOpenChoreo = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'openchoreo',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        openchoreo: openchoreoClientServiceRef,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        events: eventsServiceRef,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
      },
      async init({
        scaffolder,
        openchoreo,
        logger,
        permissions,
        events,
        catalog,
        auth,
        config,
      }) {
        scaffolder.addActions(
          createComponentAction({
            openchoreo,
            events,
            permissions,
            logger,
            userTokens: readUserTokensEnabled(config),
            // GitOps pipelines download the bundled publisher from this portal (no sign-in).
            ...publisherUrlOf(config.getOptionalString('backend.baseUrl')),
            builtInCi: readOpenChoreoFeatures(config).workflows,
            waitForEntity: async entityRef => {
              const credentials = await auth.getOwnServiceCredentials();
              return waitForCatalogEntity(
                {
                  getEntityByRef: ref =>
                    catalog.getEntityByRef(ref, { credentials }),
                },
                entityRef,
              );
            },
          }),
        );
      },
    });
  },
});
