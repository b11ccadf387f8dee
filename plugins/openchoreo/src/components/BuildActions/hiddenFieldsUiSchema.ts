import type { UiSchema } from '@rjsf/utils';

type Schema = Record<string, unknown>;

function propertiesOf(schema: unknown): Record<string, unknown> | undefined {
  const properties = (schema as Schema | undefined)?.properties;
  return properties && typeof properties === 'object'
    ? (properties as Record<string, unknown>)
    : undefined;
}

/**
 * The form's uiSchema that hides the fields at `paths` (shown elsewhere in the dialog, e.g. Branch
 * and Commit), and an object whose every field is hidden, so no empty section remains.
 */
export function hiddenFieldsUiSchema(
  schema: Schema,
  paths: ReadonlyArray<readonly string[] | undefined>,
): UiSchema {
  const hidden = new Set(
    paths
      .filter((p): p is readonly string[] => !!p?.length)
      .map(p => p.join('\u0000')),
  );
  const walk = (node: unknown, at: string[]): UiSchema | undefined => {
    if (hidden.has(at.join('\u0000'))) return { 'ui:widget': 'hidden' };
    const properties = propertiesOf(node);
    if (!properties) return undefined;
    const ui: UiSchema = {};
    const keys = Object.keys(properties);
    for (const key of keys) {
      const child = walk(properties[key], [...at, key]);
      if (child) ui[key] = child;
    }
    const allHidden =
      at.length > 0 &&
      keys.length > 0 &&
      keys.every(key => ui[key]?.['ui:widget'] === 'hidden');
    if (allHidden) return { 'ui:widget': 'hidden' };
    return Object.keys(ui).length ? ui : undefined;
  };
  return walk(schema, []) ?? {};
}
