/**
 * Events-service topic of OpenChoreo's event forwarder: the intake
 * (`POST /api/events/http/openchoreo`, {@link eventsModuleOpenChoreoIntake}) publishes each
 * accepted `{ kind, name, namespace, action }` here; the catalog provider consumes it when
 * `openchoreo.events.enabled`.
 * @public
 */
export const OPENCHOREO_FORWARDED_EVENTS_TOPIC = 'openchoreo';
