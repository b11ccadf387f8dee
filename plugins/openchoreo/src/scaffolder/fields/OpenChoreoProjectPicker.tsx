import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { MenuItem, TextField } from '@material-ui/core';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { useApi } from '@backstage/frontend-plugin-api';
import { openchoreoApiRef } from '../../api';
import type { ProjectValue } from '../types';
import { OpenChoreoErrorAlert } from '../../components/OpenChoreoErrorAlert';

/** Picks the OpenChoreo namespace and project; value `{namespace, project}`. */
export function OpenChoreoProjectPicker(
  props: FieldExtensionComponentProps<ProjectValue>,
) {
  const { formData, onChange, required, rawErrors, schema, idSchema } = props;
  const api = useApi(openchoreoApiRef);
  const namespace = formData?.namespace;

  const namespaces = useAsyncRetry(() => api.listNamespaces(), [api]);
  const projects = useAsyncRetry(
    async () => (namespace ? api.listProjects(namespace) : undefined),
    [api, namespace],
  );

  // One namespace only (the usual case): choose it.
  useEffect(() => {
    const items = namespaces.value?.items;
    if (!namespace && items?.length === 1) {
      onChange({ namespace: items[0].name });
    }
  }, [namespace, namespaces.value, onChange]);

  const error = namespaces.error ?? projects.error;
  return (
    <>
      {schema.title && <div>{schema.title}</div>}
      {error && (
        <OpenChoreoErrorAlert
          error={error}
          action="list your OpenChoreo namespaces and projects"
          onRetry={() => {
            namespaces.retry();
            projects.retry();
          }}
        />
      )}
      <TextField
        id={`${idSchema?.$id ?? 'location'}-namespace`}
        select
        fullWidth
        margin="normal"
        label="Namespace"
        required={required}
        value={namespace ?? ''}
        disabled={namespaces.loading}
        // Changing the namespace clears the project: it belonged to the old one.
        onChange={e => onChange({ namespace: e.target.value })}
      >
        {(namespaces.value?.items ?? []).map(item => (
          <MenuItem key={item.name} value={item.name}>
            {item.displayName ?? item.name}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id={`${idSchema?.$id ?? 'location'}-project`}
        select
        fullWidth
        margin="normal"
        label="Project"
        required={required}
        value={formData?.project ?? ''}
        disabled={!namespace || projects.loading}
        error={(rawErrors?.length ?? 0) > 0}
        helperText={schema.description}
        onChange={e => onChange({ namespace, project: e.target.value })}
      >
        {(projects.value?.items ?? []).map(item => (
          <MenuItem key={item.name} value={item.name}>
            {item.displayName ?? item.name}
          </MenuItem>
        ))}
      </TextField>
    </>
  );
}
