/*
 * Identical OpenChoreo events within a window cost one upstream read (plus one more at the end
 * of the window if the event came again meanwhile, so no change is lost):
 *   - the first event of a window is handed on at once (the catalog re-reads the component) and
 *     claims the window in the cache service under `openchoreo-event:<kind>/<namespace>/<name>`;
 *   - repeats during the window only mark it dirty; when the window ends, a dirty window hands
 *     the event on once more and opens a new window.
 * Within one process the claim is synchronous (a Map), so concurrent identical posts never race.
 * Across replicas the claim lives in Backstage's cache service: with `backend.cache` on Redis or
 * Memcache (shared), replicas share the window; with the default in-memory store each replica
 * has its own, so N replicas cost at most N reads (2N with repeats) per window. The cache
 * service's get-then-set is not atomic, so two replicas claiming in the same instant may both read.
 */
import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { OpenChoreoForwardedEvent } from './forwardedEvent';

interface Window {
  /** This process owns the window: it handed the event on and re-checks at the end. */
  owner: boolean;
  dirty: boolean;
  event: OpenChoreoForwardedEvent;
  timer: ReturnType<typeof setTimeout>;
}

export class EventCoalescer {
  private readonly windows = new Map<string, Window>();
  private stopped = false;

  constructor(
    private readonly options: {
      cache: CacheService;
      windowMs: number;
      logger: LoggerService;
      /** Hands the event on (the catalog re-reads the resource). */
      publish(event: OpenChoreoForwardedEvent): Promise<void>;
    },
  ) {}

  /** Hands `event` on unless an identical one is within its window. */
  async offer(
    event: OpenChoreoForwardedEvent,
  ): Promise<'accepted' | 'coalesced'> {
    const key = `openchoreo-event:${event.kind}/${event.namespace}/${event.name}`;
    const local = this.windows.get(key);
    if (local) {
      local.dirty = true;
      if (!local.owner) await this.markDirtyInCache(key);
      return 'coalesced';
    }
    // Claimed synchronously, before any await: concurrent identical posts see it.
    const window = this.open(key, event, true);
    if (await this.safeGet(key)) {
      window.owner = false;
      await this.markDirtyInCache(key);
      return 'coalesced';
    }
    await this.safeSet(key, true);
    await this.options.publish(event);
    return 'accepted';
  }

  /** Clears the timers; pending repeats are left to the next full sync. */
  stop(): void {
    this.stopped = true;
    for (const window of this.windows.values()) clearTimeout(window.timer);
    this.windows.clear();
  }

  private open(
    key: string,
    event: OpenChoreoForwardedEvent,
    owner: boolean,
  ): Window {
    const timer = setTimeout(() => {
      void this.close(key);
    }, this.options.windowMs);
    timer.unref?.();
    const window: Window = { owner, dirty: false, event, timer };
    this.windows.set(key, window);
    return window;
  }

  private async close(key: string): Promise<void> {
    const window = this.windows.get(key);
    this.windows.delete(key);
    if (!window || !window.owner || this.stopped) return;
    const dirty = window.dirty || Boolean(await this.safeGet(`${key}:dirty`));
    await this.safeDelete(`${key}:dirty`);
    if (!dirty || this.stopped) {
      await this.safeDelete(key);
      return;
    }
    this.open(key, window.event, true);
    await this.safeSet(key, true);
    try {
      await this.options.publish(window.event);
    } catch (error) {
      this.options.logger.warn(
        `Could not hand on a repeated OpenChoreo event; the next full sync will bring the change: ${error}`,
      );
    }
  }

  private markDirtyInCache(key: string) {
    return this.safeSet(`${key}:dirty`, true);
  }

  private ttl() {
    // A little longer than the window: the owner reads the dirty mark when its window ends.
    return { milliseconds: this.options.windowMs * 2 };
  }

  // The cache is an optimisation: when it fails, the event is handed on as if it were first.
  private async safeGet(key: string) {
    try {
      return await this.options.cache.get(key);
    } catch {
      return undefined;
    }
  }
  private async safeSet(key: string, value: boolean) {
    try {
      await this.options.cache.set(key, value, { ttl: this.ttl() });
    } catch {
      /* see safeGet */
    }
  }
  private async safeDelete(key: string) {
    try {
      await this.options.cache.delete(key);
    } catch {
      /* see safeGet */
    }
  }
}
