import {
  DependencyList,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';

/** Options of {@link usePolling}. */
export interface PollingOptions<T> {
  /** Whether to load again, given the last loaded value (e.g. "a build is running"). */
  shouldPoll: (value: T) => boolean;
  /** Wait between loads while `shouldPoll` holds. Default 5s. */
  intervalMs?: number;
  /** Longest wait after consecutive errors (the wait doubles per error). Default 60s. */
  maxBackoffMs?: number;
  /**
   * Once the loaded value has stayed the same this long, poll only every `idleIntervalMs`
   * (e.g. a component still without a workload after minutes). Default: never slow down.
   */
  slowDownAfterMs?: number;
  /** The wait once polling slowed down. Default 60s. */
  idleIntervalMs?: number;
  /**
   * While `shouldPoll` does not hold, load again every this long anyway (e.g. 45 s, so that
   * builds started elsewhere appear without a reload); paused in a hidden page like every
   * poll. Default: no loads while `shouldPoll` does not hold.
   */
  whileIdleMs?: number;
}

/** State of {@link usePolling}. */
export interface PollingState<T> {
  /** The last successfully loaded value (kept while a later load fails). */
  value?: T;
  /** The error of the last load, cleared by the next successful one. */
  error?: Error;
  /** True until the first load of the current dependencies settles. */
  loading: boolean;
  /** Loads again now (after an error, or after starting a build) and resumes polling. */
  retry: () => void;
}

function isPageVisible(): boolean {
  return (
    typeof document === 'undefined' || document.visibilityState !== 'hidden'
  );
}

function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * The plugin's one polling mechanism: loads once, then again every `intervalMs` while
 * `shouldPoll(lastValue)` holds, and every `whileIdleMs` (if set) while it does not, only while
 * the page is visible (resuming at once when it becomes visible again). When nothing changed for `slowDownAfterMs` it waits `idleIntervalMs`
 * instead; any change brings the normal pace back. Consecutive errors double the wait, up to
 * `maxBackoffMs`. A load that fails before any value was loaded stops polling: the caller
 * shows the error and `retry`.
 */
export function usePolling<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  options: PollingOptions<T>,
): PollingState<T> {
  const [state, setState] = useState<Omit<PollingState<T>, 'retry'>>({
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const optionsRef = useRef(options);
  optionsRef.current = options;

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let waitingForVisibility = false;
    let failures = 0;
    let last: { value: T } | undefined;
    let lastJson: string | undefined;
    let changedAt = Date.now();

    const scheduleNext = (next: () => void) => {
      if (cancelled) return;
      const {
        shouldPoll,
        intervalMs = 5000,
        maxBackoffMs = 60000,
        slowDownAfterMs,
        idleIntervalMs = 60000,
        whileIdleMs,
      } = optionsRef.current;
      if (!last) return;
      const active = shouldPoll(last.value);
      if (!active && whileIdleMs === undefined) return;
      if (!isPageVisible()) {
        waitingForVisibility = true;
        return;
      }
      const idle =
        slowDownAfterMs !== undefined &&
        Date.now() - changedAt >= slowDownAfterMs;
      let pace = idle ? Math.max(idleIntervalMs, intervalMs) : intervalMs;
      if (!active) pace = Math.max(whileIdleMs ?? 0, intervalMs);
      const delay =
        failures === 0 ? pace : Math.min(pace * 2 ** failures, maxBackoffMs);
      timer = setTimeout(() => {
        timer = undefined;
        if (isPageVisible()) {
          next();
        } else {
          waitingForVisibility = true;
        }
      }, delay);
    };

    const poll = async () => {
      try {
        const value = await loadRef.current();
        if (cancelled) return;
        failures = 0;
        last = { value };
        const json = safeJson(value);
        if (json === undefined || json !== lastJson) changedAt = Date.now();
        lastJson = json;
        setState({ value, loading: false });
      } catch (e) {
        if (cancelled) return;
        failures += 1;
        setState(previous => ({
          value: previous.value,
          error: toError(e),
          loading: false,
        }));
      }
      scheduleNext(poll);
    };

    const onVisibilityChange = () => {
      if (isPageVisible() && waitingForVisibility && !timer) {
        waitingForVisibility = false;
        poll();
      }
    };

    setState(previous => ({ value: previous.value, loading: true }));
    document.addEventListener('visibilitychange', onVisibilityChange);
    poll();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
    // `deps` are the caller's: a change means "load something else".
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);

  const retry = useCallback(() => setGeneration(g => g + 1), []);
  return { ...state, retry };
}
