import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import searchPlugin from '@backstage/plugin-search-backend';
import searchPostgresModule from '@backstage/plugin-search-backend-module-pg';
import { postgresSearchEngine } from './postgresSearchEngine';

/** Starts search on SQLite with `engine` and returns the warnings the backend logged. */
async function warningsOnSqlite(
  engine: typeof postgresSearchEngine | typeof searchPostgresModule,
) {
  const logger = mockServices.logger.mock();
  const backend = await startTestBackend({
    features: [
      searchPlugin,
      engine,
      logger.factory,
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
        },
      }),
    ],
  });
  await backend.stop();
  return logger.warn.mock.calls.map(([message]) => message);
}

describe('postgresSearchEngine', () => {
  it('leaves the PostgreSQL engine out on SQLite, so start-up logs no warning', async () => {
    expect(await warningsOnSqlite(postgresSearchEngine)).toEqual([]);
  });

  it('replaces a module that warns on SQLite', async () => {
    expect(await warningsOnSqlite(searchPostgresModule)).toEqual([
      expect.stringContaining('Postgres search engine is not supported'),
    ]);
  });
});
