import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { readOpenChoreoFeatures } from '@openchoreo-ci/plugin-openchoreo-node';
import { EventCoalescer } from './EventCoalescer';
import { createEventsIntakeHandler, INTAKE_PATH } from './intake';
import { OPENCHOREO_FORWARDED_EVENTS_TOPIC } from './topic';

/** Window in which identical OpenChoreo events coalesce, unless `openchoreo.events.coalesceWindowSeconds` says otherwise. @public */
export const DEFAULT_OPENCHOREO_EVENTS_COALESCE_WINDOW_SECONDS = 2;

/**
 * Events-backend module serving OpenChoreo's event forwarder at
 * `POST /api/events/http/openchoreo`, in front of the events backend's generic HTTP ingress:
 * authenticated with the shared secret `openchoreo.events.secret` (OPENCHOREO_EVENTS_SECRET),
 * strict about what it accepts (401, 415, 413, 400, never 5xx), identical events coalesced.
 * Accepted component events are published on the topic `openchoreo`, which the catalog module
 * consumes. Off (404) unless `openchoreo.events.enabled`.
 * @public
 */
export const eventsModuleOpenChoreoIntake = createBackendModule({
  pluginId: 'events',
  moduleId: 'openchoreo-intake',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        cache: coreServices.cache,
        lifecycle: coreServices.lifecycle,
        httpRouter: coreServices.httpRouter,
        events: eventsServiceRef,
      },
      async init({ config, logger, cache, lifecycle, httpRouter, events }) {
        const enabled = readOpenChoreoFeatures(config).events;
        const secret = config.getOptionalString('openchoreo.events.secret');
        if (enabled && !secret) {
          throw new Error(
            'openchoreo.events.enabled is true but openchoreo.events.secret (OPENCHOREO_EVENTS_SECRET) is not set: set the shared secret the event forwarder sends, or turn the events off',
          );
        }
        const windowSeconds =
          config.getOptionalNumber('openchoreo.events.coalesceWindowSeconds') ??
          DEFAULT_OPENCHOREO_EVENTS_COALESCE_WINDOW_SECONDS;
        const coalescer = new EventCoalescer({
          cache,
          logger,
          windowMs: windowSeconds * 1000,
          publish: event =>
            events.publish({
              topic: OPENCHOREO_FORWARDED_EVENTS_TOPIC,
              eventPayload: event,
            }),
        });
        lifecycle.addShutdownHook(() => coalescer.stop());
        const handler = createEventsIntakeHandler({
          secret,
          logger,
          accept: async event =>
            // Namespaces, projects and other kinds arrive with the next full sync.
            event.kind === 'Component' ? coalescer.offer(event) : 'ignored',
        });
        httpRouter.addAuthPolicy({
          path: INTAKE_PATH,
          allow: 'unauthenticated',
        });
        httpRouter.use((request, response, next) => {
          if (!enabled && request.path.startsWith(INTAKE_PATH)) {
            response.status(404).json({
              error: {
                name: 'NotFoundError',
                message:
                  'The OpenChoreo events intake is off: set openchoreo.events.enabled (OPENCHOREO_EVENTS_ENABLED) to true',
              },
            });
            return;
          }
          if (!enabled) {
            next();
            return;
          }
          handler(request, response, next);
        });
      },
    });
  },
});
