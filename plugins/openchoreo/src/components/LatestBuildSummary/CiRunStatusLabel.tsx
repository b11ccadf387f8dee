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
    props.detail && props.detail.toLowerCase() !== label.toLowerCase()
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
