/** Errors of an OpenChoreo call worth one more try: unavailable (503) or failing (502). */
const TRANSIENT_ERRORS = new Set([
  'ServiceUnavailableError',
  'OpenChoreoFailedError',
]);

/** Pause before the second try, in ms. */
const RETRY_DELAY_MS = 100;

/** True for a failure that may not happen again: OpenChoreo unavailable or answering 5xx. */
export function isTransientFailure(error: unknown): boolean {
  return error instanceof Error && TRANSIENT_ERRORS.has(error.name);
}

/**
 * Runs an idempotent read, and once more after a transient failure unless `signal` aborted
 * meanwhile (the caller's deadline). Other failures (404, 403, ...) are final at once.
 */
export async function retryTransientOnce<T>(
  read: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!isTransientFailure(error) || signal?.aborted) {
      throw error;
    }
    await new Promise(resolve => setTimeout(resolve, RETRY_DELAY_MS));
    if (signal?.aborted) {
      throw error;
    }
    return read();
  }
}
