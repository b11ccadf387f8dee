import { useCallback, useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import {
  InfoCard,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { WorkflowRunDetails } from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef } from '../../api';
import { usePolling } from '../../hooks/usePolling';
import { formatDuration, formatTimestamp } from '../../utils/time';
import { isInProgress, StatusChip } from '../StatusChip';
import { StepEvents, StepLogs } from './StepLogs';

/** One build: its state, its steps (phase, duration) and the selected step's logs and events. */
export function WorkflowRunView(props: { namespace: string; run: string }) {
  const api = useApi(openchoreoApiRef);
  const runRef = useMemo(
    () => ({ namespace: props.namespace, run: props.run }),
    [props.namespace, props.run],
  );
  const load = useCallback(
    (): Promise<WorkflowRunDetails> => api.getWorkflowRun(runRef),
    [api, runRef],
  );
  const details = usePolling(load, [load], {
    shouldPoll: run => isInProgress(run.status),
  });
  const [selectedStep, setSelectedStep] = useState<string>();
  const [tab, setTab] = useState<'logs' | 'events'>('logs');

  if (details.loading && !details.value) return <Progress />;
  if (details.error && !details.value) {
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={details.retry}>
            Retry
          </Button>
        }
      >
        Could not load build {props.run}: {details.error.message}
      </Alert>
    );
  }
  const run = details.value!;
  const step =
    run.steps.find(s => s.name === selectedStep) ??
    run.steps.find(s => s.phase === 'Running') ??
    run.steps.find(s => s.phase === 'Failed' || s.phase === 'Error') ??
    run.steps[run.steps.length - 1];

  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <InfoCard
          title={
            <Box display="flex" alignItems="center" style={{ gap: 8 }}>
              {run.name} <StatusChip status={run.status} />
            </Box>
          }
        >
          {run.message && (
            <Typography variant="body2" gutterBottom>
              {run.message}
            </Typography>
          )}
          <StructuredMetadataTable
            metadata={{
              Workflow: run.workflow?.name ?? '—',
              Image: run.image ?? '—',
              Created: formatTimestamp(run.createdAt),
              Started: formatTimestamp(run.startedAt),
              Duration: formatDuration(run.startedAt, run.completedAt) ?? '—',
            }}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Steps" noPadding>
          {run.steps.length === 0 ? (
            <Box p={2}>
              <Typography variant="body2">
                No steps have started yet.
              </Typography>
            </Box>
          ) : (
            <List dense>
              {run.steps.map(s => (
                <ListItem
                  key={s.name}
                  button
                  selected={s.name === step?.name}
                  onClick={() => setSelectedStep(s.name)}
                >
                  <ListItemText
                    primary={s.name}
                    secondary={
                      formatDuration(s.startedAt, s.finishedAt) ?? 'not started'
                    }
                  />
                  <StatusChip status={s.phase} />
                </ListItem>
              ))}
            </List>
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
                <StepLogs key={step.name} run={runRef} step={step} />
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
