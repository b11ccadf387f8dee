import {
  StatusPending,
  StatusWarning,
  WarningPanel,
} from '@backstage/core-components';
import {
  RUN_ACTION_AUDIENCE_LABELS,
  RUN_DISPLAY_STATE_LABELS,
  type WorkflowRunSummary,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { StatusChip } from '../StatusChip';

/** The parts of a build these views read. */
type RunState = Pick<
  WorkflowRunSummary,
  | 'status'
  | 'displayState'
  | 'reason'
  | 'message'
  | 'action'
  | 'workflowDeleted'
  | 'failure'
>;

/**
 * A build's status chip, truthful about the states OpenChoreo's `/status` calls Pending: "Not
 * started" when the controller cannot start it, "Waiting for the controller" while its
 * conditions are missing or stale; otherwise the usual {@link StatusChip}.
 */
export function RunStatusChip(props: { run: RunState }) {
  const { displayState } = props.run;
  if (displayState === 'NotStarted' || displayState === 'Waiting') {
    const Icon = displayState === 'NotStarted' ? StatusWarning : StatusPending;
    return (
      <span data-testid="status-chip" data-status={displayState}>
        <Icon>{RUN_DISPLAY_STATE_LABELS[displayState]}</Icon>
      </span>
    );
  }
  return <StatusChip status={props.run.status} />;
}

function isUnknownReason(run: RunState): boolean {
  return run.displayState === 'Pending' && !!run.action && !!run.reason;
}

/** True when {@link RunConditionNotice} shows something for the build. */
export function hasRunConditionNotice(run: RunState): boolean {
  return (
    run.displayState === 'NotStarted' ||
    run.displayState === 'Waiting' ||
    isUnknownReason(run) ||
    !!run.workflowDeleted
  );
}

/** The words a compact summary (the latest build card) adds to its status, if any. */
export function runStatusDetail(run: RunState): string | undefined {
  if (run.displayState === 'NotStarted' || run.displayState === 'Waiting') {
    return RUN_DISPLAY_STATE_LABELS[run.displayState];
  }
  return run.status === 'Error' ? 'error' : undefined;
}

/**
 * What the controller says about a build that is not simply queued, running or done: "Not
 * started" with the controller's message, "Waiting for the controller", a reason the portal
 * does not know, a deleted workflow; each with what to do and who can. Nothing otherwise (a
 * failed build's explanation is shown by the run view itself).
 */
export function RunConditionNotice(props: { run: RunState }) {
  const { run } = props;
  if (!hasRunConditionNotice(run)) return null;
  const notStarted = run.displayState === 'NotStarted';
  const waiting = run.displayState === 'Waiting';
  const unknownReason = isUnknownReason(run);
  let title = `Pending: ${run.reason}`;
  if (notStarted) title = 'Not started';
  else if (waiting) title = RUN_DISPLAY_STATE_LABELS.Waiting;
  else if (run.workflowDeleted)
    title = 'The workflow of this build was deleted';
  const action = run.action;
  return (
    <div data-testid="run-condition" data-state={run.displayState}>
      <WarningPanel
        severity={notStarted || run.workflowDeleted ? 'warning' : 'info'}
        title={title}
        defaultExpanded
        message={
          <>
            {run.message && <span>{run.message}</span>}
            {run.reason && (notStarted || unknownReason) && (
              <span> (reason {run.reason})</span>
            )}
            {action && !run.failure && (
              <span style={{ display: 'block', marginTop: 8 }}>
                <strong>
                  What to do ({RUN_ACTION_AUDIENCE_LABELS[action.who]}):
                </strong>{' '}
                {action.text}
              </span>
            )}
            {run.workflowDeleted && (
              <span style={{ display: 'block', marginTop: 8 }}>
                Re-run and Build with options are disabled: they need the
                workflow.
              </span>
            )}
          </>
        }
      />
    </div>
  );
}
