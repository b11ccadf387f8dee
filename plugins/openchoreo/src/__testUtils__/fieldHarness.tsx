import { useState, type ComponentType } from 'react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';

/**
 * Renders a scaffolder field the way the form does: it holds the field's value, passes the
 * other fields' values in `formContext.formData`, and records every `onChange`.
 */
export function FieldHarness<TValue, TOptions extends {} = {}>(props: {
  field: ComponentType<FieldExtensionComponentProps<TValue, TOptions>>;
  changes: Array<TValue | undefined>;
  initial?: TValue;
  otherFields?: Record<string, unknown>;
  options?: TOptions;
  title?: string;
}) {
  const { field: Field, changes } = props;
  const [value, setValue] = useState<TValue | undefined>(props.initial);
  const fieldProps = {
    formData: value,
    onChange: (next: TValue | undefined) => {
      changes.push(next);
      setValue(next);
    },
    schema: { title: props.title },
    uiSchema: { 'ui:options': props.options ?? {} },
    idSchema: { $id: 'root_field' },
    formContext: { formData: props.otherFields ?? {} },
    rawErrors: [],
    required: true,
  } as unknown as FieldExtensionComponentProps<TValue, TOptions>;
  return <Field {...fieldProps} />;
}
