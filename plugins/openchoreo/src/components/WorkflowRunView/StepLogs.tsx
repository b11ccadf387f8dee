import { useCallback, useRef } from 'react';
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  WorkflowRunLogLine,
  WorkflowRunLogsResponse,
  WorkflowRunStep,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef, type WorkflowRunRef } from '../../api';
import { usePolling } from '../../hooks/usePolling';
import { OpenChoreoErrorPanel } from '../OpenChoreoErrorAlert';
import { isInProgress } from '../StatusChip';
import { ArchivedNotice } from './ArchivedNotice';
import { LogLines } from './LogLines';

interface LoadedLogs {
  lines: WorkflowRunLogLine[];
  availability?: WorkflowRunLogsResponse['availability'];
  message?: string;
}

/**
 * Logs of one step. While the step runs they tail: each poll asks only for the lines after the
 * ones already shown (`fromLine`), and the backend shares one read of the step among viewers.
 */
export function StepLogs(props: {
  run: WorkflowRunRef;
  step: WorkflowRunStep;
  linkedLine?: number;
  lineHref: (line: number) => string;
  onLinkLine: (line: number) => void;
}) {
  const api = useApi(openchoreoApiRef);
  const loaded = useRef<LoadedLogs>({ lines: [] });
  const { run, step } = props;

  const load = useCallback(async (): Promise<LoadedLogs> => {
    const fromLine = loaded.current.lines.length;
    const answer = await api.getWorkflowRunLogs(run, {
      task: step.name,
      fromLine,
    });
    // Line numbers stay put: a line is appended only after the ones shown.
    const fresh =
      answer.nextLine !== undefined && answer.nextLine < fromLine
        ? answer.items
        : [...loaded.current.lines, ...answer.items];
    loaded.current = {
      lines: fresh,
      availability: answer.availability,
      message: answer.message,
    };
    return loaded.current;
  }, [api, run, step.name]);

  const logs = usePolling(load, [load], {
    shouldPoll: () => isInProgress(step.phase),
    intervalMs: 3000,
  });

  if (logs.loading && !logs.value) return <Progress />;
  if (logs.error && !logs.value) {
    return (
      <OpenChoreoErrorPanel
        error={logs.error}
        action={`load the logs of ${step.name}`}
        onRetry={logs.retry}
      />
    );
  }
  const value = logs.value!;
  if (value.availability === 'expired') {
    return (
      <Alert severity="info" role="note">
        {value.message ?? 'The logs of this build have expired.'}
      </Alert>
    );
  }
  if (!value.lines.length) {
    return (
      <Typography variant="body2">
        {value.message ?? 'No log lines yet.'}
      </Typography>
    );
  }
  return (
    <>
      {value.availability === 'archived' && (
        <ArchivedNotice what="logs" message={value.message} />
      )}
      <LogLines
        lines={value.lines}
        fileName={`${run.run}-${step.name}.log`}
        lineHref={props.lineHref}
        linkedLine={props.linkedLine}
        onLinkLine={props.onLinkLine}
        canFollow={isInProgress(step.phase)}
      />
    </>
  );
}
