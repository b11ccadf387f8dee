import {
  readRunConditions,
  WORKFLOW_NOT_FOUND_MESSAGE,
  type RunConditionInput,
} from './runConditions';

const c = (
  type: string,
  status: string,
  reason: string,
  message?: string,
  observedGeneration?: number,
): RunConditionInput => ({
  type,
  status,
  reason,
  ...(message ? { message } : {}),
  ...(observedGeneration !== undefined ? { observedGeneration } : {}),
});

describe('readRunConditions', () => {
  it('says the controller has not picked up a run without conditions', () => {
    expect(readRunConditions(undefined)).toMatchObject({
      state: 'Waiting',
      status: 'Pending',
      message: expect.stringMatching(/^Waiting for the controller/),
    });
    expect(readRunConditions([]).state).toBe('Waiting');
  });

  it('is Pending with the controller message while it waits to run', () => {
    expect(
      readRunConditions([
        c(
          'WorkflowCompleted',
          'False',
          'WorkflowPending',
          'Workflow has not completed yet',
        ),
      ]),
    ).toEqual({
      state: 'Pending',
      status: 'Pending',
      reason: 'WorkflowPending',
      message: 'Workflow has not completed yet',
    });
  });

  it.each([
    [
      'WorkflowPlaneNotFound',
      'No workflow plane found for the workflow associated with this workflow run',
      /ClusterWorkflowPlane "default"/,
    ],
    [
      'WorkflowPlaneResolutionFailed',
      'Failed to resolve workflow plane: clusterworkflowplanes.openchoreo.dev "edge" is forbidden',
      /workflowPlaneRef/,
    ],
    [
      'WorkflowResolutionFailed',
      'Failed to resolve workflow: workflows.openchoreo.dev "docker" not found',
      /workflow exists/,
    ],
  ])(
    'is "Not started" with the message and a platform engineer action for %s',
    (reason, message, action) => {
      const reading = readRunConditions([
        c('WorkflowCompleted', 'False', reason, message),
      ]);
      expect(reading).toMatchObject({
        state: 'NotStarted',
        status: 'Pending',
        reason,
        message: `Not started: ${message}`,
        action: {
          who: 'platform-engineer',
          text: expect.stringMatching(action),
        },
      });
    },
  );

  it('marks the run of a deleted workflow, as the controller words it', () => {
    const message = WORKFLOW_NOT_FOUND_MESSAGE;
    const reading = readRunConditions([
      c('WorkflowRunning', 'False', 'WorkflowFailed', message),
      c('WorkflowFailed', 'True', 'WorkflowFailed', message),
      c('WorkflowCompleted', 'True', 'WorkflowFailed', message),
    ]);
    expect(reading).toMatchObject({
      state: 'Failed',
      status: 'Failed',
      reason: 'WorkflowFailed',
      message,
      workflowDeleted: true,
      action: { who: 'platform-engineer' },
    });
  });

  it('reads Running, Succeeded, and Failed > Succeeded > Running', () => {
    const running = c('WorkflowRunning', 'True', 'WorkflowRunning', 'Argo');
    const succeeded = c('WorkflowSucceeded', 'True', 'WorkflowSucceeded', 'ok');
    const failed = c('WorkflowFailed', 'True', 'WorkflowFailed', 'step x');
    expect(readRunConditions([running]).state).toBe('Running');
    expect(readRunConditions([running, succeeded]).state).toBe('Succeeded');
    expect(readRunConditions([running, succeeded, failed]).state).toBe(
      'Failed',
    );
    expect(readRunConditions([succeeded]).action).toBeUndefined();
  });

  it('sends the developer to the logs of a failed step, Error to the platform', () => {
    const failed = [
      c('WorkflowFailed', 'True', 'WorkflowFailed', 'failed at build-image'),
    ];
    const ran = [{ phase: 'Failed', startedAt: '2026-01-01T00:00:00Z' }];
    expect(readRunConditions(failed, { tasks: ran })).toMatchObject({
      state: 'Failed',
      action: { who: 'developer', text: expect.stringMatching(/logs/) },
    });
    const errored = [{ phase: 'Error', startedAt: '2026-01-01T00:00:00Z' }];
    expect(readRunConditions(failed, { tasks: errored })).toMatchObject({
      state: 'Error',
      status: 'Error',
      action: { who: 'platform-engineer' },
    });
  });

  it('explains a ComponentValidationFailed refusal', () => {
    const reading = readRunConditions([
      c(
        'WorkflowFailed',
        'True',
        'ComponentValidationFailed',
        'workflow ClusterWorkflow/x is not allowed for component type "service"',
      ),
    ]);
    expect(reading).toMatchObject({
      state: 'Failed',
      reason: 'ComponentValidationFailed',
      action: {
        who: 'platform-engineer',
        text: expect.stringMatching(/does not allow this workflow/),
      },
    });
  });

  it('decides a completion without Succeeded or Failed by its reason', () => {
    expect(
      readRunConditions([
        c('WorkflowCompleted', 'True', 'WorkflowSucceeded', 'done'),
      ]).state,
    ).toBe('Succeeded');
    expect(
      readRunConditions([c('WorkflowCompleted', 'True', 'Boom', 'broke')]),
    ).toMatchObject({ state: 'Failed', reason: 'Boom', message: 'broke' });
  });

  it('shows an unknown reason as the controller wrote it, never a silent Pending', () => {
    expect(
      readRunConditions([
        c('WorkflowCompleted', 'False', 'QuotaExceeded', 'no room'),
      ]),
    ).toMatchObject({
      state: 'Pending',
      reason: 'QuotaExceeded',
      message: 'QuotaExceeded: no room',
      action: { who: 'platform-engineer' },
    });
  });

  it('does not trust conditions of an older generation', () => {
    const conditions = [
      c('WorkflowSucceeded', 'True', 'WorkflowSucceeded', 'ok', 1),
      c('WorkflowCompleted', 'True', 'WorkflowSucceeded', 'ok', 1),
    ];
    expect(readRunConditions(conditions, { generation: 2 })).toMatchObject({
      state: 'Waiting',
      status: 'Pending',
      message: expect.stringMatching(
        /^Waiting for the controller.*generation 1, now 2/,
      ),
    });
    expect(readRunConditions(conditions, { generation: 1 }).state).toBe(
      'Succeeded',
    );
    // Without a generation (the API may not show it) the conditions are trusted.
    expect(readRunConditions(conditions).state).toBe('Succeeded');
  });
});
