import { createFrontendModule } from '@backstage/frontend-plugin-api';

/** The component creation wizard's form fields, as a scaffolder frontend module. */
export const openchoreoScaffolderFieldsModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [],
});
