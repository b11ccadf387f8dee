import { useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { MenuItem, TextField, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/frontend-plugin-api';
import { openchoreoApiRef } from '../../api';
import {
  findRepositoryPaths,
  toParameterSchema,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { ComponentTypeValue, DeploymentSourceValue } from '../types';
import { RepositoryFields } from './RepositoryFields';
import { SchemaFields } from './SchemaFields';
import { OpenChoreoErrorAlert } from '../../components/OpenChoreoErrorAlert';

type WorkflowSource = Extract<DeploymentSourceValue, { type: 'workflow' }>;

/** Built-in CI: a workflow the component type allows, its repository and its parameters. */
export function BuiltInCiFields(props: {
  value: WorkflowSource;
  onChange: (value: WorkflowSource) => void;
  namespace?: string;
  componentType?: ComponentTypeValue;
}) {
  const { value, onChange, namespace, componentType } = props;
  const api = useApi(openchoreoApiRef);
  const typeKind = componentType?.kind;
  const typeName = componentType?.name;

  const workflows = useAsync(async () => {
    if (!namespace || !typeKind || !typeName) return undefined;
    return api.listAllowedWorkflows(
      { kind: typeKind, name: typeName },
      namespace,
    );
  }, [api, namespace, typeKind, typeName]);

  // A workflow the newly chosen type does not allow must not stay selected.
  const items = workflows.value?.items;
  const selected = value.workflow;
  useEffect(() => {
    if (
      items &&
      selected &&
      !items.some(w => w.kind === selected.kind && w.name === selected.name)
    ) {
      onChange({ type: 'workflow', repository: value.repository });
    }
  }, [items, selected, onChange, value.repository]);

  const schema = useAsync(async () => {
    if (!namespace || !selected) return undefined;
    return toParameterSchema(await api.getWorkflowSchema(selected, namespace));
  }, [api, namespace, selected?.kind, selected?.name]);
  const marked = schema.value ? findRepositoryPaths(schema.value) : undefined;

  if (!componentType) {
    return <Alert severity="info">Choose the component type first.</Alert>;
  }
  const repository = value.repository ?? {};
  const setRepository = (patch: Partial<typeof repository>) =>
    onChange({ ...value, repository: { ...repository, ...patch } });

  return (
    <>
      {workflows.error && (
        <OpenChoreoErrorAlert
          error={workflows.error}
          action="list the workflows"
        />
      )}
      {items && items.length === 0 && (
        <Alert severity="warning">
          Component type {componentType.name} allows no OpenChoreo workflow:
          choose External CI.
        </Alert>
      )}
      <TextField
        id="openchoreo-workflow"
        select
        fullWidth
        margin="normal"
        label="Workflow"
        required
        value={selected ? `${selected.kind}:${selected.name}` : ''}
        disabled={workflows.loading || !items?.length}
        helperText={
          items?.find(
            w => w.kind === selected?.kind && w.name === selected?.name,
          )?.description ?? 'The workflows this component type allows'
        }
        onChange={e => {
          const workflow = items?.find(
            w => `${w.kind}:${w.name}` === e.target.value,
          );
          if (workflow) {
            // Parameters belong to one workflow; the repository stays.
            onChange({
              type: 'workflow',
              workflow: { kind: workflow.kind, name: workflow.name },
              repository: value.repository,
            });
          }
        }}
      >
        {(items ?? []).map(w => (
          <MenuItem key={`${w.kind}:${w.name}`} value={`${w.kind}:${w.name}`}>
            {w.displayName ?? w.name}
          </MenuItem>
        ))}
      </TextField>
      {schema.error && (
        <OpenChoreoErrorAlert
          error={schema.error}
          action="read the workflow's parameters"
        />
      )}
      {schema.value && marked && (
        <>
          <Typography variant="subtitle1" style={{ marginTop: 16 }}>
            Source repository
          </Typography>
          <RepositoryFields
            paths={marked}
            value={repository}
            onChange={setRepository}
          />
          <Typography variant="subtitle1" style={{ marginTop: 16 }}>
            Workflow parameters
          </Typography>
          <SchemaFields
            schema={schema.value}
            value={value.parameters}
            exclude={Object.values(marked)}
            onChange={parameters => onChange({ ...value, parameters })}
          />
        </>
      )}
    </>
  );
}
