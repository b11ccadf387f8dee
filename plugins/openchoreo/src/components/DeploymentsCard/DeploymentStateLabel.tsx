import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import type {
  DeploymentState,
  LatestBuildState,
} from '@openchoreo-ci/plugin-openchoreo-common';

/** A state of an environment or of the latest build's way to the first environment. */
export type DeploymentLabelState = DeploymentState | LatestBuildState;

const LABELS: Record<DeploymentLabelState, string> = {
  ready: 'Ready',
  progressing: 'Progressing',
  failed: 'Failed',
  'not-deployed': 'Not deployed',
  deployed: 'Deployed',
  deploying: 'Deploying',
  'no-workload': 'No workload',
};

const ICONS = {
  ready: StatusOK,
  deployed: StatusOK,
  progressing: StatusRunning,
  deploying: StatusRunning,
  failed: StatusError,
  'not-deployed': StatusAborted,
  'no-workload': StatusPending,
} as const;

/** A deployment state with Backstage's core status icon; stable `data-state` for tests. */
export function DeploymentStateLabel(props: { state: DeploymentLabelState }) {
  const Icon = ICONS[props.state];
  return (
    <span data-testid="deployment-state" data-state={props.state}>
      <Icon>{LABELS[props.state]}</Icon>
    </span>
  );
}
