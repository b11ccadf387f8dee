import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';

/**
 * Search's PostgreSQL engine, added only when the backend's database is PostgreSQL. On SQLite (the
 * embedded default and the chart's default) the module would only log a warning and skip itself;
 * search then keeps its in-memory engine.
 */
export const postgresSearchEngine = createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  *loader({ config }) {
    if (config.getString('backend.database.client') === 'pg') {
      yield import('@backstage/plugin-search-backend-module-pg');
    }
  },
});
