import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  openchoreoWorkflowRunCreatePermission,
  openchoreoWorkflowRunReadPermission,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { createMemoryCacheService } from '../__testUtils__/memoryCacheService';
import {
  DEFAULT_PERMISSION_TTL_MS,
  readBackendConfig,
} from '../service/backendConfig';
import { PermissionDecisionCache } from './decisionCache';

const logger = mockServices.logger.mock();
const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');
const API = 'component:default/api';

describe('PermissionDecisionCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  function setUp(ttlMs = DEFAULT_PERMISSION_TTL_MS) {
    const store = createMemoryCacheService(clock);
    const cache = new PermissionDecisionCache({ store, logger, ttlMs });
    let result: AuthorizeResult = AuthorizeResult.ALLOW;
    const ask = jest.fn(async (): Promise<AuthorizeResult> => result);
    return {
      store,
      cache,
      ask,
      set: (next: AuthorizeResult) => {
        result = next;
      },
    };
  }

  it('asks once per user, permission and entity within the TTL; concurrent checks share one call', async () => {
    const { cache, ask } = setUp();
    const read = openchoreoWorkflowRunReadPermission;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => cache.decide(alice, read, API, ask)),
    );
    expect(results).toEqual(Array(5).fill(AuthorizeResult.ALLOW));
    expect(ask).toHaveBeenCalledTimes(1);
    await cache.decide(alice, read, API, ask);
    expect(ask).toHaveBeenCalledTimes(1);

    // Anything else is a decision of its own.
    await cache.decide(bob, read, API, ask);
    await cache.decide(alice, openchoreoWorkflowRunCreatePermission, API, ask);
    await cache.decide(alice, read, 'component:default/other', ask);
    expect(ask).toHaveBeenCalledTimes(4);
  });

  it(`a revoked permission takes effect within the TTL (default ${DEFAULT_PERMISSION_TTL_MS} ms)`, async () => {
    const { cache, ask, set } = setUp();
    const create = openchoreoWorkflowRunCreatePermission;
    expect(await cache.decide(alice, create, API, ask)).toBe(
      AuthorizeResult.ALLOW,
    );
    set(AuthorizeResult.DENY); // e.g. removed from the writer groups
    now += DEFAULT_PERMISSION_TTL_MS - 1;
    expect(await cache.decide(alice, create, API, ask)).toBe(
      AuthorizeResult.ALLOW,
    );
    now += 1;
    expect(await cache.decide(alice, create, API, ask)).toBe(
      AuthorizeResult.DENY,
    );
    // And a grant the same way.
    set(AuthorizeResult.ALLOW);
    now += DEFAULT_PERMISSION_TTL_MS;
    expect(await cache.decide(alice, create, API, ask)).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('never keeps a failure or a conditional answer, and asks every time with the TTL 0', async () => {
    const { cache, ask, store } = setUp();
    const read = openchoreoWorkflowRunReadPermission;
    ask.mockRejectedValueOnce(new Error('permission backend down'));
    await expect(cache.decide(alice, read, API, ask)).rejects.toThrow(
      'permission backend down',
    );
    ask.mockResolvedValueOnce(AuthorizeResult.CONDITIONAL);
    expect(await cache.decide(alice, read, API, ask)).toBe(
      AuthorizeResult.CONDITIONAL,
    );
    expect(store.keys()).toEqual([]);
    expect(await cache.decide(alice, read, API, ask)).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(ask).toHaveBeenCalledTimes(3);

    const off = setUp(0);
    await off.cache.decide(alice, read, API, off.ask);
    await off.cache.decide(alice, read, API, off.ask);
    expect(off.ask).toHaveBeenCalledTimes(2);
    expect(off.store.keys()).toEqual([]);
  });

  it('is configured by openchoreo.cache.permissionTtlMs: default 5 s, at most 60 s', () => {
    const read = (cache?: object) =>
      readBackendConfig(new ConfigReader({ openchoreo: { cache } }));
    expect(read().permissionTtlMs).toBe(5000);
    expect(read({ permissionTtlMs: 0 }).permissionTtlMs).toBe(0);
    expect(() => read({ permissionTtlMs: 120_000 })).toThrow(
      /openchoreo.cache.permissionTtlMs/,
    );
    expect(read().serverTiming).toBe(false);
  });
});
