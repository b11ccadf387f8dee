import { useState } from 'react';
import {
  Checkbox,
  FormControlLabel,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import {
  getAtPath,
  setAtPath,
  type ParameterSchemaNode,
} from '@openchoreo-ci/plugin-openchoreo-common';

/** Renders a form for the properties of an object schema, skipping the `exclude` paths. */
export function SchemaFields(props: {
  schema: ParameterSchemaNode;
  value: Record<string, unknown> | undefined;
  onChange: (value: Record<string, unknown>) => void;
  exclude: string[][];
  path?: string[];
}) {
  const { schema, value, onChange, exclude, path = [] } = props;
  const isExcluded = (p: string[]) =>
    exclude.some(e => e.length === p.length && e.every((k, i) => k === p[i]));
  const hasVisible = (node: ParameterSchemaNode, p: string[]): boolean =>
    !isExcluded(p) &&
    (node.type !== 'object' ||
      !node.properties ||
      Object.entries(node.properties).some(([k, c]) =>
        hasVisible(c, [...p, k]),
      ));

  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([key, child]) => {
        const childPath = [...path, key];
        if (!hasVisible(child, childPath)) return null;
        const label = child.title ?? key;
        const required = schema.required?.includes(key) ?? false;
        const current = getAtPath(value, childPath);
        const set = (v: unknown) => onChange(setAtPath(value, childPath, v));
        const id = `openchoreo-parameter-${childPath.join('.')}`;
        if (child.type === 'object' && child.properties) {
          return (
            <div key={key} style={{ marginTop: 16 }}>
              <Typography variant="subtitle2">{label}</Typography>
              {child.description && (
                <Typography variant="caption">{child.description}</Typography>
              )}
              <div style={{ paddingLeft: 16 }}>
                <SchemaFields
                  schema={child}
                  value={value}
                  onChange={onChange}
                  exclude={exclude}
                  path={childPath}
                />
              </div>
            </div>
          );
        }
        if (Array.isArray(child.enum)) {
          return (
            <TextField
              key={key}
              id={id}
              select
              fullWidth
              margin="normal"
              label={label}
              required={required}
              helperText={child.description}
              value={current ?? child.default ?? ''}
              onChange={e => set(e.target.value)}
            >
              {child.enum.map(option => (
                <MenuItem key={String(option)} value={String(option)}>
                  {String(option)}
                </MenuItem>
              ))}
            </TextField>
          );
        }
        if (child.type === 'boolean') {
          return (
            <FormControlLabel
              key={key}
              label={label}
              control={
                <Checkbox
                  checked={Boolean(current ?? child.default)}
                  onChange={e => set(e.target.checked)}
                />
              }
            />
          );
        }
        if (child.type === 'integer' || child.type === 'number') {
          return (
            <TextField
              key={key}
              id={id}
              type="number"
              fullWidth
              margin="normal"
              label={label}
              required={required}
              helperText={child.description}
              placeholder={
                child.default === undefined ? undefined : String(child.default)
              }
              value={current ?? ''}
              onChange={e =>
                set(e.target.value === '' ? undefined : Number(e.target.value))
              }
            />
          );
        }
        if (child.type === 'string' || child.type === undefined) {
          return (
            <TextField
              key={key}
              id={id}
              fullWidth
              margin="normal"
              label={label}
              required={required}
              helperText={child.description}
              placeholder={
                typeof child.default === 'string' ? child.default : undefined
              }
              value={typeof current === 'string' ? current : ''}
              onChange={e =>
                set(e.target.value === '' ? undefined : e.target.value)
              }
            />
          );
        }
        return (
          <JsonField
            key={key}
            id={id}
            label={label}
            description={child.description}
            value={current}
            onChange={set}
          />
        );
      })}
    </>
  );
}

/** Arrays and free-form objects: edited as JSON. */
function JsonField(props: {
  id: string;
  label: string;
  description?: string;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const [text, setText] = useState(
    props.value === undefined ? '' : JSON.stringify(props.value),
  );
  const [error, setError] = useState<string>();
  return (
    <TextField
      id={props.id}
      fullWidth
      multiline
      margin="normal"
      label={`${props.label} (JSON)`}
      value={text}
      error={Boolean(error)}
      helperText={error ?? props.description}
      onChange={e => {
        setText(e.target.value);
        if (e.target.value.trim() === '') {
          setError(undefined);
          props.onChange(undefined);
          return;
        }
        try {
          props.onChange(JSON.parse(e.target.value));
          setError(undefined);
        } catch {
          setError('Not valid JSON yet');
        }
      }}
    />
  );
}
