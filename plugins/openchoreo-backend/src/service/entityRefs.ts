import { stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The catalog entity of an OpenChoreo component: the catalog provider names it
 * `metadata.name = <component>` in `metadata.namespace = <OpenChoreo namespace>`, so the
 * ref is `component:<namespace>/<component>`. Permission checks use it as `resourceRef`.
 */
export function componentEntityRef(
  namespace: string,
  component: string,
): string {
  return stringifyEntityRef({ kind: 'Component', namespace, name: component });
}
