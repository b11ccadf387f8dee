import { useMemo } from 'react';
import Box from '@mui/material/Box';
import Form from '@rjsf/mui';
import {
  getDefaultFormState,
  type RJSFSchema,
  type UiSchema,
} from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import type { ParameterSchemaNode } from '@openchoreo-ci/plugin-openchoreo-common';
import { hiddenFieldsUiSchema } from './hiddenFieldsUiSchema';

type Parameters = Record<string, unknown>;

// Validators by schema object: a schema is compiled once, however often its form validates
// while the user types; a validator goes when its schema is no longer used.
const validators = new WeakMap<object, ReturnType<typeof customizeValidator>>();

/** The form's validator for one schema, made (and the schema compiled) once per schema. */
export function workflowParametersValidator(schema: ParameterSchemaNode) {
  let validator = validators.get(schema);
  if (!validator) {
    validator = customizeValidator();
    validators.set(schema, validator);
  }
  return validator;
}

/**
 * A workflow's parameters as a form made from its parameter schema: the one renderer of the
 * wizard's built-in CI parameters and of "Build with options" (same widgets, same validation).
 * Fields at the `hide` paths are shown elsewhere by the caller and left out here.
 */
export function WorkflowParametersForm(props: {
  schema: ParameterSchemaNode;
  value: Parameters | undefined;
  onChange: (value: Parameters) => void;
  /** Property paths the caller shows on its own (repository fields). */
  hide?: ReadonlyArray<readonly string[] | undefined>;
  /** Prefix of the fields' ids; give one when two forms can be on the page. */
  idPrefix?: string;
}) {
  const { schema, value, onChange, hide, idPrefix } = props;
  const validator = workflowParametersValidator(schema);
  const uiSchema = useMemo<UiSchema>(
    () => ({
      ...hiddenFieldsUiSchema(schema, hide ?? []),
      'ui:submitButtonOptions': { norender: true },
    }),
    [schema, hide],
  );
  // The form shows the schema's defaults; handing them in (rather than letting the form add
  // them) keeps the caller's value as the user left it until the user changes something.
  const shown = useMemo(
    () =>
      getDefaultFormState(
        validator,
        schema as RJSFSchema,
        value ?? {},
        schema as RJSFSchema,
      ) as Parameters,
    [validator, schema, value],
  );
  return (
    <Box role="group" aria-label="Workflow parameters">
      <Form
        // A div, not a form: the wizard's own form contains this one.
        tagName="div"
        schema={schema as RJSFSchema}
        uiSchema={uiSchema}
        formData={shown}
        validator={validator}
        idPrefix={idPrefix}
        liveValidate
        showErrorList={false}
        onChange={e => onChange((e.formData ?? {}) as Parameters)}
      />
    </Box>
  );
}
