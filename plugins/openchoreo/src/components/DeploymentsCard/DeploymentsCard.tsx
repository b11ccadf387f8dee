import { useCallback, useMemo } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  isDeploymentInProgress,
  type ComponentDeploymentsResponse,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef } from '../../api';
import { usePolling } from '../../hooks/usePolling';
import { getComponentRef } from '../../utils/entity';
import { OpenChoreoErrorAlert } from '../OpenChoreoErrorAlert';
import { DeploymentStateLabel } from './DeploymentStateLabel';
import { EnvironmentsTable } from './EnvironmentsTable';
import { GitopsReleaseNotice } from './GitopsReleaseNotice';

/** How often the card reads again while a rollout is in progress. */
export const DEPLOYMENTS_POLL_INTERVAL_MS = 5000;

/**
 * Worth reading again: a rollout is in progress, or the component has no Workload yet (its first
 * build or External CI publish starts a deployment the card should show without a reload).
 */
export function shouldPollDeployments(
  value: ComponentDeploymentsResponse,
): boolean {
  return (
    isDeploymentInProgress(value) || value.latestBuild.state === 'no-workload'
  );
}

function Deployments(props: { value: ComponentDeploymentsResponse }) {
  const { value } = props;
  const { latestBuild } = value;
  return (
    <>
      <Box mb={2} data-testid="latest-build-deployment">
        <Typography variant="subtitle2">
          Latest build <DeploymentStateLabel state={latestBuild.state} />
        </Typography>
        {latestBuild.image && (
          <Typography variant="body2" style={{ wordBreak: 'break-all' }}>
            {latestBuild.image}
          </Typography>
        )}
        <Typography variant="body2">{latestBuild.message}</Typography>
      </Box>
      {value.gitops && (
        <Box mb={2}>
          <GitopsReleaseNotice gitops={value.gitops} />
        </Box>
      )}
      {value.problem ? (
        <Alert severity="warning">{value.problem}</Alert>
      ) : (
        <>
          <Typography variant="subtitle2">
            Deployment pipeline{' '}
            {value.pipeline?.displayName ?? value.pipeline?.name}
            {value.autoDeploy ? '' : ' (autoDeploy off)'}
          </Typography>
          <EnvironmentsTable environments={value.environments} />
        </>
      )}
    </>
  );
}

/**
 * Where the component's current Workload is deployed: the latest build's way to the first
 * environment, each environment of the project's deployment pipeline with its release and state,
 * and for a GitOps-mode component the release pull request waiting to be merged. Read-only; reads
 * again every few seconds while a rollout is in progress or the component waits for its first
 * Workload (slower after two quiet minutes), and only while the page is visible.
 */
export function DeploymentsCard() {
  const { entity } = useEntity();
  const api = useApi(openchoreoApiRef);
  const ref = useMemo(() => getComponentRef(entity), [entity]);
  const load = useCallback(() => api.getDeployments(ref!), [api, ref]);
  const { value, error, loading, retry } = usePolling(load, [load], {
    shouldPoll: shouldPollDeployments,
    intervalMs: DEPLOYMENTS_POLL_INTERVAL_MS,
    // A component waiting for its first publish: once a minute after 2 quiet minutes.
    slowDownAfterMs: 2 * 60_000,
    idleIntervalMs: 60_000,
  });

  let content;
  if (!ref) {
    content = (
      <Alert severity="warning">
        This entity is not an OpenChoreo component.
      </Alert>
    );
  } else if (loading && !value) {
    content = <Progress />;
  } else if (!value) {
    content = error ? (
      <OpenChoreoErrorAlert
        error={error}
        action="load the deployments"
        onRetry={retry}
      />
    ) : (
      <Progress />
    );
  } else {
    content = (
      <>
        {error && (
          <Box mb={1}>
            <OpenChoreoErrorAlert
              error={error}
              action="refresh the deployments"
              onRetry={retry}
            />
          </Box>
        )}
        <Deployments value={value} />
      </>
    );
  }
  return <InfoCard title="Deployments">{content}</InfoCard>;
}
