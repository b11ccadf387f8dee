import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
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
      },
      async init({ catalog, config, logger, scheduler, events }) {
        catalog.addEntityProvider(
          OpenChoreoEntityProvider.fromConfig(config, {
            logger,
            scheduler,
            events,
          }),
        );
      },
    });
  },
});
