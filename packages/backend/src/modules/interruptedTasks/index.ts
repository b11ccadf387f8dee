import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { failInterruptedTasks } from './failInterruptedTasks';

/** How long the task pages get to read the failure before the server closes their streams. */
const STREAM_NOTICE_MS = 1500;

/**
 * Ends the scaffolder tasks this process runs when it is told to stop (SIGTERM): Backstage's
 * task worker neither finishes nor hands them back (task recovery would keep the user's token in
 * the database, see the README), so they would stay "processing" until the stale-task janitor
 * (`scaffolder.taskTimeout`) fails them. Here they fail at once with a message saying what
 * happened, before the plugins shut down, and the people watching them see it. Tasks of this
 * process are known from the scaffolder's own `scaffolder.task` events, which stay in the
 * process (`events.useEventBus: never`).
 */
export default createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'interrupted-tasks',
  register(reg) {
    reg.registerInit({
      deps: {
        database: coreServices.database,
        events: eventsServiceRef,
        rootLifecycle: coreServices.rootLifecycle,
        logger: coreServices.logger,
      },
      async init({ database, events, rootLifecycle, logger }) {
        const running = new Set<string>();
        await events.subscribe({
          id: 'scaffolder-interrupted-tasks',
          topics: ['scaffolder.task'],
          async onEvent({ eventPayload }) {
            const { id, status } = (eventPayload ?? {}) as {
              id?: unknown;
              status?: unknown;
            };
            if (typeof id !== 'string') return;
            if (status === 'processing') running.add(id);
            else if (
              ['completed', 'failed', 'cancelled'].includes(String(status))
            ) {
              running.delete(id);
            }
          },
        });
        rootLifecycle.addBeforeShutdownHook(async () => {
          if (running.size === 0) return;
          const failed = await failInterruptedTasks(
            await database.getClient(),
            [...running],
          );
          if (failed.length === 0) return;
          logger.info(
            `Shutting down: failed ${
              failed.length
            } scaffolder task(s) that were still running: ${failed.join(', ')}`,
          );
          await new Promise(resolve => setTimeout(resolve, STREAM_NOTICE_MS));
        });
      },
    });
  },
});
