import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  type ServiceFactory,
  type ServiceRef,
} from '@backstage/backend-plugin-api';
import {
  createOpenChoreoClientService,
  type OpenChoreoClientService,
} from './clientService';
import { readOpenChoreoConfig } from './config';

/**
 * The OpenChoreo client service. Root scoped: one instance, hence one service-account token
 * cache, per backend process, whichever plugins and modules depend on it. Its default factory
 * is {@link openchoreoClientServiceFactory}.
 * @public
 */
export const openchoreoClientServiceRef =
  createServiceRef<OpenChoreoClientService>({
    id: 'openchoreo.client',
    scope: 'root',
    defaultFactory: async service => createDefaultFactory(service),
  });

/**
 * The default factory of {@link openchoreoClientServiceRef}: reads `openchoreo.*` (failing the
 * start-up with the key and environment variable to set) when a plugin first depends on it.
 * @public
 */
export const openchoreoClientServiceFactory = createDefaultFactory(
  openchoreoClientServiceRef,
);

function createDefaultFactory(
  service: ServiceRef<OpenChoreoClientService, 'root'>,
): ServiceFactory<OpenChoreoClientService, 'root'> {
  return createServiceFactory({
    service,
    initialization: 'lazy',
    deps: {
      config: coreServices.rootConfig,
      rootLogger: coreServices.rootLogger,
    },
    factory: ({ config, rootLogger }) =>
      createOpenChoreoClientService(readOpenChoreoConfig(config), {
        logger: rootLogger.child({ service: 'openchoreo-client' }),
      }),
  });
}
