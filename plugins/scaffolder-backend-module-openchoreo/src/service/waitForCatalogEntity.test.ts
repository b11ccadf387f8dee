import { waitForCatalogEntity } from './waitForCatalogEntity';

describe('waitForCatalogEntity', () => {
  it('returns once the catalog serves the entity', async () => {
    const getEntityByRef = jest
      .fn()
      .mockResolvedValueOnce(undefined)
      .mockRejectedValueOnce(new Error('catalog busy'))
      .mockResolvedValue({ kind: 'Component' });
    await expect(
      waitForCatalogEntity({ getEntityByRef }, 'component:default/a', {
        intervalMs: 1,
      }),
    ).resolves.toBe(true);
    expect(getEntityByRef).toHaveBeenCalledTimes(3);
    expect(getEntityByRef).toHaveBeenCalledWith('component:default/a');
  });

  it('gives up after the timeout', async () => {
    const getEntityByRef = jest.fn().mockResolvedValue(undefined);
    await expect(
      waitForCatalogEntity({ getEntityByRef }, 'component:default/a', {
        intervalMs: 1,
        timeoutMs: 20,
      }),
    ).resolves.toBe(false);
  });
});
