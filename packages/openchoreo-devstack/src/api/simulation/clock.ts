/** A scheduled callback that can be cancelled. */
export interface ClockTimer {
  cancel(): void;
}

/**
 * Simulated time for the WorkflowRun simulation: timestamps and timers both use it, so task
 * durations, log timestamps and `ttlAfterCompletion` stay consistent whatever the speed.
 */
export interface Clock {
  now(): Date;
  /** Runs `callback` after `delayMs` of simulated time; the timer never keeps the process alive. */
  setTimer(delayMs: number, callback: () => void): ClockTimer;
}

// setTimeout fires at once for delays above 2^31-1 ms (~24.8 days), so long timers are chained.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * The wall clock sped up (timeScale below 1) or slowed down: with `timeScale: 0.01` a simulated
 * 5 s task takes 50 ms, and `now()` advances 100 simulated seconds per real second.
 */
export function createScaledClock(timeScale = 1): Clock {
  if (!(timeScale > 0)) {
    throw new Error(`timeScale must be a positive number, got ${timeScale}`);
  }
  const origin = Date.now();
  return {
    now: () => new Date(origin + (Date.now() - origin) / timeScale),
    setTimer(delayMs, callback) {
      let handle: NodeJS.Timeout | undefined;
      const arm = (remainingMs: number) => {
        const step = Math.min(remainingMs, MAX_TIMEOUT_MS);
        handle = setTimeout(() => {
          if (remainingMs > step) arm(remainingMs - step);
          else callback();
        }, step);
        handle.unref();
      };
      arm(Math.max(0, delayMs * timeScale));
      return { cancel: () => clearTimeout(handle) };
    },
  };
}

/** A clock that only moves when told to, for deterministic tests. */
export class ManualClock implements Clock {
  private current: number;
  private readonly timers = new Set<{ at: number; callback: () => void }>();

  constructor(start: Date | string = '2026-01-01T00:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  setTimer(delayMs: number, callback: () => void): ClockTimer {
    const timer = { at: this.current + Math.max(0, delayMs), callback };
    this.timers.add(timer);
    return { cancel: () => this.timers.delete(timer) };
  }

  /** Number of timers not yet fired. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /**
   * Moves time forward by `ms`, firing due timers in order and letting the asynchronous work
   * they start (store writes, HTTP calls) settle between them.
   */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await settle();
      const next = [...this.timers]
        .filter(timer => timer.at <= target)
        .sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers.delete(next);
      this.current = Math.max(this.current, next.at);
      next.callback();
    }
    this.current = target;
    await settle();
  }
}

async function settle() {
  for (let i = 0; i < 5; i++) {
    await new Promise(resolve => setImmediate(resolve));
  }
}
