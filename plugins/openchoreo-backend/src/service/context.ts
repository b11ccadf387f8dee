import type { OpenChoreoClient } from '@openchoreo-ci/openchoreo-client';
import type { OpenChoreoCall } from '@openchoreo-ci/plugin-openchoreo-node';
import type { CoalescingCache } from './coalescingCache';

/** What every OpenChoreo service needs: the client, the shared status cache and error mapping. */
export interface OpenChoreoServiceContext {
  client: OpenChoreoClient;
  /** Shared by all viewers: identical status reads go upstream once per TTL. */
  cache: CoalescingCache;
  /** Runs a client call and maps its failure to a Backstage error. */
  call: OpenChoreoCall;
}

/** Cache key of a resource; every key ends in `|` so one key is never a prefix of another. */
export function cacheKey(...parts: Array<string | number | undefined>): string {
  return `${parts.map(p => (p === undefined ? '' : String(p))).join('|')}|`;
}
