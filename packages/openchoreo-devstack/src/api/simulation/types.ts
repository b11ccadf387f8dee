/** One log line of a WorkflowRun task, as `GET .../workflowruns/{r}/logs` returns it. */
export interface RunLogLine {
  timestamp?: string;
  log: string;
}

/** One event of a WorkflowRun task, as `GET .../workflowruns/{r}/events` returns it. */
export interface RunEvent {
  timestamp: string;
  type: string;
  reason: string;
  message: string;
}

/**
 * What the API routes need from the WorkflowRun simulation to serve `/logs` and `/events`.
 * `undefined` means the run has not started yet (the real server answers 404 then).
 */
export interface RunObservability {
  logs(
    namespace: string,
    runName: string,
    options: { task?: string; sinceSeconds?: number },
  ): RunLogLine[] | undefined;
  events(
    namespace: string,
    runName: string,
    options: { task?: string },
  ): RunEvent[] | undefined;
}
