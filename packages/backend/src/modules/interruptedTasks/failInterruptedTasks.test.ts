import { DatabaseManager } from '@backstage/backend-defaults/database';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  failInterruptedTasks,
  INTERRUPTED_TASK_MESSAGE,
} from './failInterruptedTasks';

/** The scaffolder's own database schema (its migrations), in memory. */
async function scaffolderDatabase() {
  const db = await DatabaseManager.fromConfig(
    new ConfigReader({
      backend: {
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
    }),
  )
    .forPlugin('scaffolder', {
      logger: mockServices.logger.mock(),
      lifecycle: mockServices.lifecycle.mock(),
    })
    .getClient();
  await db.migrate.latest({
    directory: resolvePackagePath(
      '@backstage/plugin-scaffolder-backend',
      'migrations',
    ),
  });
  return db;
}

describe('failInterruptedTasks', () => {
  it('fails a running task with the reason, its running step too, and drops its secrets', async () => {
    const db = await scaffolderDatabase();
    await db('tasks').insert([
      {
        id: 'running',
        spec: '{}',
        status: 'processing',
        secrets: '{"token":"user-token"}',
      },
      { id: 'done', spec: '{}', status: 'completed' },
    ]);
    const log = (stepId: string, status: string) => ({
      task_id: 'running',
      event_type: 'log',
      body: JSON.stringify({ message: status, stepId, status }),
    });
    await db('task_events').insert([
      log('fetch', 'processing'),
      log('fetch', 'completed'),
      log('create', 'processing'),
    ]);

    await expect(
      failInterruptedTasks(db, ['running', 'done', 'unknown']),
    ).resolves.toEqual(['running']);

    const tasks = await db('tasks').select('id', 'status', 'secrets');
    expect(tasks).toEqual(
      expect.arrayContaining([
        { id: 'running', status: 'failed', secrets: null },
        { id: 'done', status: 'completed', secrets: null },
      ]),
    );
    const events = await db('task_events')
      .where({ task_id: 'running' })
      .orderBy('id')
      .select('event_type', 'body');
    expect(
      events.slice(3).map(e => ({ type: e.event_type, ...JSON.parse(e.body) })),
    ).toEqual([
      {
        type: 'log',
        stepId: 'create',
        status: 'failed',
        message: INTERRUPTED_TASK_MESSAGE,
      },
      { type: 'completion', message: INTERRUPTED_TASK_MESSAGE },
    ]);
    await db.destroy();
  });
});
