/**
 * Catalog module that ingests OpenChoreo namespaces, projects and components as Domains,
 * Systems and Components.
 *
 * @packageDocumentation
 */
export { catalogModuleOpenChoreo as default } from './module';
export {
  OpenChoreoEntityProvider,
  DEFAULT_OPENCHOREO_LIFECYCLE,
  DEFAULT_OPENCHOREO_OWNER,
  DEFAULT_OPENCHOREO_SYNC_SCHEDULE,
} from './provider/OpenChoreoEntityProvider';
export { OPENCHOREO_FORWARDED_EVENTS_TOPIC } from './intake/topic';
export {
  eventsModuleOpenChoreoIntake,
  DEFAULT_OPENCHOREO_EVENTS_COALESCE_WINDOW_SECONDS,
} from './intake/eventsModule';
export type { OpenChoreoForwardedEvent } from './intake/forwardedEvent';
export type {
  OpenChoreoCatalogClient,
  OpenChoreoEntityProviderOptions,
} from './provider/OpenChoreoEntityProvider';
export {
  toComponentEntity,
  toDomainEntity,
  toSystemEntity,
  UNKNOWN_COMPONENT_TYPE,
} from './translate';
export type { TranslationContext } from './translate';
