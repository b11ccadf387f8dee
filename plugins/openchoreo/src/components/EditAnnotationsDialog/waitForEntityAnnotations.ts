import type { CatalogApi } from '@backstage/plugin-catalog-react';

/**
 * Waits until the catalog serves the entity with the given annotations, and without the
 * `removed` ones. The backend refreshes
 * the entity right after the save, but the catalog still has to process it (about a second),
 * so refreshing the page at once would show the old entity and the old CI card.
 */
export async function waitForEntityAnnotations(
  catalogApi: Pick<CatalogApi, 'getEntityByRef'>,
  entityRef: string,
  annotations: Record<string, string>,
  options: { timeoutMs?: number; intervalMs?: number; removed?: string[] } = {},
): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const entity = await catalogApi
      .getEntityByRef(entityRef)
      .catch(() => undefined);
    const current = entity?.metadata.annotations ?? {};
    if (
      Object.entries(annotations).every(([k, v]) => current[k] === v) &&
      (options.removed ?? []).every(k => !(k in current))
    ) {
      return true;
    }
    if (Date.now() >= deadline) return false;
    await new Promise(resolve =>
      setTimeout(resolve, options.intervalMs ?? 500),
    );
  }
}
