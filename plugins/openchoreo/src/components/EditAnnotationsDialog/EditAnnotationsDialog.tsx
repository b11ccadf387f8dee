import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import { Alert } from '@material-ui/lab';
import { Progress } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  GITHUB_PROJECT_SLUG_ANNOTATION,
  GITLAB_PROJECT_SLUG_ANNOTATION,
  JENKINS_JOB_FULL_NAME_ANNOTATION,
  externalCiPlatformOf,
  normalizeExternalCiIdentifier,
  validateAnnotationKey,
  validateAnnotationValue,
  type ComponentAnnotationsResponse,
} from '@openchoreo-ci/plugin-openchoreo-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  ComponentRef,
  openchoreoApiRef,
  isOpenChoreoRequestError,
} from '../../api';
import { OpenChoreoErrorAlert } from '../OpenChoreoErrorAlert';

/** Keys offered as suggestions in the key field. */
export const SUGGESTED_ANNOTATION_KEYS = [
  JENKINS_JOB_FULL_NAME_ANNOTATION,
  GITHUB_PROJECT_SLUG_ANNOTATION,
  GITLAB_PROJECT_SLUG_ANNOTATION,
];

/** Shown when the annotations changed between loading and saving (409). */
export const CONFLICT_MESSAGE =
  'These annotations were changed by someone else meanwhile: reload them and apply your change again.';

interface Row {
  id: number;
  key: string;
  value: string;
  /** What the editor changed in the value (e.g. a Jenkins URL path into a job full name). */
  note?: string;
}

/**
 * The row with its External CI value in the form to save: a Jenkins URL or `/job/a/job/b` path
 * (seed 000's form) becomes `a/b`, a repository URL its path, and the row notes the change.
 */
function normalizeRow(row: Row): Row {
  const platform = externalCiPlatformOf(row.key.trim());
  const normalized = platform
    ? normalizeExternalCiIdentifier(platform, row.value)
    : undefined;
  return normalized
    ? { ...row, value: normalized.value, note: normalized.note }
    : row;
}

let nextRowId = 0;
const toRows = (annotations: Record<string, string>): Row[] =>
  Object.entries(annotations).map(([key, value]) => ({
    id: nextRowId++,
    key,
    value,
  }));

function rowError(row: Row, rows: Row[]): { key?: string; value?: string } {
  const key =
    validateAnnotationKey(row.key.trim()) ??
    (rows.some(r => r !== row && r.key.trim() === row.key.trim())
      ? 'This key is set twice.'
      : undefined);
  return { key, value: validateAnnotationValue(row.key.trim(), row.value) };
}

