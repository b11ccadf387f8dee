import { useId, useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import TextField from '@material-ui/core/TextField';
import Form from '@rjsf/material-ui';
import type { RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import YAML from 'yaml';
import { hiddenFieldsUiSchema } from './hiddenFieldsUiSchema';

/** Reads YAML that must be a mapping of parameters; the error says what is wrong and where. */
export function parseParametersYaml(
  text: string,
): { value: Record<string, unknown> } | { error: string } {
  let parsed: unknown;
  try {
    parsed = YAML.parse(text);
  } catch (e) {
    return { error: `The YAML cannot be read: ${(e as Error).message}` };
  }
  if (parsed === null || parsed === undefined) return { value: {} };
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      error: 'The YAML must be a mapping of parameter names to values.',
    };
  }
  return { value: parsed as Record<string, unknown> };
}

/**
 * Workflow parameters two ways over the same values: a form made from the workflow's schema,
 * and the YAML of the values. Switching shows the other view of what was just entered.
 */
export function ParametersEditor(props: {
  schema: Record<string, unknown>;
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
  /** The YAML's problem, or undefined once it reads; while set, `value` is the last good one. */
  onYamlError: (error: string | undefined) => void;
  /** Fields the dialog shows on its own (Branch, Commit): not repeated in the form. */
  formHides?: ReadonlyArray<readonly string[] | undefined>;
}) {
  const { schema, value, onChange, onYamlError, formHides } = props;
  const uiSchema = useMemo(
    () => ({
      ...hiddenFieldsUiSchema(schema, formHides ?? []),
      'ui:submitButtonOptions': { norender: true },
    }),
    [schema, formHides],
  );
  const [view, setView] = useState<'form' | 'yaml'>('form');
  const [yamlText, setYamlText] = useState('');
  const [yamlError, setYamlError] = useState<string>();
  const yamlId = useId();

  const show = (next: 'form' | 'yaml') => {
    if (next === 'yaml') {
      setYamlText(YAML.stringify(value));
    }
    setYamlError(undefined);
    onYamlError(undefined);
    setView(next);
  };

  return (
    <Box>
      <Tabs
        value={view}
        onChange={(_, next) => show(next)}
        aria-label="parameters view"
      >
        <Tab value="form" label="Form" />
        <Tab value="yaml" label="YAML" />
      </Tabs>
      <Box mt={1}>
        {view === 'form' ? (
          <Form
            schema={schema as RJSFSchema}
            formData={value}
            validator={validator}
            liveValidate
            showErrorList={false}
            onChange={e =>
              onChange((e.formData ?? {}) as Record<string, unknown>)
            }
            uiSchema={uiSchema}
          />
        ) : (
          <TextField
            id={yamlId}
            label="Parameters (YAML)"
            multiline
            fullWidth
            variant="outlined"
            minRows={8}
            value={yamlText}
            error={!!yamlError}
            helperText={yamlError}
            inputProps={{
              style: { fontFamily: 'monospace' },
              spellCheck: false,
            }}
            onChange={e => {
              const text = e.target.value;
              setYamlText(text);
              const parsed = parseParametersYaml(text);
              if ('error' in parsed) {
                setYamlError(parsed.error);
                onYamlError(parsed.error);
              } else {
                setYamlError(undefined);
                onYamlError(undefined);
                onChange(parsed.value);
              }
            }}
          />
        )}
      </Box>
    </Box>
  );
}
