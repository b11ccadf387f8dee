import type { OpenChoreoClient } from '@openchoreo-ci/openchoreo-client';
import type {
  OpenChoreoCall,
  OpenChoreoCaller,
  OpenChoreoRequestAccess,
} from '@openchoreo-ci/plugin-openchoreo-node';
import type { CoalescingCache } from './coalescingCache';
import { currentCallerAccess } from './callerScope';
import { timed } from '../middleware/serverTiming';

/** The status cache as the services use it. */
export type ServiceCache = Pick<CoalescingCache, 'get' | 'invalidate'>;

/** What every OpenChoreo service needs: the client, the shared status cache and error mapping. */
export interface OpenChoreoServiceContext {
  /** The client of the request being served: the signed-in user's, or the service account's. */
  readonly client: OpenChoreoClient;
  /** Whose token {@link OpenChoreoServiceContext.client} sends. */
  readonly caller: OpenChoreoCaller;
  /** Whose rights the answers reflect (a token hash or `service-account`), for caches of their own. */
  readonly partition: string;
  /**
   * Shared by all viewers with the same rights: identical status reads go upstream once per TTL.
   * Entries are kept per caller (OpenChoreo filters and refuses per user), invalidated for all.
   */
  cache: ServiceCache;
  /** Runs a client call and maps its failure to a Backstage error for the current caller. */
  call: OpenChoreoCall;
}

/**
 * The services' context: client, error mapping and cache partition follow the request being
 * served (see `openchoreoCallerScope`), and fall back to `serviceAccount` outside a request.
 */
export function createRequestScopedContext(options: {
  serviceAccount: OpenChoreoRequestAccess;
  cache: ServiceCache;
}): OpenChoreoServiceContext {
  const current = () => currentCallerAccess(options.serviceAccount);
  return {
    get client() {
      return current().client;
    },
    get caller() {
      return current().caller;
    },
    get partition() {
      return current().partition;
    },
    call: (action, run) => timed('upstream', () => current().call(action, run)),
    cache: {
      // The caller's partition goes last, so invalidating a key prefix reaches every caller.
      get: (key, load) =>
        options.cache.get(`${key}@${current().partition}`, load),
      invalidate: prefix => options.cache.invalidate(prefix),
    },
  };
}

/** Cache key of a resource; every key ends in `|` so one key is never a prefix of another. */
export function cacheKey(...parts: Array<string | number | undefined>): string {
  return `${parts.map(p => (p === undefined ? '' : String(p))).join('|')}|`;
}
