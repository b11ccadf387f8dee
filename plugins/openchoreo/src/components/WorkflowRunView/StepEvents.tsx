import { useCallback } from 'react';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import { Progress, Table, type TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  WorkflowRunEvent,
  WorkflowRunEventsResponse,
  WorkflowRunStep,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef, type WorkflowRunRef } from '../../api';
import { usePolling } from '../../hooks/usePolling';
import { formatTimestamp } from '../../utils/time';
import { OpenChoreoErrorPanel } from '../OpenChoreoErrorAlert';
import { isInProgress } from '../StatusChip';
import { ArchivedNotice } from './ArchivedNotice';

const columns: TableColumn<WorkflowRunEvent>[] = [
  { title: 'Time', render: e => formatTimestamp(e.timestamp), width: '22%' },
  { title: 'Type', field: 'type', width: '10%' },
  { title: 'Reason', field: 'reason', width: '18%' },
  { title: 'Message', field: 'message' },
];

/** Kubernetes events of one step (pod scheduled, image pulled, container failed...). */
export function StepEvents(props: {
  run: WorkflowRunRef;
  step: WorkflowRunStep;
}) {
  const api = useApi(openchoreoApiRef);
  const { run, step } = props;
  const load = useCallback(
    (): Promise<WorkflowRunEventsResponse> =>
      api.getWorkflowRunEvents(run, { task: step.name }),
    [api, run, step.name],
  );
  const events = usePolling(load, [load], {
    shouldPoll: () => isInProgress(step.phase),
    intervalMs: 5000,
  });
  if (events.loading && !events.value) return <Progress />;
  if (events.error && !events.value) {
    return (
      <OpenChoreoErrorPanel
        error={events.error}
        action={`load the events of ${step.name}`}
        onRetry={events.retry}
      />
    );
  }
  const value = events.value!;
  if (value.availability === 'expired') {
    return <Alert severity="info">{value.message}</Alert>;
  }
  if (!value.items.length) {
    return (
      <Typography variant="body2">{value.message ?? 'No events.'}</Typography>
    );
  }
  return (
    <>
      {value.availability === 'archived' && (
        <ArchivedNotice what="events" message={value.message} />
      )}
      <Table<WorkflowRunEvent>
        columns={columns}
        data={value.items}
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
      />
    </>
  );
}
