/**
 * OpenChoreo CI for the Backstage frontend.
 *
 * @packageDocumentation
 */
import { openchoreoPlugin } from './plugin';

export default openchoreoPlugin;
export { openchoreoScaffolderFieldsModule } from './scaffolder';
