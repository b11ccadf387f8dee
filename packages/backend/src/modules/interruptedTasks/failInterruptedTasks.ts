import type { DatabaseService } from '@backstage/backend-plugin-api';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/** What a person watching the task reads when the portal stopped under it. */
export const INTERRUPTED_TASK_MESSAGE =
  'The portal was stopped (a restart or a new version) while this task ran, so it was not finished. Check what it already created, then run the template again.';

/**
 * Fails the scaffolder tasks in `taskIds` that are still processing, as Backstage's stale-task
 * janitor does (`DatabaseTaskStore.shutdownTask`), but with `message` as the reason: the steps
 * still running get a failed log event, the task a failed completion event, and its secrets are
 * dropped. The task pages and event streams show the failure within a second (they poll every
 * second and end on the completion event). Returns the ids that were failed.
 */
export async function failInterruptedTasks(
  db: Knex,
  taskIds: Iterable<string>,
  message: string = INTERRUPTED_TASK_MESSAGE,
): Promise<string[]> {
  const failed: string[] = [];
  for (const taskId of taskIds) {
    const done = await db.transaction(async tx => {
      const updated = await tx('tasks')
        .where({ id: taskId, status: 'processing' })
        .update({ status: 'failed', secrets: null });
      if (Number(updated) !== 1) return false;
      const events: { body: string }[] = await tx('task_events')
        .where({ task_id: taskId, event_type: 'log' })
        .select('body');
      const steps = new Map<string, string>();
      for (const { body } of events) {
        const { stepId, status } = JSON.parse(body) as {
          stepId?: string;
          status?: string;
        };
        if (stepId && status) steps.set(stepId, status);
      }
      for (const [stepId, status] of steps) {
        if (status !== 'processing') continue;
        await tx('task_events').insert({
          task_id: taskId,
          event_type: 'log',
          body: JSON.stringify({ message, stepId, status: 'failed' }),
        });
      }
      await tx('task_events').insert({
        task_id: taskId,
        event_type: 'completion',
        body: JSON.stringify({ message }),
      });
      return true;
    });
    if (done) failed.push(taskId);
  }
  return failed;
}
