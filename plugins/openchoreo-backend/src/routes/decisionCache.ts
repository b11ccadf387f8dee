import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import { SharedStore } from '../service/sharedStore';

/** A decision as the permission service gave it: allowed or not (conditions are not cached). */
type Decision = AuthorizeResult.ALLOW | AuthorizeResult.DENY;

/**
 * Reuses a user's permission decisions for a short time (`ttlMs`): the requests of one page
 * view (and a viewer's polls) ask the permission service once per user, permission and entity
 * per period instead of once per request. Concurrent identical checks in this process share one
 * call; decisions live in Backstage's cache service (shared by replicas with Redis). Only a
 * verified user's ALLOW or DENY is kept, never a failure or a conditional answer; a change of
 * the policy or of the user's groups reaches the routes within `ttlMs` (and 0 turns this off).
 */
export class PermissionDecisionCache {
  private readonly inFlight = new Map<string, Promise<AuthorizeResult>>();
  private readonly shared: SharedStore;

  constructor(
    private readonly options: {
      store: CacheService;
      logger: LoggerService;
      ttlMs: number;
    },
  ) {
    this.shared = new SharedStore({
      store: options.store,
      logger: options.logger,
      timeoutMs: 250,
    });
  }

  /** How long a decision is reused, in ms (0: never). */
  get ttlMs(): number {
    return this.options.ttlMs;
  }

  /**
   * The decision on `permission` for `resourceRef` for the user of `credentials` (verified by
   * the caller): as decided within the last `ttlMs`, or asked with `ask`.
   */
  async decide(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    permission: ResourcePermission<'catalog-entity'>,
    resourceRef: string,
    ask: () => Promise<AuthorizeResult>,
  ): Promise<AuthorizeResult> {
    if (this.options.ttlMs <= 0) return ask();
    const key = `permission-decision:${JSON.stringify([
      credentials.principal.userEntityRef,
      permission.name,
      resourceRef,
    ])}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    const promise = this.lookUp(key, ask).finally(() => {
      if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
    });
    this.inFlight.set(key, promise);
    return promise;
  }

  private async lookUp(
    key: string,
    ask: () => Promise<AuthorizeResult>,
  ): Promise<AuthorizeResult> {
    const stored = await this.shared.get<{ result: Decision }>(key);
    if (
      stored?.result === AuthorizeResult.ALLOW ||
      stored?.result === AuthorizeResult.DENY
    ) {
      return stored.result;
    }
    const result = await ask();
    if (result === AuthorizeResult.ALLOW || result === AuthorizeResult.DENY) {
      await this.shared.set(key, { result }, { ttlMs: this.options.ttlMs });
    }
    return result;
  }
}
