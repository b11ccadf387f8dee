import { screen, waitFor, within } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { WorkflowRunDetails } from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef, OpenChoreoRequestError } from '../../api';
import { mockLayout } from '../../__testUtils__/layout';
import { makeEntity, mockOpenChoreoApi } from '../../__testUtils__/render';
import { setupUser } from '../../__testUtils__/user';
import { WorkflowRunView } from './WorkflowRunView';

// Dialogs, forms and tables of MUI take seconds on a loaded machine.
jest.setTimeout(30_000);
const user = setupUser();
const entity = makeEntity({ 'openchoreo.io/workflow': 'Workflow:docker' });
const SHA = '0123456789abcdef0123456789abcdef01234567';
let undoLayout: (() => void) | undefined;
afterEach(() => {
  undoLayout?.();
  undoLayout = undefined;
});

function details(extra: Partial<WorkflowRunDetails> = {}): WorkflowRunDetails {
  return {
    name: 'reading-list-run-1',
    namespace: 'default',
    component: 'reading-list',
    workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
    status: 'Succeeded',
    commit: SHA,
    commitPinned: true,
    branch: 'main',
    trigger: { kind: 'build', user: 'user:default/jane' },
    ttlAfterCompletion: '1d',
    createdAt: '2026-01-01T10:00:00Z',
    startedAt: '2026-01-01T10:00:01Z',
    completedAt: '2026-01-01T10:01:00Z',
    steps: [
      {
        name: 'checkout-source',
        phase: 'Succeeded',
        startedAt: '2026-01-01T10:00:01Z',
        finishedAt: '2026-01-01T10:00:11Z',
      },
      {
        name: 'build-image',
        phase: 'Succeeded',
        startedAt: '2026-01-01T10:00:11Z',
        finishedAt: '2026-01-01T10:01:00Z',
      },
    ],
    parameters: {},
    ...extra,
  };
}

/** A logs answer: the lines given, live unless said otherwise. */
function logsOf(
  lines: string[],
  extra: { availability?: 'live' | 'expired'; message?: string } = {},
) {
  return jest.fn(async () => ({
    items: lines.map(log => ({ log })),
    nextLine: lines.length,
    availability: extra.availability ?? ('live' as const),
    ...(extra.message ? { message: extra.message } : {}),
  }));
}

async function renderView(
  api: ReturnType<typeof mockOpenChoreoApi>,
  options: { url?: string; onStarted?: jest.Mock } = {},
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <WorkflowRunView
        namespace="default"
        run="reading-list-run-1"
        entity={entity}
        onStarted={options.onStarted ?? jest.fn()}
      />
    </EntityProvider>,
    {
      initialRouteEntries: [options.url ?? '/?run=reading-list-run-1'],
      apis: [[openchoreoApiRef, api], mockApis.permission()],
    },
  );
}

