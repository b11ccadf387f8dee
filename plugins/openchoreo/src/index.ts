/**
 * OpenChoreo CI for the Backstage frontend.
 *
 * @packageDocumentation
 */
import { openchoreoPlugin } from './plugin';

export default openchoreoPlugin;
export { openchoreoScaffolderFieldsModule } from './scaffolder';
export { OPENCHOREO_AUTH_PROVIDER, openchoreoAuthApiRef } from './api';
export type { OpenChoreoAuthApi } from './api';
