import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { openchoreoClientServiceRef } from '@openchoreo-ci/plugin-openchoreo-node';
import { OpenChoreoEntityProvider } from './provider/OpenChoreoEntityProvider';

/**
 * Catalog module that ingests OpenChoreo namespaces, projects and components, on a schedule
 * and at once when the portal changes a component.
 * @public
 */
export const catalogModuleOpenChoreo = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'openchoreo',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
        openchoreo: openchoreoClientServiceRef,
      },
      async init({ catalog, config, logger, scheduler, events, openchoreo }) {
        catalog.addEntityProvider(
          OpenChoreoEntityProvider.fromConfig(config, {
            logger,
            // The catalog sync is background work: always the service account.
            client: openchoreo.serviceAccount(),
            scheduler,
            events,
          }),
        );
      },
    });
  },
});
