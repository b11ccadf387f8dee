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

function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * The plugin's one polling mechanism: loads once, then again every `intervalMs` only while
 * `shouldPoll(lastValue)` holds and the page is visible (resuming at once when it becomes
 * visible again). Consecutive errors double the wait, up to `maxBackoffMs`. A load that
 * fails before any value was loaded stops polling: the caller shows the error and `retry`.
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

    const scheduleNext = (next: () => void) => {
      if (cancelled) return;
      const {
        shouldPoll,
        intervalMs = 5000,
        maxBackoffMs = 60000,
      } = optionsRef.current;
      if (!last || !shouldPoll(last.value)) return;
      if (!isPageVisible()) {
        waitingForVisibility = true;
        return;
      }
      const delay =
        failures === 0
          ? intervalMs
          : Math.min(intervalMs * 2 ** failures, maxBackoffMs);
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
