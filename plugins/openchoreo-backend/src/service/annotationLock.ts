import { createHash } from 'node:crypto';
import type {
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { KeyedMutex } from './keyedMutex';
import { currentRequestScope } from './requestDeadline';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/** The lock around the read-modify-write of one component's annotations. */
export interface ComponentEditLock {
  /** `database`: held in PostgreSQL, shared by every replica; `process`: this process only. */
  readonly scope: 'database' | 'process';
  /**
   * Runs `task` while holding the lock of `key`. Waiting ends at the current request's deadline
   * (rejecting with its reason), and the task never starts then.
   */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

// First half of the two-part advisory lock key: marks the locks of this plugin ("OCCI").
const LOCK_CLASS = 0x4f434349;
// PostgreSQL's SQLSTATE for a lock wait ended by lock_timeout.
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Creates the annotation edit lock on the plugin's database. On PostgreSQL it is a transaction
 * advisory lock (`pg_advisory_xact_lock`), so replicas sharing the database take turns, and a
 * replica that dies releases it with its connection. On SQLite (one process by nature) an
 * in-process mutex is enough. Either way waiters of one process queue in process first.
 */
export async function createComponentEditLock(options: {
  database: DatabaseService;
  logger: LoggerService;
}): Promise<ComponentEditLock> {
  const knex = await options.database.getClient();
  const mutex = new KeyedMutex();
  const signal = () => currentRequestScope()?.signal;
  if (!isPostgres(knex)) {
    options.logger.info(
      'Annotation edits are serialised within this process (the database is not PostgreSQL); run several backend replicas only with PostgreSQL',
    );
    return {
      scope: 'process',
      run: (key, task) => mutex.run(key, task, signal()),
    };
  }
  return {
    scope: 'database',
    run: (key, task) =>
      mutex.run(key, () => withAdvisoryLock(knex, key, task), signal()),
  };
}

function isPostgres(knex: Knex): boolean {
  const client: unknown = knex.client.config.client;
  return client === 'pg' || client === 'postgres' || client === 'postgresql';
}

async function withAdvisoryLock<T>(
  knex: Knex,
  key: string,
  task: () => Promise<T>,
): Promise<T> {
  const scope = currentRequestScope();
  try {
    return await knex.transaction(async trx => {
      if (scope?.expiresAt !== undefined) {
        // Wait for the lock no longer than the request may take.
        const waitMs = Math.max(1, Math.ceil(scope.expiresAt - Date.now()));
        await trx.raw(`SELECT set_config('lock_timeout', ?, true)`, [
          `${waitMs}ms`,
        ]);
      }
      await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', [
        LOCK_CLASS,
        lockId(key),
      ]);
      return task();
    });
  } catch (error) {
    if (isLockTimeout(error) && scope?.signal) {
      // The deadline came while waiting: report it as the deadline, not as a database error.
      throw scope.signal.aborted
        ? scope.signal.reason
        : await abortedReason(scope.signal);
    }
    throw error;
  }
}

/** A signed 32-bit number for `key`, the second half of the advisory lock key. */
function lockId(key: string): number {
  return createHash('sha256').update(key).digest().readInt32BE(0);
}

function isLockTimeout(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === LOCK_NOT_AVAILABLE
  );
}

/** lock_timeout may fire a moment before the deadline timer: wait for its reason. */
function abortedReason(signal: AbortSignal): Promise<unknown> {
  return new Promise(resolve => {
    if (signal.aborted) {
      resolve(signal.reason);
      return;
    }
    signal.addEventListener('abort', () => resolve(signal.reason), {
      once: true,
    });
  });
}
