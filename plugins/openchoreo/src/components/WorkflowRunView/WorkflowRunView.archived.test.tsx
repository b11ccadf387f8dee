import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { WorkflowRunDetails } from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef } from '../../api';
import { mockLayout } from '../../__testUtils__/layout';
import { makeEntity, mockOpenChoreoApi } from '../../__testUtils__/render';
import { WorkflowRunView } from './WorkflowRunView';

jest.setTimeout(30_000);
const entity = makeEntity({ 'openchoreo.io/workflow': 'Workflow:docker' });

const details: WorkflowRunDetails = {
  name: 'reading-list-run-1',
  namespace: 'default',
  component: 'reading-list',
  status: 'Succeeded',
  createdAt: '2026-01-01T10:00:00Z',
  completedAt: '2026-01-01T10:01:00Z',
  steps: [
    {
      name: 'checkout-source',
      phase: 'Succeeded',
      startedAt: '2026-01-01T10:00:01Z',
      finishedAt: '2026-01-01T10:00:11Z',
    },
  ],
};

async function renderView(api: ReturnType<typeof mockOpenChoreoApi>) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <WorkflowRunView
        namespace="default"
        run="reading-list-run-1"
        entity={entity}
        onStarted={jest.fn()}
      />
    </EntityProvider>,
    {
      initialRouteEntries: [
        '/?run=reading-list-run-1&step=checkout-source&line=2',
      ],
      apis: [[openchoreoApiRef, api], mockApis.permission()],
    },
  );
}

describe('WorkflowRunView: logs read from the observability plane', () => {
  // The log lines are virtualized: they need a box with a height to be drawn.
  let undoLayout: () => void;
  beforeEach(() => {
    undoLayout = mockLayout({
      viewport: '[role="log"]',
      viewportHeight: 480,
      row: '[data-line]',
      rowHeight: 20,
    });
  });
  afterEach(() => undoLayout());

  it('marks archived lines as archived and still links to a line', async () => {
    const api = mockOpenChoreoApi({
      getWorkflowRun: jest.fn(async () => details),
      getWorkflowRunLogs: jest.fn(async () => ({
        items: [
          { log: 'Cloning into /mnt/vol/source' },
          { log: 'HEAD is now at deadbee' },
        ],
        nextLine: 2,
        availability: 'archived' as const,
        message:
          'Archived by the observability plane (ClusterObservabilityPlane "default"): the build\'s pods are gone.',
      })),
    });
    await renderView(api);
    const note = await screen.findByRole('note', { name: 'Archived logs' });
    expect(note).toHaveTextContent('Archived');
    expect(note).toHaveTextContent('ClusterObservabilityPlane "default"');
    expect(
      await screen.findByText('HEAD is now at deadbee'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Link to line 2' }),
    ).toHaveAttribute(
      'href',
      '?run=reading-list-run-1&step=checkout-source&line=2',
    );
  });

  it('shows no archived marker for live lines', async () => {
    const api = mockOpenChoreoApi({
      getWorkflowRun: jest.fn(async () => details),
      getWorkflowRunLogs: jest.fn(async () => ({
        items: [{ log: 'Cloning into /mnt/vol/source' }],
        nextLine: 1,
        availability: 'live' as const,
      })),
    });
    await renderView(api);
    expect(
      await screen.findByText('Cloning into /mnt/vol/source'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('note', { name: 'Archived logs' })).toBeNull();
  });

  it('says plainly when no observability plane keeps the logs', async () => {
    const api = mockOpenChoreoApi({
      getWorkflowRun: jest.fn(async () => details),
      getWorkflowRunLogs: jest.fn(async () => ({
        items: [],
        nextLine: 0,
        availability: 'expired' as const,
        message:
          'The logs of this build have expired. The build\'s workflow plane (ClusterWorkflowPlane "default") has no observability plane, so nothing keeps build logs after the pods are gone.',
      })),
    });
    await renderView(api);
    expect(await screen.findByRole('note')).toHaveTextContent(
      'has no observability plane',
    );
  });
});
