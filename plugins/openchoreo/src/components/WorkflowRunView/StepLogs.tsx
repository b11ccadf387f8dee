import { useCallback, useRef } from 'react';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import { LogViewer, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  WorkflowRunEvent,
  WorkflowRunLogLine,
  WorkflowRunStep,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef, WorkflowRunRef } from '../../api';
import { usePolling } from '../../hooks/usePolling';
import { formatTimestamp } from '../../utils/time';
import { isInProgress } from '../StatusChip';

const lineKey = (line: WorkflowRunLogLine) => `${line.timestamp}|${line.log}`;

/**
 * Logs of one step. While the step runs they tail: each poll asks only for the last seconds
 * (`sinceSeconds`, with overlap) and appends the lines not seen yet.
 */
export function StepLogs(props: {
  run: WorkflowRunRef;
  step: WorkflowRunStep;
}) {
  const api = useApi(openchoreoApiRef);
  const lines = useRef<WorkflowRunLogLine[]>([]);
  const lastFetchAt = useRef<number | undefined>(undefined);
  const { run, step } = props;

  const load = useCallback(async () => {
    const sinceSeconds =
      lastFetchAt.current === undefined
        ? undefined
        : Math.ceil((Date.now() - lastFetchAt.current) / 1000) + 2;
    const requestedAt = Date.now();
    const { items } = await api.getWorkflowRunLogs(run, {
      task: step.name,
      sinceSeconds,
    });
    lastFetchAt.current = requestedAt;
    if (sinceSeconds === undefined) {
      lines.current = items;
    } else {
      const seen = new Set(lines.current.map(lineKey));
      lines.current = [
        ...lines.current,
        ...items.filter(line => !seen.has(lineKey(line))),
      ];
    }
    return lines.current;
  }, [api, run, step.name]);

  const logs = usePolling(load, [load], {
    shouldPoll: () => isInProgress(step.phase),
    intervalMs: 3000,
  });

  if (logs.loading && !logs.value) return <Progress />;
  if (logs.error && !logs.value) {
    return (
      <Alert severity="error">
        Could not load the logs of {step.name}: {logs.error.message}
      </Alert>
    );
  }
  const text = (logs.value ?? []).map(l => l.log).join('\n');
  return (
    <div style={{ height: 400 }}>
      {text ? (
        <LogViewer text={text} />
      ) : (
        <Typography variant="body2">No log lines yet.</Typography>
      )}
    </div>
  );
}

/** Kubernetes events of one step. */
export function StepEvents(props: {
  run: WorkflowRunRef;
  step: WorkflowRunStep;
}) {
  const api = useApi(openchoreoApiRef);
  const { run, step } = props;
  const load = useCallback(
    async (): Promise<WorkflowRunEvent[]> =>
      (await api.getWorkflowRunEvents(run, { task: step.name })).items,
    [api, run, step.name],
  );
  const events = usePolling(load, [load], {
    shouldPoll: () => isInProgress(step.phase),
    intervalMs: 5000,
  });
  if (events.loading && !events.value) return <Progress />;
  if (events.error && !events.value) {
    return (
      <Alert severity="error">
        Could not load the events of {step.name}: {events.error.message}
      </Alert>
    );
  }
  if (!events.value?.length) {
    return <Typography variant="body2">No events.</Typography>;
  }
  return (
    <ul>
      {events.value.map((event, i) => (
        <li key={`${event.timestamp}-${i}`}>
          <Typography variant="body2">
            {formatTimestamp(event.timestamp)} [{event.type}] {event.reason}:{' '}
            {event.message}
          </Typography>
        </li>
      ))}
    </ul>
  );
}
