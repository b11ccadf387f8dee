/** Timers that finish simulated runs later, all cancelled by one `dispose()` when a server closes. */
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();

  /** Runs `action` after `ms`; the timer does not keep the process alive. */
  after(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      action();
    }, ms);
    timer.unref();
    this.pending.add(timer);
  }

  /** Cancels every timer still pending. */
  dispose(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}
