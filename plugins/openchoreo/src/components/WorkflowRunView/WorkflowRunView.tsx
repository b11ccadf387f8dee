import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { Alert, AlertTitle } from '@material-ui/lab';
import {
  InfoCard,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  describeRunDuration,
  parseRunDuration,
  type CancelWorkflowRunResponse,
  type TriggerWorkflowRunResponse,
  type WorkflowRunDetails,
  type WorkflowRunSummary,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { isOpenChoreoRequestError, openchoreoApiRef } from '../../api';
import { usePolling } from '../../hooks/usePolling';
import { formatDuration, formatTimestamp } from '../../utils/time';
import { RunActions } from '../BuildActions';
import { OpenChoreoErrorPanel } from '../OpenChoreoErrorAlert';
import {
  hasRunConditionNotice,
  RunConditionNotice,
  RunStatusChip,
} from '../RunCondition';
import { isInProgress, StatusChip, type BuildStatus } from '../StatusChip';
import { CommitLink } from './CommitLink';
import { StepEvents } from './StepEvents';
import { StepLogs } from './StepLogs';
import { StepTimeline } from './StepTimeline';
import { triggerText } from './trigger';

/** "Deleted 1 day after it completes (around 5/3/2026, 10:00)". */
export function retentionText(run: WorkflowRunSummary): string {
  const words = describeRunDuration(run.ttlAfterCompletion);
  if (!words) return 'Kept until deleted';
  const ms = parseRunDuration(run.ttlAfterCompletion);
  const at =
    run.completedAt && ms !== undefined
      ? ` (around ${formatTimestamp(
          new Date(Date.parse(run.completedAt) + ms).toISOString(),
        )})`
      : '';
  return `Deleted ${words} after it completes${at}`;
}

/** Status, what it built, who started it, how long it took and how long it is kept. */
function RunFacts(props: { run: WorkflowRunSummary; status: BuildStatus }) {
  const { run } = props;
  return (
    <StructuredMetadataTable
      dense
      metadata={{
        Workflow: run.workflow?.name ?? '—',
        Commit: <CommitLink run={run} />,
        Branch: run.branch ?? '—',
        Trigger: triggerText(run),
        Image: run.image ?? '—',
        Created: formatTimestamp(run.createdAt),
        Started: formatTimestamp(run.startedAt),
        Duration: formatDuration(run.startedAt, run.completedAt) ?? '—',
        Retention: retentionText(run),
      }}
    />
  );
}

/** Why a build failed, and what to do when OpenChoreo refused it before any step ran. */
function FailureExplanation(props: { run: WorkflowRunSummary }) {
  const { run } = props;
  if (run.failure) {
    return (
      <Alert severity="error" role="alert">
        <AlertTitle>{run.failure.title}</AlertTitle>
        {run.message && <Typography variant="body2">{run.message}</Typography>}
        <Typography variant="body2">
          <strong>What to do:</strong> {run.failure.action}
        </Typography>
      </Alert>
    );
  }
  return run.message && !hasRunConditionNotice(run) ? (
    <Typography variant="body2" gutterBottom>
      {run.message}
    </Typography>
  ) : null;
}

/**
 * One build: its state and facts, Re-run / Cancel, a timeline of its steps and the selected
 * step's logs (search, follow, download, links to lines) and events. `?step=` selects a step,
 * `&line=` a line of its logs.
 */
export function WorkflowRunView(props: {
  namespace: string;
  run: string;
  entity: Entity;
  onStarted: (started: TriggerWorkflowRunResponse) => void;
}) {
  const api = useApi(openchoreoApiRef);
  const runRef = useMemo(
    () => ({ namespace: props.namespace, run: props.run }),
    [props.namespace, props.run],
  );
  const [cancelled, setCancelled] = useState<CancelWorkflowRunResponse>();
  const load = useCallback(
    (): Promise<WorkflowRunDetails> => api.getWorkflowRun(runRef),
    [api, runRef],
  );
  const details = usePolling(load, [load], {
    shouldPoll: run => isInProgress(run.status),
  });
  const [searchParams, setSearchParams] = useSearchParams();
  const [tab, setTab] = useState<'logs' | 'events'>('logs');
  const lineParam = Number(searchParams.get('line'));
  const linkedLine =
    Number.isInteger(lineParam) && lineParam > 0 ? lineParam : undefined;

  const select = (step: string, line?: number) =>
    setSearchParams(
      {
        run: props.run,
        step,
        ...(line !== undefined ? { line: String(line) } : {}),
      },
      { replace: true },
    );
  const lineHref = (step: string) => (line: number) =>
    `?${new URLSearchParams({
      run: props.run,
      step,
      line: String(line),
    }).toString()}`;

  if (cancelled) {
    return (
      <InfoCard
        title={
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            {cancelled.run.name} <StatusChip status="Cancelled" />
          </Box>
        }
      >
        <Alert severity="success" role="status">
          {cancelled.message}
        </Alert>
        <RunFacts run={cancelled.run} status="Cancelled" />
      </InfoCard>
    );
  }
  if (details.loading && !details.value) return <Progress />;
  if (details.error && !details.value) {
    return isOpenChoreoRequestError(details.error, 404) ? (
      <Alert severity="info">
        Build {props.run} no longer exists: it was cancelled, or OpenChoreo
        deleted it after its retention time (the workflow's ttlAfterCompletion).
      </Alert>
    ) : (
      <OpenChoreoErrorPanel
        error={details.error}
        action={`load build ${props.run}`}
        onRetry={details.retry}
      />
    );
  }
  const run = details.value!;
  const step =
    run.steps.find(s => s.name === searchParams.get('step')) ??
    run.steps.find(s => s.phase === 'Running') ??
    run.steps.find(s => s.phase === 'Failed' || s.phase === 'Error') ??
    run.steps[run.steps.length - 1];

  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <InfoCard
          title={
            <Box display="flex" alignItems="center" style={{ gap: 8 }}>
              {run.name} <RunStatusChip run={run} />
            </Box>
          }
          action={
            <Box m={1}>
              <RunActions
                entity={props.entity}
                run={run}
                onStarted={props.onStarted}
                onCancelled={setCancelled}
              />
            </Box>
          }
        >
          <RunConditionNotice run={run} />
          <FailureExplanation run={run} />
          <RunFacts run={run} status={run.status} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Steps" noPadding>
          {run.steps.length === 0 ? (
            <Box p={2}>
              <Typography variant="body2">
                {run.failure?.beforeStart
                  ? 'No step ran: OpenChoreo refused the build before it started.'
                  : 'No steps have started yet.'}
              </Typography>
            </Box>
          ) : (
            <StepTimeline
              steps={run.steps}
              selected={step?.name}
              onSelect={name => select(name)}
            />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        {step && (
          <InfoCard title={`Step ${step.name}`}>
            {step.message && (
              <Typography variant="body2" gutterBottom>
                {step.message}
              </Typography>
            )}
            <Tabs value={tab} onChange={(_, value) => setTab(value)}>
              <Tab value="logs" label="Logs" />
              <Tab value="events" label="Events" />
            </Tabs>
            <Box mt={1}>
              {tab === 'logs' ? (
                <StepLogs
                  key={step.name}
                  run={runRef}
                  step={step}
                  linkedLine={
                    searchParams.get('step') === step.name
                      ? linkedLine
                      : undefined
                  }
                  lineHref={lineHref(step.name)}
                  onLinkLine={line => select(step.name, line)}
                />
              ) : (
                <StepEvents key={step.name} run={runRef} step={step} />
              )}
            </Box>
          </InfoCard>
        )}
      </Grid>
    </Grid>
  );
}