describe('WorkflowRunView', () => {
  it('shows commit, branch, trigger, retention and each step with its duration', async () => {
    const api = mockOpenChoreoApi({
      getWorkflowRun: jest.fn(async () => details()),
      getWorkflowRunLogs: logsOf([]),
    });
    await renderView(api);
    expect(await screen.findByText('Build now by jane')).toBeInTheDocument();
    expect(screen.getByText('0123456')).toHaveAttribute('title', SHA);
    expect(
      screen.getByText(/^Deleted 1 day after it completes/),
    ).toBeInTheDocument();
    const steps = within(screen.getByRole('list', { name: 'steps' }));
    expect(
      steps.getByRole('button', { name: /checkout-source/ }),
    ).toHaveTextContent('10s');
    expect(
      steps.getByRole('button', { name: /build-image/ }),
    ).toHaveTextContent('49s');
  });

  it('explains a build OpenChoreo refused before it started, and what to do', async () => {
    const api = mockOpenChoreoApi({
      getWorkflowRun: jest.fn(async () =>
        details({
          status: 'Failed',
          reason: 'ComponentValidationFailed',
          message:
            'workflow ClusterWorkflow/dockerfile-builder is not allowed for component type "service"',
          failure: {
            title:
              'OpenChoreo refused the build: the component type does not allow this workflow.',
            action:
              "Ask a platform engineer to add the workflow to the component type's allowed workflows.",
            beforeStart: true,
          },
          steps: [],
        }),
      ),
    });
    await renderView(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'OpenChoreo refused the build: the component type does not allow this workflow.',
    );
    expect(alert).toHaveTextContent(
      'is not allowed for component type "service"',
    );
    expect(alert).toHaveTextContent('What to do: Ask a platform engineer');
    expect(
      screen.getByText(
        'No step ran: OpenChoreo refused the build before it started.',
      ),
    ).toBeInTheDocument();
  });

  it('cancels a running build after a confirmation that says how, then shows it as cancelled', async () => {
    const running = details({
      status: 'Running',
      completedAt: undefined,
      steps: [
        {
          name: 'build-image',
          phase: 'Running',
          startedAt: '2026-01-01T10:00:11Z',
        },
      ],
    });
    const api = mockOpenChoreoApi({
      getWorkflowRun: jest.fn(async () => running),
      getWorkflowRunLogs: logsOf(['building']),
      cancelWorkflowRun: jest.fn(async () => ({
        run: running,
        message:
          'Build reading-list-run-1 was cancelled: OpenChoreo stopped it by deleting its run, so it no longer appears in the build history.',
      })),
    });
    await renderView(api);
    await user.click(
      await screen.findByRole('button', { name: 'Cancel build' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Cancel build reading-list-run-1?',
    });
    expect(dialog).toHaveTextContent('OpenChoreo has no cancel operation');
    expect(api.cancelWorkflowRun).not.toHaveBeenCalled();
    await user.click(
      within(dialog).getByRole('button', { name: 'Cancel build' }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'was cancelled: OpenChoreo stopped it by deleting its run',
    );
    expect(api.cancelWorkflowRun).toHaveBeenCalledWith({
      namespace: 'default',
      run: 'reading-list-run-1',
    });
    expect(screen.getByTestId('status-chip')).toHaveAttribute(
      'data-status',
      'Cancelled',
    );
  });

  /** Renders a `status` build whose cancel fails with `error`, confirms Cancel; the dialog. */
  async function confirmFailingCancel(
    status: 'Pending' | 'Running',
    error: OpenChoreoRequestError,
  ) {
    const api = mockOpenChoreoApi({
      getWorkflowRun: jest.fn(async () =>
        details({ status, steps: [], completedAt: undefined }),
      ),
      cancelWorkflowRun: jest.fn(async () => {
        throw error;
      }),
    });
    await renderView(api);
    await user.click(
      await screen.findByRole('button', { name: 'Cancel build' }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.click(
      within(dialog).getByRole('button', { name: 'Cancel build' }),
    );
    return dialog;
  }

  it('keeps the build when cancelling fails, and says why', async () => {
    const dialog = await confirmFailingCancel(
      'Pending',
      new OpenChoreoRequestError(
        'Build reading-list-run-1 has already finished (Succeeded); only a pending or running build can be cancelled. Nothing was deleted.',
        409,
      ),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      /^Error: Could not cancel the build: Build reading-list-run-1 has already finished/,
    );
  });

  it('says plainly when the build to cancel no longer exists, and offers nothing more to cancel', async () => {
    const dialog = await confirmFailingCancel(
      'Running',
      new OpenChoreoRequestError(
        'Could not read build "default/reading-list-run-1": WorkflowRun not found',
        404,
      ),
    );
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Build reading-list-run-1 no longer exists: it was cancelled already, or it finished and OpenChoreo deleted it. Nothing was deleted.',
    );
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(
      within(dialog).getByRole('button', { name: 'Cancel build' }),
    ).toBeDisabled();
    expect(within(dialog).getByRole('button', { name: 'Close' })).toBeEnabled();
  });

  it('re-runs a finished build with its commit after confirming', async () => {
    const onStarted = jest.fn();
    const api = mockOpenChoreoApi({
      getWorkflowRun: jest.fn(async () => details()),
      getWorkflowRunLogs: logsOf([]),
      rerunWorkflowRun: jest.fn(async () => ({
        run: {
          name: 'reading-list-run-2',
          namespace: 'default',
          status: 'Pending' as const,
        },
        replayed: false,
      })),
    });
    await renderView(api, { onStarted });
    await user.click(await screen.findByRole('button', { name: 'Re-run' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Re-run build reading-list-run-1?',
    });
    expect(dialog).toHaveTextContent(
      'building commit 0123456 (branch main) with workflow dockerfile-builder',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Re-run' }));
    await waitFor(() => expect(onStarted).toHaveBeenCalled());
    expect(api.rerunWorkflowRun).toHaveBeenCalledWith(
      { namespace: 'default', run: 'reading-list-run-1' },
      { idempotencyKey: expect.any(String) },
    );
    expect(onStarted.mock.calls[0][0].run.name).toBe('reading-list-run-2');
  });

  it('says plainly that a deleted build no longer exists', async () => {
    const api = mockOpenChoreoApi({
      getWorkflowRun: jest.fn(async () => {
        throw new OpenChoreoRequestError('WorkflowRun not found', 404);
      }),
    });
    await renderView(api);
    expect(
      await screen.findByText(/Build reading-list-run-1 no longer exists/),
    ).toBeInTheDocument();
  });

  it('opens the step and the line a link points at', async () => {
    // The log lines are virtualized: they need a box with a height to be drawn.
    undoLayout = mockLayout({
      viewport: '[role="log"]',
      viewportHeight: 480,
      row: '[data-line]',
      rowHeight: 20,
    });
    const api = mockOpenChoreoApi({
      getWorkflowRun: jest.fn(async () => details()),
      getWorkflowRunLogs: logsOf(['clone', 'checked out 0123456']),
    });
    await renderView(api, {
      url: '/?run=reading-list-run-1&step=checkout-source&line=2',
    });
    expect(await screen.findByText('Step checkout-source')).toBeInTheDocument();
    const line = (await screen.findByText('checked out 0123456')).closest(
      '[data-line]',
    );
    expect(line).toHaveAttribute('aria-current', 'true');
    expect(
      screen.getByRole('link', { name: 'Link to line 2' }),
    ).toHaveAttribute(
      'href',
      '?run=reading-list-run-1&step=checkout-source&line=2',
    );
  });

  it('says plainly when the logs have expired', async () => {
    const api = mockOpenChoreoApi({
      getWorkflowRun: jest.fn(async () => details()),
      getWorkflowRunLogs: logsOf([], {
        availability: 'expired',
        message:
          'The logs of this build have expired: OpenChoreo keeps them only while the build’s pods exist.',
      }),
    });
    await renderView(api);
    expect(await screen.findByRole('note')).toHaveTextContent(
      'The logs of this build have expired',
    );
  });
});
