/**
 * The OpenChoreo backend plugin of the portal.
 *
 * @packageDocumentation
 */
export { openchoreoPlugin as default } from './plugin';
