import { useCallback } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { Alert } from '@material-ui/lab';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  CancelWorkflowRunResponse,
  WorkflowRunSummary,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { isOpenChoreoRequestError, openchoreoApiRef } from '../../api';
import { OpenChoreoErrorPanel } from '../OpenChoreoErrorAlert';
import { useConfirmedAction } from './useConfirmedAction';

/**
 * Confirms and cancels a running build. OpenChoreo has no cancel operation: the portal deletes
 * the build's run, which stops it; the dialog says so, since the run and its logs go with it.
 */
export function CancelBuildDialog(props: {
  open: boolean;
  run: WorkflowRunSummary;
  onClose: () => void;
  onCancelled: (cancelled: CancelWorkflowRunResponse) => void;
}) {
  const api = useApi(openchoreoApiRef);
  const { run, onClose, onCancelled } = props;
  const cancel = useCallback(
    () => api.cancelWorkflowRun({ namespace: run.namespace, run: run.name }),
    [api, run],
  );
  const action = useConfirmedAction(cancel, onCancelled);
  // Deleted meanwhile (cancelled elsewhere, or finished and past its retention).
  const gone = isOpenChoreoRequestError(action.error, 404);
  return (
    <Dialog
      open={props.open}
      onClose={onClose}
      aria-labelledby="cancel-build-title"
    >
      <DialogTitle id="cancel-build-title">
        Cancel build {run.name}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          OpenChoreo has no cancel operation: the portal deletes this build's
          run. That stops the build and removes what it created on the workflow
          plane. The run, its logs and its events are then gone from the build
          history. This cannot be undone.
        </DialogContentText>
        {gone && (
          <Alert severity="info" role="status">
            Build {run.name} no longer exists: it was cancelled already, or it
            finished and OpenChoreo deleted it. Nothing was deleted.
          </Alert>
        )}
        {action.error && !gone && (
          <OpenChoreoErrorPanel
            error={action.error}
            action="cancel the build"
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{gone ? 'Close' : 'Keep running'}</Button>
        <Button
          variant="contained"
          color="secondary"
          disabled={action.busy || gone}
          onClick={action.confirm}
        >
          {action.busy ? 'Cancelling…' : 'Cancel build'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
