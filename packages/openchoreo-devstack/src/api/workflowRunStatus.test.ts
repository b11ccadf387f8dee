import type { ResourceObject } from './store';
import { summarizeWorkflowRun } from './workflowRunStatus';

const run = (status: Record<string, unknown>): ResourceObject => ({
  apiVersion: 'openchoreo.dev/v1alpha1',
  kind: 'WorkflowRun',
  metadata: { name: 'r', namespace: 'default' },
  spec: {},
  status,
});
const condition = (type: string, value = 'True') => ({
  type,
  status: value,
  reason: type,
  lastTransitionTime: '2026-01-06T10:00:00Z',
});

describe('summarizeWorkflowRun', () => {
  it('is Pending without conditions or tasks', () => {
    expect(summarizeWorkflowRun(run({}), false)).toEqual({
      status: 'Pending',
      steps: [],
      hasLiveObservability: false,
    });
  });

  it('is Running while WorkflowRunning is True, with steps from tasks', () => {
    const summary = summarizeWorkflowRun(
      run({
        conditions: [condition('WorkflowRunning')],
        tasks: [
          {
            name: 'checkout-source',
            phase: 'Succeeded',
            startedAt: 'a',
            completedAt: 'b',
          },
          { name: 'build-image', phase: 'Running', startedAt: 'c' },
          { name: 'publish-image', phase: 'Omitted' },
        ],
      }),
      true,
    );
    expect(summary).toEqual({
      status: 'Running',
      hasLiveObservability: true,
      steps: [
        {
          name: 'checkout-source',
          phase: 'Succeeded',
          startedAt: 'a',
          finishedAt: 'b',
        },
        { name: 'build-image', phase: 'Running', startedAt: 'c' },
        { name: 'publish-image', phase: 'Pending' },
      ],
    });
  });

  it('prefers WorkflowFailed over the other conditions', () => {
    const conditions = [
      condition('WorkflowRunning', 'False'),
      condition('WorkflowSucceeded', 'False'),
      condition('WorkflowFailed'),
      condition('WorkflowCompleted'),
    ];
    expect(summarizeWorkflowRun(run({ conditions }), false).status).toBe(
      'Failed',
    );
  });

  it('is Succeeded when WorkflowSucceeded is True', () => {
    const conditions = [
      condition('WorkflowRunning', 'False'),
      condition('WorkflowSucceeded'),
    ];
    expect(summarizeWorkflowRun(run({ conditions }), false).status).toBe(
      'Succeeded',
    );
  });
});
