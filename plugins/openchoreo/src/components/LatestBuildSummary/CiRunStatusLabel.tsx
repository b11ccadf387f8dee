import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type { CiRunStatus } from '@openchoreo-ci/plugin-openchoreo-common';

const LABELS: Record<CiRunStatus, string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  running: 'Running',
  queued: 'Queued',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
  unknown: 'Unknown',
};

const ICONS = {
  succeeded: StatusOK,
  failed: StatusError,
  running: StatusRunning,
  queued: StatusPending,
  cancelled: StatusAborted,
  skipped: StatusAborted,
  unknown: StatusWarning,
} as const;

/** The words a status is shown with: `Succeeded`, `Failed`, `Running`... */
export function ciRunStatusLabel(status: CiRunStatus): string {
  return LABELS[status];
}

/** The platforms' own words that mean just the label (GitHub `failure`, `in_progress`...). */
const SAME_AS_LABEL: Record<CiRunStatus, string[]> = {
  succeeded: ['success', 'successful', 'passed'],
  failed: ['failure'],
  running: ['in_progress', 'in progress'],
  queued: ['waiting', 'requested'],
  cancelled: ['canceled'],
  skipped: [],
  unknown: [],
};

/** True when the platform's word adds nothing to the label ("Failed (failure)"). */
function saysTheSame(status: CiRunStatus, detail: string): boolean {
  const word = detail.trim().toLowerCase();
  return (
    word === LABELS[status].toLowerCase() ||
    SAME_AS_LABEL[status].includes(word)
  );
}

/**
 * A CI run's status with Backstage's core status icon, the same for every CI; `detail` is the
 * platform's own word when it says more (`UNSTABLE`, `timed_out`).
 */
export function CiRunStatusLabel(props: {
  status: CiRunStatus;
  detail?: string;
}) {
  const Icon = ICONS[props.status];
  const label = LABELS[props.status];
  const detail =
    props.detail && !saysTheSame(props.status, props.detail)
      ? ` (${props.detail})`
      : '';
  return (
    <span data-testid="ci-run-status" data-status={props.status}>
      <Icon>
        {label}
        {detail}
      </Icon>
    </span>
  );
}
