import { createFrontendPlugin } from '@backstage/frontend-plugin-api';

/** The OpenChoreo CI frontend plugin (new frontend system). */
export const openchoreoPlugin = createFrontendPlugin({
  pluginId: 'openchoreo',
  extensions: [],
});