/** Edits a component's user-editable annotations; reserved ones are shown read-only. */
export function EditAnnotationsDialog(props: {
  open: boolean;
  componentRef: ComponentRef;
  /** False when the user may not edit (portal permission or OpenChoreo authorization). */
  canEdit: boolean;
  /** Why the user may not edit, shown above the read-only annotations. */
  refusedReason?: string;
  onClose: () => void;
  onSaved: (saved: ComponentAnnotationsResponse) => void;
}) {
  const api = useApi(openchoreoApiRef);
  const alertApi = useApi(alertApiRef);
  const { componentRef } = props;
  const loaded = useAsyncRetry(
    () => api.getAnnotations(componentRef),
    [api, componentRef.namespace, componentRef.component],
  );
  const [rows, setRows] = useState<Row[]>([]);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<{
    message: string;
    conflict: boolean;
    error?: Error;
  }>();

  useEffect(() => {
    if (loaded.value) setRows(toRows(loaded.value.annotations));
  }, [loaded.value]);

  const errors = rows.map(row => rowError(row, rows));
  const update = (id: number, change: Partial<Row>) => {
    setTouched(true);
    setRows(current =>
      current.map(r =>
        r.id === id
          ? {
              ...r,
              ...change,
              ...('value' in change ? { note: undefined } : {}),
            }
          : r,
      ),
    );
  };
  const normalize = (id: number) =>
    setRows(current => current.map(r => (r.id === id ? normalizeRow(r) : r)));

  const save = async () => {
    setTouched(true);
    const ready = rows.map(normalizeRow);
    setRows(ready);
    const stillInvalid = ready.some(row => {
      const problem = rowError(row, ready);
      return problem.key || problem.value;
    });
    if (stillInvalid || !loaded.value) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      const saved = await api.updateAnnotations(componentRef, {
        expected: loaded.value.annotations,
        annotations: Object.fromEntries(
          ready.map(r => [r.key.trim(), r.value.trim()]),
        ),
      });
      // The dialog closes: what the editor changed in a value must still reach the user.
      const notes = ready.flatMap(r => (r.note ? [r.note] : []));
      if (notes.length > 0) {
        alertApi.post({
          severity: 'info',
          display: 'permanent',
          message: `Saved the annotations of ${
            componentRef.component
          }. ${notes.join(' ')}`,
        });
      }
      props.onSaved(saved);
      props.onClose();
    } catch (e) {
      const conflict = isOpenChoreoRequestError(e, 409);
      setSaveError({
        conflict,
        message: conflict
          ? CONFLICT_MESSAGE
          : `Could not save: ${e instanceof Error ? e.message : String(e)}`,
        ...(e instanceof Error ? { error: e } : {}),
      });
    } finally {
      setSaving(false);
    }
  };

  let body;
  if (loaded.loading) {
    body = <Progress />;
  } else if (loaded.error || !loaded.value) {
    body = (
      <OpenChoreoErrorAlert
        error={loaded.error ?? new Error('no annotations were returned')}
        action={`load the annotations of ${componentRef.component}`}
        onRetry={loaded.retry}
      />
    );
  } else {
    const reserved = Object.entries(loaded.value.reserved);
    body = (
      <>
        {!props.canEdit && (
          <Alert severity="warning">
            You can view these annotations but not change them:{' '}
            {props.refusedReason ??
              'the permission openchoreo.annotations.update is not granted to you.'}
          </Alert>
        )}
        <datalist id="openchoreo-annotation-keys">
          {SUGGESTED_ANNOTATION_KEYS.map(key => (
            <option key={key} value={key} />
          ))}
        </datalist>
        {rows.length === 0 && (
          <Typography variant="body2">No editable annotations.</Typography>
        )}
        {rows.map((row, index) => (
          <Box
            key={row.id}
            display="flex"
            alignItems="flex-start"
            my={1}
            style={{ gap: 8 }}
          >
            <TextField
              label="Key"
              value={row.key}
              disabled={!props.canEdit}
              onChange={e => update(row.id, { key: e.target.value })}
              onBlur={() => normalize(row.id)}
              error={touched && !!errors[index].key}
              helperText={touched ? errors[index].key : undefined}
              inputProps={{
                list: 'openchoreo-annotation-keys',
                'aria-label': `Key ${index + 1}`,
              }}
              style={{ flex: 1 }}
            />
            <TextField
              label="Value"
              value={row.value}
              disabled={!props.canEdit}
              onChange={e => update(row.id, { value: e.target.value })}
              onBlur={() => normalize(row.id)}
              error={touched && !!errors[index].value}
              helperText={
                (touched ? errors[index].value : undefined) ?? row.note
              }
              inputProps={{ 'aria-label': `Value ${index + 1}` }}
              style={{ flex: 1 }}
            />
            <IconButton
              aria-label={`Remove ${row.key || `row ${index + 1}`}`}
              disabled={!props.canEdit}
              onClick={() => {
                setTouched(true);
                setRows(current => current.filter(r => r.id !== row.id));
              }}
            >
              <DeleteIcon />
            </IconButton>
          </Box>
        ))}
        <Button
          disabled={!props.canEdit}
          onClick={() =>
            setRows(current => [
              ...current,
              { id: nextRowId++, key: '', value: '' },
            ])
          }
        >
          Add annotation
        </Button>
        {reserved.length > 0 && (
          <Box mt={2}>
            <Typography variant="subtitle2">
              Managed by the platform (read-only)
            </Typography>
            {reserved.map(([key, value]) => (
              <Box key={key} display="flex" my={1} style={{ gap: 8 }}>
                <TextField
                  label="Key"
                  value={key}
                  InputProps={{ readOnly: true }}
                  style={{ flex: 1 }}
                />
                <TextField
                  label="Value"
                  value={value}
                  InputProps={{ readOnly: true }}
                  inputProps={{ 'aria-label': `Reserved ${key}` }}
                  style={{ flex: 1 }}
                />
              </Box>
            ))}
          </Box>
        )}
        {saveError?.error && !saveError.conflict && (
          <OpenChoreoErrorAlert
            error={saveError.error}
            action="save the annotations"
          />
        )}
        {saveError && (saveError.conflict || !saveError.error) && (
          <Alert
            severity="error"
            action={
              saveError.conflict ? (
                <Button
                  color="inherit"
                  size="small"
                  onClick={() => {
                    setSaveError(undefined);
                    setTouched(false);
                    loaded.retry();
                  }}
                >
                  Reload
                </Button>
              ) : undefined
            }
          >
            {saveError.message}
          </Alert>
        )}
      </>
    );
  }

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="md">
      <DialogTitle>Edit Annotations</DialogTitle>
      <DialogContent>{body}</DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!props.canEdit || saving || !loaded.value}
          onClick={save}
        >
          {saving ? 'Saving…' : 'Save'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
