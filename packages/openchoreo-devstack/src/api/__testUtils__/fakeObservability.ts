import type {
  RunEvent,
  RunLogLine,
  RunObservability,
} from '../simulation/types';

/** A `RunObservability` with fixed logs and events for the runs named in `started`. */
export function fakeObservability(started: string[]): RunObservability {
  const logs: RunLogLine[] = [
    { timestamp: '2026-01-06T10:00:00Z', log: '[checkout-source] cloning' },
    { timestamp: '2026-01-06T10:00:05Z', log: '[build-image] building' },
  ];
  const events: RunEvent[] = [
    {
      timestamp: '2026-01-06T10:00:00Z',
      type: 'Normal',
      reason: 'Started',
      message: 'checkout-source started',
    },
  ];
  return {
    logs: (_ns, run, { task }) =>
      started.includes(run)
        ? logs.filter(l => !task || l.log.startsWith(`[${task}]`))
        : undefined,
    events: (_ns, run) => (started.includes(run) ? events : undefined),
  };
}
