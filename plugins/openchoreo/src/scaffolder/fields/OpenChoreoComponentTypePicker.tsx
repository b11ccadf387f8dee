import useAsync from 'react-use/esm/useAsync';
import { MenuItem, TextField } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { useApi } from '@backstage/frontend-plugin-api';
import { openchoreoApiRef } from '../../api';
import {
  readFormField,
  type ComponentTypeValue,
  type DependentFieldOptions,
  type ProjectValue,
} from '../types';
import { OpenChoreoErrorAlert } from '../../components/OpenChoreoErrorAlert';

/** Picks a (cluster) component type of the chosen namespace; value `{kind, name}`. */
export function OpenChoreoComponentTypePicker(
  props: FieldExtensionComponentProps<
    ComponentTypeValue,
    DependentFieldOptions
  >,
) {
  const {
    formData,
    onChange,
    required,
    rawErrors,
    schema,
    uiSchema,
    idSchema,
  } = props;
  const api = useApi(openchoreoApiRef);
  const locationField = uiSchema?.['ui:options']?.locationField ?? 'location';
  const namespace = readFormField<ProjectValue>(
    props.formContext,
    locationField,
  )?.namespace;

  const types = useAsync(
    async () => (namespace ? api.listComponentTypes(namespace) : undefined),
    [api, namespace],
  );
  const selected = formData ? `${formData.kind}:${formData.name}` : '';
  const items = types.value?.items ?? [];
  const description = items.find(
    t => `${t.kind}:${t.componentTypeName}` === selected,
  )?.description;

  return (
    <>
      {!namespace && <Alert severity="info">Choose the project first.</Alert>}
      {types.error && (
        <OpenChoreoErrorAlert
          error={types.error}
          action="list the component types"
        />
      )}
      <TextField
        id={idSchema?.$id ?? 'componentType'}
        select
        fullWidth
        margin="normal"
        label={schema.title ?? 'Component type'}
        required={required}
        value={selected}
        disabled={!namespace || types.loading}
        error={(rawErrors?.length ?? 0) > 0}
        helperText={description ?? schema.description}
        onChange={e => {
          const type = items.find(
            t => `${t.kind}:${t.componentTypeName}` === e.target.value,
          );
          if (type) {
            onChange({ kind: type.kind, name: type.componentTypeName });
          }
        }}
      >
        {items.map(t => (
          <MenuItem
            key={`${t.kind}:${t.componentTypeName}`}
            value={`${t.kind}:${t.componentTypeName}`}
          >
            {t.displayName ?? t.name} ({t.componentTypeName})
          </MenuItem>
        ))}
      </TextField>
    </>
  );
}
