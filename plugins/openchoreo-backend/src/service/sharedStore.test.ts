import { mockServices } from '@backstage/backend-test-utils';
import { createMemoryCacheService } from '../__testUtils__/memoryCacheService';
import { SharedStore } from './sharedStore';

describe('SharedStore', () => {
  const logger = mockServices.logger.mock();

  it('deletes the keys it wrote once they expired, so a memory store does not grow forever', async () => {
    let clock = 0;
    const store = createMemoryCacheService(() => 0);
    const shared = new SharedStore({
      store,
      logger,
      timeoutMs: 1000,
      now: () => clock,
    });
    await shared.set('short', 1, { ttlMs: 2000 });
    await shared.set('long', 2, { ttlMs: 600_000 });
    clock = 2000;
    await shared.sweep();
    // The memory store here never expires anything by itself.
    expect(store.keys()).toEqual(['long']);
    expect(store.operations.delete).toBe(1);
  });
});
