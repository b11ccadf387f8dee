import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { Alert } from '@material-ui/lab';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import {
  BRANCH_NAME_RULE,
  COMMIT_SHA_RULE,
  getAtPath,
  isBranchName,
  isCommitSha,
  setAtPath,
  validateWorkflowParameters,
  type BuildOptionsResponse,
  type TriggerWorkflowRunResponse,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef, type ComponentRef } from '../../api';
import { newIdempotencyKey } from '../../utils/idempotencyKey';
import { OpenChoreoErrorPanel } from '../OpenChoreoErrorAlert';
import { ParametersEditor } from './ParametersEditor';
import { useConfirmedAction } from './useConfirmedAction';

function textAt(
  parameters: Record<string, unknown>,
  path: string[] | undefined,
): string {
  const value = path ? getAtPath(parameters, path) : undefined;
  return typeof value === 'string' ? value : '';
}

/** Everything wrong with the values, each naming the field; empty when they can be sent. */
export function problemsOf(
  options: BuildOptionsResponse,
  parameters: Record<string, unknown>,
): string[] {
  const paths = options.repositoryPaths;
  const commit = textAt(parameters, paths.commit);
  const branch = textAt(parameters, paths.branch);
  const problems: string[] = [];
  if (commit && !isCommitSha(commit)) {
    problems.push(`Commit "${commit}" must be ${COMMIT_SHA_RULE}.`);
  }
  if (branch && !isBranchName(branch)) {
    problems.push(`Branch "${branch}" must be ${BRANCH_NAME_RULE}.`);
  }
  const validated = validateWorkflowParameters(options.schema, parameters);
  if (!validated.ok) problems.push(...validated.errors);
  return problems;
}

/**
 * "Build with options": one build of a chosen branch or commit with overridden parameters. The
 * workflow's schema is the form, the YAML view shows the same values; both are checked (commit,
 * branch, schema) before anything is sent, and the backend checks again.
 */
export function BuildWithOptionsDialog(props: {
  open: boolean;
  componentRef: ComponentRef;
  onClose: () => void;
  onStarted: (started: TriggerWorkflowRunResponse) => void;
}) {
  const api = useApi(openchoreoApiRef);
  const { componentRef, onClose, onStarted } = props;
  const options = useAsync(
    () => api.getBuildOptions(componentRef),
    [api, componentRef],
  );
  const [parameters, setParameters] = useState<Record<string, unknown>>({});
  const [yamlError, setYamlError] = useState<string>();
  const key = useMemo(() => newIdempotencyKey(), []);
  const fieldId = useId();
  useEffect(() => {
    if (options.value) setParameters(options.value.parameters);
  }, [options.value]);

  const paths = options.value?.repositoryPaths ?? {};
  const formHides = useMemo(
    () => [
      options.value?.repositoryPaths.branch,
      options.value?.repositoryPaths.commit,
    ],
    [options.value],
  );
  const problems = options.value
    ? [
        ...(yamlError ? [yamlError] : []),
        ...problemsOf(options.value, parameters),
      ]
    : [];
  const start = useCallback(() => {
    const commit = textAt(parameters, paths.commit);
    const branch = textAt(parameters, paths.branch);
    return api.triggerWorkflowRun(componentRef, {
      idempotencyKey: key,
      request: {
        parameters,
        ...(commit ? { commit } : {}),
        ...(branch ? { branch } : {}),
      },
    });
  }, [api, componentRef, key, parameters, paths.commit, paths.branch]);
  const action = useConfirmedAction(start, onStarted);

  const repositoryField = (
    field: 'branch' | 'commit',
    label: string,
    help: string,
  ) => {
    const path = paths[field];
    if (!path) return null;
    return (
      <TextField
        id={`${fieldId}-${field}`}
        label={label}
        fullWidth
        margin="dense"
        variant="outlined"
        value={textAt(parameters, path)}
        helperText={help}
        onChange={e =>
          setParameters(p => setAtPath(p, path, e.target.value.trim()))
        }
      />
    );
  };

  let content;
  if (options.loading) {
    content = <Progress />;
  } else if (options.error) {
    content = (
      <OpenChoreoErrorPanel
        error={options.error}
        action="load the workflow's parameters"
      />
    );
  } else if (options.value) {
    content = (
      <>
        <DialogContentText>
          Workflow {options.value.workflow.name}. These values apply to this one
          build; the component keeps its own.
        </DialogContentText>
        {repositoryField('branch', 'Branch', "Empty: the component's branch.")}
        {repositoryField(
          'commit',
          'Commit',
          "7 to 40 hex digits. Empty: the branch's latest commit.",
        )}
        <Box mt={2}>
          <ParametersEditor
            schema={options.value.schema}
            value={parameters}
            onChange={setParameters}
            onYamlError={setYamlError}
            formHides={formHides}
          />
        </Box>
        {problems.length > 0 && (
          <Alert severity="warning" role="alert" aria-label="problems">
            Fix these before starting the build:
            <ul>
              {problems.map(p => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </Alert>
        )}
        {action.error && (
          <OpenChoreoErrorPanel error={action.error} action="start the build" />
        )}
      </>
    );
  }

  return (
    <Dialog
      open={props.open}
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="build-with-options-title"
    >
      <DialogTitle id="build-with-options-title">
        Build with options
      </DialogTitle>
      <DialogContent>{content}</DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!options.value || problems.length > 0 || action.busy}
          onClick={action.confirm}
        >
          {action.busy ? 'Starting…' : 'Start build'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
