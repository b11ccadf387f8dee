import { useCallback, useMemo } from 'react';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  CiRunStatus,
  ComponentSummary,
  WorkflowRunDetails,
  WorkflowRunState,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef } from '../../api';
import { usePolling } from '../../hooks/usePolling';
import { useTriggerBuild } from '../../hooks/useTriggerBuild';
import { buildsRouteRef } from '../../routes';
import { getComponentRef } from '../../utils/entity';
import { LatestBuildSummary } from '../LatestBuildSummary';
import { OpenChoreoErrorAlert } from '../OpenChoreoErrorAlert';
import {
  hasRunConditionNotice,
  RunConditionNotice,
  runStatusDetail,
} from '../RunCondition';
import { isInProgress } from '../StatusChip';
import { BuildNowButton } from './BuildNowButton';

const RUN_STATUS: Record<WorkflowRunState, CiRunStatus> = {
  Pending: 'queued',
  Running: 'running',
  Succeeded: 'succeeded',
  Failed: 'failed',
  Error: 'failed',
};

/** How long a run ran (or has been running), in ms. */
function runDuration(run: WorkflowRunDetails): number | undefined {
  if (!run.startedAt) return undefined;
  const end = run.completedAt ? Date.parse(run.completedAt) : Date.now();
  const ms = end - Date.parse(run.startedAt);
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

interface LatestBuild {
  summary: ComponentSummary;
  latest?: WorkflowRunDetails;
}

function StepProgress(props: { run: WorkflowRunDetails }) {
  const total = props.run.steps.length;
  if (total === 0) return null;
  const done = props.run.steps.filter(s => !isInProgress(s.phase)).length;
  const current = props.run.steps.find(s => s.phase === 'Running');
  return (
    <Box mt={1}>
      <Typography variant="body2">
        Steps: {done} of {total} done
        {current ? ` (running: ${current.name})` : ''}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={(done / total) * 100}
        aria-label="step progress"
      />
    </Box>
  );
}

/** The latest build (WorkflowRun) of a component built by an OpenChoreo workflow. */
export function WorkflowRunCard() {
  const { entity } = useEntity();
  const api = useApi(openchoreoApiRef);
  const buildsLink = useRouteRef(buildsRouteRef);
  const ref = useMemo(() => getComponentRef(entity), [entity]);

  const load = useCallback(async (): Promise<LatestBuild> => {
    const summary = await api.getComponentSummary(ref!);
    const newest = summary.latestRuns[0];
    const latest = newest
      ? await api.getWorkflowRun({
          namespace: newest.namespace,
          run: newest.name,
        })
      : undefined;
    return { summary, latest };
  }, [api, ref]);

  const { value, error, loading, retry } = usePolling(load, [load], {
    shouldPoll: v => !!v.latest && isInProgress(v.latest.status),
    whileIdleMs: 45_000,
  });
  const build = useTriggerBuild(ref, retry);

  const buildNow = (
    <BuildNowButton
      entity={entity}
      starting={build.starting}
      onClick={build.trigger}
    />
  );
  const buildsUrl = buildsLink?.();
  const deepLink = buildsUrl ? (
    <Link to={buildsUrl}>All builds</Link>
  ) : undefined;

  let content;
  if (!ref) {
    content = (
      <Alert severity="warning">
        This entity has no openchoreo.io/namespace and openchoreo.io/component
        annotations.
      </Alert>
    );
  } else if (loading && !value) {
    content = <Progress />;
  } else if (error && !value) {
    content = (
      <OpenChoreoErrorAlert
        error={error}
        action="load the builds"
        onRetry={retry}
      />
    );
  } else if (!value?.latest) {
    content = (
      <EmptyState
        missing="data"
        title="No builds yet"
        description="Start the first build of this component with its OpenChoreo workflow."
        action={buildNow}
      />
    );
  } else {
    const run = value.latest;
    content = (
      <>
        <LatestBuildSummary
          status={RUN_STATUS[run.status] ?? 'unknown'}
          statusDetail={runStatusDetail(run)}
          title={run.name}
          url={
            buildsUrl
              ? `${buildsUrl}?run=${encodeURIComponent(run.name)}`
              : undefined
          }
          branch={run.branch}
          commit={run.commit}
          commitUrl={run.commitUrl}
          startedAt={run.startedAt ?? run.createdAt}
          durationMs={runDuration(run)}
          details={{
            Workflow: run.workflow?.name ?? '—',
            Image: run.image ?? '—',
          }}
        />
        <RunConditionNotice run={run} />
        {run.message && !hasRunConditionNotice(run) && (
          <Typography variant="body2" color="textSecondary">
            {run.message}
          </Typography>
        )}
        <StepProgress run={run} />
        {error && (
          <Typography variant="caption" color="error">
            Refresh failed, retrying: {error.message}
          </Typography>
        )}
        <Box mt={2} display="flex" alignItems="center" style={{ gap: 16 }}>
          {buildNow}
          {deepLink}
        </Box>
      </>
    );
  }

  return (
    <InfoCard title="Builds" subheader="OpenChoreo workflow">
      {content}
      {build.error && (
        <OpenChoreoErrorAlert error={build.error} action="start a build" />
      )}
      {build.started && (
        <Alert severity="success">
          {build.started.replayed
            ? `Build ${build.started.run.name} was already started.`
            : `Build ${build.started.run.name} started.`}
        </Alert>
      )}
    </InfoCard>
  );
}
