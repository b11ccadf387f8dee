import type {
  CiRunStatus,
  WorkflowRunState,
  WorkflowStepPhase,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { CiRunStatusLabel } from '../LatestBuildSummary';

/**
 * A build state, a step phase, or `Cancelled`: a build the user cancelled (OpenChoreo stops a
 * build by deleting its run, so no state of its own says so).
 */
export type BuildStatus = WorkflowRunState | WorkflowStepPhase | 'Cancelled';

/** The CI-wide status each OpenChoreo state is shown as (its own word follows when it differs). */
const AS_CI_STATUS: Record<BuildStatus, CiRunStatus> = {
  Pending: 'queued',
  Running: 'running',
  Succeeded: 'succeeded',
  Failed: 'failed',
  Error: 'failed',
  Skipped: 'skipped',
  Cancelled: 'cancelled',
};

/**
 * The status of a build or a step with Backstage's core `Status*` icons, the same look as every
 * other CI's builds (OpenChoreo's own word, e.g. `Pending` or `Error`, shown where it differs).
 */
export function StatusChip(props: { status: BuildStatus }) {
  return (
    <span data-testid="status-chip" data-status={props.status}>
      <CiRunStatusLabel
        status={AS_CI_STATUS[props.status] ?? 'unknown'}
        detail={props.status}
      />
    </span>
  );
}

/** True while a build or a step may still change. */
export function isInProgress(status: BuildStatus): boolean {
  return status === 'Pending' || status === 'Running';
}
