/**
 * Events-service topic published after the portal changes an OpenChoreo component (created it,
 * replaced its annotations, ...). The catalog provider subscribes and refreshes that one
 * component's entity at once instead of waiting for the next full sync.
 */
export const OPENCHOREO_COMPONENT_CHANGED_TOPIC =
  'openchoreo.component.changed';

/** Payload of {@link OPENCHOREO_COMPONENT_CHANGED_TOPIC}. */
export interface OpenChoreoComponentChangedEvent {
  namespace: string;
  component: string;
}
