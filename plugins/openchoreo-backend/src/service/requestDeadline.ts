import { AsyncLocalStorage } from 'node:async_hooks';
import { withOpenChoreoAbortSignal } from '@openchoreo-ci/plugin-openchoreo-node';

/** What the work of one request may take: a signal that aborts at its deadline. */
export interface RequestScope {
  /** Aborts (with a `DeadlineExceededError` as reason) when the request's time is up. */
  signal: AbortSignal;
  /** When the signal aborts, in ms since the epoch; undefined when no deadline applies. */
  expiresAt?: number;
}

const storage = new AsyncLocalStorage<RequestScope>();

/**
 * Runs `fn` in `scope`: services read it with {@link currentRequestScope} (lock waits, retries)
 * and OpenChoreo requests made inside honour its signal (none starts after the deadline).
 */
export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, () => withOpenChoreoAbortSignal(scope.signal, fn));
}

/** The scope of the request being served, if any. */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/** Rejects with the signal's reason once it aborts; otherwise settles like `promise`. */
export function raceWithSignal<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (!signal) {
    return promise;
  }
  if (signal.aborted) {
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
