import { waitForEntityAnnotations } from './waitForEntityAnnotations';

const entityWith = (annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'c', annotations },
});

describe('waitForEntityAnnotations', () => {
  it('waits until the catalog serves the saved annotations', async () => {
    const getEntityByRef = jest
      .fn()
      .mockResolvedValueOnce(entityWith({}))
      .mockResolvedValueOnce(entityWith({ 'jenkins.io/job-full-name': 'old' }))
      .mockResolvedValue(entityWith({ 'jenkins.io/job-full-name': 'a/b' }));
    await expect(
      waitForEntityAnnotations(
        { getEntityByRef },
        'component:default/c',
        { 'jenkins.io/job-full-name': 'a/b' },
        { intervalMs: 1 },
      ),
    ).resolves.toBe(true);
    expect(getEntityByRef).toHaveBeenCalledTimes(3);
  });

  it('also waits until removed annotations are gone', async () => {
    const getEntityByRef = jest
      .fn()
      .mockResolvedValueOnce(entityWith({ 'jenkins.io/job-full-name': 'a/b' }))
      .mockResolvedValue(entityWith({}));
    await expect(
      waitForEntityAnnotations(
        { getEntityByRef },
        'component:default/c',
        {},
        { intervalMs: 1, removed: ['jenkins.io/job-full-name'] },
      ),
    ).resolves.toBe(true);
    expect(getEntityByRef).toHaveBeenCalledTimes(2);
  });

  it('gives up after the timeout', async () => {
    const getEntityByRef = jest.fn().mockResolvedValue(entityWith({}));
    await expect(
      waitForEntityAnnotations(
        { getEntityByRef },
        'component:default/c',
        { team: 'x' },
        { intervalMs: 1, timeoutMs: 20 },
      ),
    ).resolves.toBe(false);
  });
});
