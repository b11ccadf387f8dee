import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<AbortSignal>();

// Methods whose requests can be cancelled midway without leaving the outcome unknown.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Runs `fn` so that the OpenChoreo requests it makes (through the clients of
 * `openchoreoClientServiceRef`) honour `signal`, e.g. a route's overall deadline: no request
 * starts once `signal` has aborted (it rejects with `signal.reason`), and reads in flight are
 * cancelled. A write already sent is left to finish, so that whoever holds a lock around it
 * learns its outcome instead of releasing the lock while the write may still land. Nested calls
 * replace the signal for their own `fn`.
 * @public
 */
export function withOpenChoreoAbortSignal<T>(
  signal: AbortSignal,
  fn: () => T,
): T {
  return scope.run(signal, fn);
}

/** The signal of the innermost {@link withOpenChoreoAbortSignal} around the caller, if any. */
export function currentOpenChoreoAbortSignal(): AbortSignal | undefined {
  return scope.getStore();
}

/**
 * If `error` is the failure of a request stopped by the current scope's signal (possibly
 * wrapped in the client's `OpenChoreoUnavailableError`), the signal's reason; else undefined.
 */
export function abortReasonOf(error: unknown): unknown {
  const signal = scope.getStore();
  if (!signal?.aborted) {
    return undefined;
  }
  const reason: unknown = signal.reason;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined; depth += 1) {
    if (current === reason) {
      return reason;
    }
    current =
      typeof current === 'object' && current !== null
        ? (current as { cause?: unknown }).cause
        : undefined;
  }
  return undefined;
}

/** Wraps the fetch of API requests so that they honour the current abort scope. */
export function createAbortScopedFetch(fetchImpl: typeof fetch): typeof fetch {
  const scopedFetch = async (
    input: Parameters<typeof fetch>[0],
    init?: RequestInit,
  ): Promise<Response> => {
    const signal = scope.getStore();
    if (!signal) {
      return fetchImpl(input, init);
    }
    if (signal.aborted) {
      throw signal.reason;
    }
    const request = isRequest(input) ? input : undefined;
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    if (!SAFE_METHODS.has(method)) {
      return fetchImpl(input, init);
    }
    // A signal in `init` replaces the request's own: keep both (e.g. the per-request timeout).
    const own = init?.signal ?? request?.signal;
    return fetchImpl(input, {
      ...init,
      signal: own ? AbortSignal.any([own, signal]) : signal,
    });
  };
  return scopedFetch as typeof fetch;
}

// Duck-typed: requests may come from another realm (e.g. under Jest).
function isRequest(value: unknown): value is Request {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Request).method === 'string' &&
    typeof (value as Request).url === 'string'
  );
}
