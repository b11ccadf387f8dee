/** The part of the catalog service the wait needs. */
export interface EntityLookup {
  getEntityByRef(entityRef: string): Promise<unknown | undefined>;
}

/**
 * Waits until the catalog serves an entity. The provider adds a new component at once (delta
 * mutation), but the catalog still has to process it before `getEntityByRef` finds it; the
 * wizard's "Open the component" link must not lead to "Entity not found" meanwhile.
 * Returns false when the entity did not appear within the timeout.
 */
export async function waitForCatalogEntity(
  catalog: EntityLookup,
  entityRef: string,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const entity = await catalog
      .getEntityByRef(entityRef)
      .catch(() => undefined);
    if (entity) return true;
    if (Date.now() >= deadline) return false;
    await new Promise(resolve =>
      setTimeout(resolve, options.intervalMs ?? 500),
    );
  }
}
