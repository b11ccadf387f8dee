import { randomBytes } from 'node:crypto';

/** Where the replica tests find PostgreSQL and Redis. */
export interface SharedServices {
  /** `postgresql://user:password@host:port` (no database: Backstage creates the plugin's). */
  postgresUrl: string;
  /** `redis://host:port`. */
  redisUrl: string;
}

/**
 * The PostgreSQL and Redis the replica tests run against, from `OPENCHOREO_TEST_PG_URL` and
 * `OPENCHOREO_TEST_REDIS_URL`, or from what `scripts/services.sh` exports (`TEST_POSTGRES_HOST`,
 * `_PORT`, `_USER`, `_PASSWORD`, `TEST_REDIS_URL`). Throws saying how to provide them: these
 * tests need the real engines and must not pass without them.
 */
export function sharedServicesFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): SharedServices {
  const postgresUrl = env.OPENCHOREO_TEST_PG_URL ?? postgresUrlFrom(env);
  const redisUrl = env.OPENCHOREO_TEST_REDIS_URL ?? env.TEST_REDIS_URL;
  const missing = [
    ...(postgresUrl
      ? []
      : [
          'OPENCHOREO_TEST_PG_URL (or TEST_POSTGRES_HOST, TEST_POSTGRES_PORT, TEST_POSTGRES_USER, TEST_POSTGRES_PASSWORD)',
        ]),
    ...(redisUrl ? [] : ['OPENCHOREO_TEST_REDIS_URL (or TEST_REDIS_URL)']),
  ];
  if (!postgresUrl || !redisUrl) {
    throw new Error(
      `The replica tests need a real PostgreSQL and Redis, and ${missing.join(
        ' and ',
      )} ${
        missing.length > 1 ? 'are' : 'is'
      } not set. Run them through the test ` +
        `command (scripts/test.sh starts both), or start both with ` +
        `\`source scripts/services.sh && services_start\` in the same shell first.`,
    );
  }
  return { postgresUrl, redisUrl };
}

function postgresUrlFrom(env: NodeJS.ProcessEnv): string | undefined {
  const { TEST_POSTGRES_HOST, TEST_POSTGRES_PORT, TEST_POSTGRES_USER } = env;
  if (!TEST_POSTGRES_HOST || !TEST_POSTGRES_PORT || !TEST_POSTGRES_USER) {
    return undefined;
  }
  const password = env.TEST_POSTGRES_PASSWORD
    ? `:${encodeURIComponent(env.TEST_POSTGRES_PASSWORD)}`
    : '';
  return `postgresql://${encodeURIComponent(
    TEST_POSTGRES_USER,
  )}${password}@${TEST_POSTGRES_HOST}:${TEST_POSTGRES_PORT}`;
}

/**
 * Backend config making a replica use the shared engines the way production does:
 * `backend.database` on PostgreSQL and `backend.cache` on Redis. Replicas given the same
 * `run` share state; each test run gets its own Redis namespace.
 */
export function replicaBackendConfig(
  services: SharedServices,
  run: string,
): Record<string, unknown> {
  return {
    backend: {
      database: {
        client: 'pg',
        connection: services.postgresUrl,
        prefix: 'openchoreo_test_',
      },
      cache: {
        store: 'redis',
        connection: services.redisUrl,
        redis: { client: { namespace: `openchoreo-test-${run}` } },
      },
    },
  };
}

/** A fresh id for {@link replicaBackendConfig}'s `run`. */
export function newTestRun(): string {
  return randomBytes(4).toString('hex');
}
