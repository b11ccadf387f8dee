/** How requests are retried on connection errors, 429 and 5xx. */
export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** Upper bound of the first back-off; doubles each retry. */
  initialDelayMs: number;
  /** Upper bound of any single back-off. */
  maxDelayMs: number;
  /** No retry starts once this much time has passed since the first attempt. */
  maxTotalMs: number;
  /** Timeout of one HTTP request. */
  requestTimeoutMs: number;
}

/** The defaults: 5 attempts within 2 minutes, back-off 1s, 2s, 4s... (with full jitter). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 1000,
  maxDelayMs: 15_000,
  maxTotalMs: 120_000,
  requestTimeoutMs: 30_000,
};

/** The outcome of the last attempt: a response, or the connection error that prevented one. */
export type AttemptOutcome =
  | { response: Response; error?: undefined }
  | { response?: undefined; error: Error };

/** Whether an outcome is worth another attempt: connection errors, timeouts, 429 and 5xx. */
export function isRetryable(outcome: AttemptOutcome): boolean {
  if (outcome.error) return true;
  const status = outcome.response.status;
  return status === 429 || status >= 500;
}

/**
 * Runs `attempt` until it gives a non-retryable outcome, or the attempts or the time budget
 * run out, sleeping an exponential back-off with full jitter in between. Returns the last
 * outcome; `onRetry` is told about each retry (for the step log).
 */
export async function withRetries(
  attempt: () => Promise<Response>,
  policy: RetryPolicy,
  onRetry: (outcome: AttemptOutcome, delayMs: number, next: number) => void,
  random: () => number = Math.random,
): Promise<{ outcome: AttemptOutcome; attempts: number }> {
  const started = Date.now();
  for (let attempts = 1; ; attempts++) {
    let outcome: AttemptOutcome;
    try {
      outcome = { response: await attempt() };
    } catch (error) {
      outcome = { error: error as Error };
    }
    if (!isRetryable(outcome) || attempts >= policy.maxAttempts) {
      return { outcome, attempts };
    }
    const ceiling = Math.min(
      policy.maxDelayMs,
      policy.initialDelayMs * 2 ** (attempts - 1),
    );
    const delayMs = Math.round(random() * ceiling);
    if (Date.now() - started + delayMs > policy.maxTotalMs) {
      return { outcome, attempts };
    }
    // Free the connection before waiting; the body of a failed attempt is not needed.
    await outcome.response?.body?.cancel().catch(() => undefined);
    onRetry(outcome, delayMs, attempts + 1);
    await new Promise(resolve => setTimeout(resolve, delayMs));
  }
}
