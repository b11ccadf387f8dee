import { useCallback, useMemo } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  TriggerWorkflowRunResponse,
  WorkflowRunSummary,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef } from '../../api';
import { newIdempotencyKey } from '../../utils/idempotencyKey';
import { OpenChoreoErrorPanel } from '../OpenChoreoErrorAlert';
import { useConfirmedAction } from './useConfirmedAction';

/** What the re-run will build, in words: the commit, or the branch's latest when it is unknown. */
function whatItBuilds(run: WorkflowRunSummary): string {
  const workflow = run.workflow ? ` with workflow ${run.workflow.name}` : '';
  if (run.commit) {
    return `commit ${run.commit.slice(0, 7)}${
      run.branch ? ` (branch ${run.branch})` : ''
    }${workflow}`;
  }
  return `the latest commit of ${
    run.branch ? `branch ${run.branch}` : 'its branch'
  }${workflow}: this build did not record which commit it built`;
}

/** Confirms and starts a re-run of a build: exactly its parameters and commit. */
export function RerunDialog(props: {
  open: boolean;
  run: WorkflowRunSummary;
  onClose: () => void;
  onStarted: (started: TriggerWorkflowRunResponse) => void;
}) {
  const api = useApi(openchoreoApiRef);
  const { run, onClose, onStarted } = props;
  // One key per opened dialog: a double click or a retried request starts one build.
  const key = useMemo(() => newIdempotencyKey(), []);
  const start = useCallback(
    () =>
      api.rerunWorkflowRun(
        { namespace: run.namespace, run: run.name },
        { idempotencyKey: key },
      ),
    [api, run, key],
  );
  const action = useConfirmedAction(start, onStarted);
  return (
    <Dialog open={props.open} onClose={onClose} aria-labelledby="rerun-title">
      <DialogTitle id="rerun-title">Re-run build {run.name}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          A new build starts with exactly the same workflow parameters as{' '}
          {run.name}, building {whatItBuilds(run)}.
        </DialogContentText>
        {action.error && (
          <OpenChoreoErrorPanel
            error={action.error}
            action="re-run the build"
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={action.busy}
          onClick={action.confirm}
        >
          {action.busy ? 'Starting…' : 'Re-run'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
