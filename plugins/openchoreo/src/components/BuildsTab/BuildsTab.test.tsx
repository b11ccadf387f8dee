import { screen, waitFor, within } from '@testing-library/react';
import type { WorkflowRunSummary } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  makeEntity,
  mockOpenChoreoApi,
  renderOnEntity,
} from '../../__testUtils__/render';
import { BuildsTab } from './BuildsTab';
import { setupUser } from '../../__testUtils__/user';
import { mockLayout } from '../../__testUtils__/layout';

// Dialogs, forms and tables of MUI take seconds on a loaded machine.
jest.setTimeout(30_000);
const user = setupUser();

const entity = makeEntity({ 'openchoreo.io/workflow': 'Workflow:docker' });
const SHA = '0123456789abcdef0123456789abcdef01234567';
const run = (
  name: string,
  extra: Partial<WorkflowRunSummary> = {},
): WorkflowRunSummary => ({
  name,
  namespace: 'default',
  status: 'Succeeded',
  trigger: { kind: 'external' },
  ...extra,
});

describe('BuildsTab', () => {
  it('shows status, commit (linked), branch, trigger and duration of each build', async () => {
    const api = mockOpenChoreoApi({
      listWorkflowRuns: jest.fn(async () => ({
        items: [
          run('run-2', {
            status: 'Running',
            commit: SHA,
            commitPinned: true,
            commitUrl: `https://github.com/o/r/commit/${SHA}`,
            branch: 'main',
            trigger: {
              kind: 'rerun',
              user: 'user:default/jane',
              rerunOf: 'run-1',
            },
            startedAt: new Date(Date.now() - 90_000).toISOString(),
          }),
          run('run-1', {
            status: 'Error',
            trigger: { kind: 'build', user: 'user:default/jane' },
            startedAt: '2026-01-01T10:00:00Z',
            completedAt: '2026-01-01T10:02:05Z',
          }),
        ],
      })),
    });
    await renderOnEntity(<BuildsTab />, { entity, api });
    const rows = await screen.findAllByRole('row');
    const newest = within(rows[1]);
    expect(newest.getByText('run-2')).toBeInTheDocument();
    expect(newest.getByRole('link', { name: /0123456/ })).toHaveAttribute(
      'href',
      `https://github.com/o/r/commit/${SHA}`,
    );
    expect(newest.getByText('main')).toBeInTheDocument();
    expect(newest.getByText('Re-run of run-1 by jane')).toBeInTheDocument();
    expect(newest.getByText('Running')).toBeInTheDocument();
    const older = within(rows[2]);
    expect(older.getByText('Failed (Error)')).toBeInTheDocument();
    expect(older.getByText('Build now by jane')).toBeInTheDocument();
    expect(older.getByText('2m 5s')).toBeInTheDocument();
    // The status is not broken inside a word in a narrow column.
    expect(older.getByTestId('status-chip').closest('td')).toHaveStyle({
      whiteSpace: 'nowrap',
    });
  });

  it('pages through the history with the cursor, at the page size the user picks', async () => {
    const api = mockOpenChoreoApi({
      listWorkflowRuns: jest.fn(async (_ref, options) =>
        options?.cursor === 'c2'
          ? { items: [run('run-old')] }
          : { items: [run('run-new')], nextCursor: 'c2' },
      ),
    });
    await renderOnEntity(<BuildsTab />, { entity, api });
    expect(await screen.findByText('run-new')).toBeInTheDocument();
    expect(screen.getByText('1–1 of more')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Older builds' }));
    expect(await screen.findByText('run-old')).toBeInTheDocument();
    expect(api.listWorkflowRuns).toHaveBeenLastCalledWith(
      { namespace: 'default', component: 'reading-list' },
      { limit: 20, cursor: 'c2' },
    );
    expect(screen.getByRole('button', { name: 'Older builds' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Newer builds' }));
    expect(await screen.findByText('run-new')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Builds per page/ }));
    await user.click(await screen.findByRole('option', { name: '50' }));
    await waitFor(() =>
      expect(api.listWorkflowRuns).toHaveBeenLastCalledWith(
        { namespace: 'default', component: 'reading-list' },
        { limit: 50, cursor: undefined },
      ),
    );
  });

  it('opens a run and loads the logs of its failed step', async () => {
    const api = mockOpenChoreoApi({
      listWorkflowRuns: jest.fn(async () => ({ items: [run('run-1')] })),
      getWorkflowRun: jest.fn(async () => ({
        ...run('run-1'),
        status: 'Failed' as const,
        steps: [
          { name: 'clone', phase: 'Succeeded' as const },
          { name: 'build-image', phase: 'Failed' as const },
        ],
      })),
      getWorkflowRunLogs: jest.fn(async () => ({
        items: [{ log: 'error: Dockerfile not found' }],
        nextLine: 1,
        availability: 'live' as const,
      })),
    });
    // The log lines are virtualized: they need a box with a height to be drawn.
    const undoLayout = mockLayout({
      viewport: '[role="log"]',
      viewportHeight: 480,
      row: '[data-line]',
      rowHeight: 20,
    });
    try {
      await renderOnEntity(<BuildsTab />, { entity, api });
      await user.click(await screen.findByText('run-1'));
      expect(await screen.findByText('Step build-image')).toBeInTheDocument();
      expect(
        await screen.findByText('error: Dockerfile not found'),
      ).toBeInTheDocument();
      expect(api.getWorkflowRunLogs).toHaveBeenCalledWith(
        { namespace: 'default', run: 'run-1' },
        { task: 'build-image', fromLine: 0 },
      );
    } finally {
      undoLayout();
    }
  });

  it('refuses Build with options like Build now when OpenChoreo does not allow builds', async () => {
    const reason =
      'OpenChoreo does not allow you to start builds in namespace "default".';
    const api = mockOpenChoreoApi({
      listWorkflowRuns: jest.fn(async () => ({ items: [] })),
      getComponentActions: jest.fn(async () => ({
        build: { allowed: false, reason, decidedBy: 'openchoreo' as const },
        cancel: { allowed: false },
        editAnnotations: { allowed: false },
        externalCiBuild: { allowed: false },
      })),
    });
    await renderOnEntity(<BuildsTab />, { entity, api });
    expect(await screen.findByText('No builds yet')).toBeInTheDocument();
    const withOptions = screen.getByRole('button', {
      name: 'Build with options',
    });
    await waitFor(() => expect(withOptions).toBeDisabled());
    expect(screen.getByRole('button', { name: 'Build now' })).toBeDisabled();
    await user.hover(withOptions.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(reason);
    expect(api.getBuildOptions).not.toHaveBeenCalled();
    // Both buttons were answered by one request, so they never disagreed while it ran.
    expect(api.getComponentActions).toHaveBeenCalledTimes(1);
  });
});
