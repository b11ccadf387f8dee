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
  /**
   * True once the workflow plane collected the run's pods (some time after it completed): its
   * live logs and events are gone, as on the real server (which then answers 500 for them).
   */
  isCollected?(namespace: string, runName: string): boolean;
}
