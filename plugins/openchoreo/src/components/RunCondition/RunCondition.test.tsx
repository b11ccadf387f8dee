import { screen, waitFor } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type {
  WorkflowRunDetails,
  WorkflowRunSummary,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef } from '../../api';
import { makeEntity, mockOpenChoreoApi } from '../../__testUtils__/render';
import { setupUser } from '../../__testUtils__/user';
import { BuildWithOptionsButton } from '../BuildActions';
import { WorkflowRunView } from '../WorkflowRunView';
import { RunConditionNotice, RunStatusChip } from './RunCondition';

jest.setTimeout(30_000);
const user = setupUser();
const entity = makeEntity({ 'openchoreo.io/workflow': 'Workflow:docker' });

const NO_PLANE =
  'Not started: No workflow plane found for the workflow associated with this workflow run';

function run(extra: Partial<WorkflowRunSummary>): WorkflowRunSummary {
  return {
    name: 'reading-list-run-1',
    namespace: 'default',
    component: 'reading-list',
    workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
    status: 'Pending',
    createdAt: '2026-01-01T10:00:00Z',
    ...extra,
  };
}

const notStarted = run({
  displayState: 'NotStarted',
  reason: 'WorkflowPlaneNotFound',
  message: NO_PLANE,
  action: {
    who: 'platform-engineer',
    text: 'Create the workflow plane the workflow names in spec.workflowPlaneRef.',
  },
});

describe('RunStatusChip', () => {
  it.each([
    ['NotStarted', notStarted, /^Not started$/],
    [
      'Waiting',
      run({ displayState: 'Waiting', message: 'Waiting for the controller' }),
      /^Waiting for the controller$/,
    ],
    ['Pending', run({ displayState: 'Pending' }), /^Queued \(Pending\)$/],
    [
      'Running',
      run({ status: 'Running', displayState: 'Running' }),
      /^Running$/,
    ],
    ['Failed', run({ status: 'Failed', displayState: 'Failed' }), /^Failed$/],
  ])('shows %s', async (status, value, text) => {
    await renderInTestApp(<RunStatusChip run={value} />);
    const chip = screen.getByTestId('status-chip');
    expect(chip).toHaveAttribute('data-status', status);
    expect(chip).toHaveTextContent(text);
  });
});

describe('RunConditionNotice', () => {
  it('says "Not started" with the controller message and what a platform engineer must do', async () => {
    await renderInTestApp(<RunConditionNotice run={notStarted} />);
    const notice = screen.getByTestId('run-condition');
    expect(notice).toHaveAttribute('data-state', 'NotStarted');
    expect(notice).toHaveTextContent('Not started');
    expect(notice).toHaveTextContent(NO_PLANE);
    expect(notice).toHaveTextContent('(reason WorkflowPlaneNotFound)');
    expect(notice).toHaveTextContent(
      'What to do (A platform engineer): Create the workflow plane',
    );
  });

  it('says it waits for the controller when the conditions are stale', async () => {
    await renderInTestApp(
      <RunConditionNotice
        run={run({
          displayState: 'Waiting',
          message:
            'Waiting for the controller: its conditions describe an older version of this build (generation 1, now 2), so they are not shown.',
        })}
      />,
    );
    expect(screen.getByTestId('run-condition')).toHaveTextContent(
      'generation 1, now 2',
    );
  });

  it('shows a reason the portal does not know as the controller wrote it', async () => {
    await renderInTestApp(
      <RunConditionNotice
        run={run({
          displayState: 'Pending',
          reason: 'QuotaExceeded',
          message: 'QuotaExceeded: no room',
          action: { who: 'platform-engineer', text: 'Check the controller.' },
        })}
      />,
    );
    const notice = screen.getByTestId('run-condition');
    expect(notice).toHaveTextContent('Pending: QuotaExceeded');
    expect(notice).toHaveTextContent('QuotaExceeded: no room');
  });

  it('marks a build of a deleted workflow', async () => {
    await renderInTestApp(
      <RunConditionNotice
        run={run({
          status: 'Succeeded',
          displayState: 'Succeeded',
          workflowDeleted: true,
        })}
      />,
    );
    expect(screen.getByTestId('run-condition')).toHaveTextContent(
      'The workflow of this build was deleted',
    );
  });

  it('shows nothing for a build that is simply queued, running or done', async () => {
    await renderInTestApp(
      <>
        <RunConditionNotice run={run({ displayState: 'Pending' })} />
        <RunConditionNotice
          run={run({ status: 'Succeeded', displayState: 'Succeeded' })}
        />
      </>,
    );
    expect(screen.queryByTestId('run-condition')).toBeNull();
  });
});

describe('the run view and the build buttons', () => {
  const details = (extra: Partial<WorkflowRunDetails>): WorkflowRunDetails => ({
    ...run({}),
    steps: [],
    parameters: {},
    logs: 'not-started',
    ...extra,
  });
  const renderView = (api: ReturnType<typeof mockOpenChoreoApi>) =>
    renderInTestApp(
      <EntityProvider entity={entity}>
        <WorkflowRunView
          namespace="default"
          run="reading-list-run-1"
          entity={entity}
          onStarted={jest.fn()}
        />
      </EntityProvider>,
      {
        initialRouteEntries: ['/?run=reading-list-run-1'],
        apis: [[openchoreoApiRef, api], mockApis.permission()],
      },
    );

  it('shows a build that cannot start as "Not started", never as Pending', async () => {
    const api = mockOpenChoreoApi({
      getWorkflowRun: jest.fn(async () => details(notStarted)),
    });
    await renderView(api);
    const notice = await screen.findByTestId('run-condition');
    expect(notice).toHaveTextContent(NO_PLANE);
    const chips = screen.getAllByTestId('status-chip');
    expect(chips[0]).toHaveTextContent(/^Not started$/);
    expect(screen.queryByText(/Queued/)).toBeNull();
  });

  it('disables Re-run of a build whose workflow was deleted', async () => {
    const api = mockOpenChoreoApi({
      getWorkflowRun: jest.fn(async () =>
        details({
          status: 'Failed',
          displayState: 'Failed',
          message: 'Workflow is not found in the cluster',
          workflowDeleted: true,
          logs: 'expired',
        }),
      ),
    });
    await renderView(api);
    await screen.findByTestId('run-condition');
    const rerun = await screen.findByRole('button', { name: 'Re-run' });
    await waitFor(() => expect(rerun).toBeDisabled());
    await user.hover(rerun.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'no longer exists, so it cannot be re-run',
    );
  });

  it('disables Build with options with the reason when the component workflow is gone', async () => {
    const reason =
      'Workflow ClusterWorkflow:docker of this component no longer exists.';
    const api = mockOpenChoreoApi({
      getComponentActions: jest.fn(async () => ({
        build: { allowed: true },
        buildWithOptions: { allowed: false, reason },
        cancel: { allowed: true },
        editAnnotations: { allowed: true },
        externalCiBuild: { allowed: true },
      })),
    });
    await renderInTestApp(
      <BuildWithOptionsButton
        entity={entity}
        componentRef={{ namespace: 'default', component: 'reading-list' }}
        onStarted={jest.fn()}
      />,
      { apis: [[openchoreoApiRef, api], mockApis.permission()] },
    );
    const button = await screen.findByRole('button', {
      name: 'Build with options',
    });
    await waitFor(() => expect(button).toBeDisabled());
    await user.hover(button.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(reason);
  });
});
