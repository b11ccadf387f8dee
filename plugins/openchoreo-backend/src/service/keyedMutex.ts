import { raceWithSignal } from './requestDeadline';

/**
 * Runs tasks with the same key one after another (tasks with different keys run in parallel),
 * within this process. Used in front of the database lock of annotation edits, so that waiters
 * of one replica queue here instead of each holding a database connection.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Runs `task` once every earlier task of `key` has settled. When `signal` aborts first, the
   * task never runs and the call rejects with the signal's reason; the queue is unaffected.
   */
  async run<T>(
    key: string,
    task: () => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>(resolve => {
      release = resolve;
    });
    const tail = previous.then(() => current);
    this.tails.set(key, tail);
    tail.then(() => {
      if (this.tails.get(key) === tail) {
        this.tails.delete(key);
      }
    });
    try {
      await raceWithSignal(previous, signal);
    } catch (reason) {
      // Gave up waiting: pass the turn on as soon as it would have been ours.
      previous.then(release);
      throw reason;
    }
    try {
      return await task();
    } finally {
      release();
    }
  }
}
