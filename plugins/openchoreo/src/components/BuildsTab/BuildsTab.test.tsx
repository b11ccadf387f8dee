import { screen, waitFor } from '@testing-library/react';
import type { WorkflowRunSummary } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  makeEntity,
  mockOpenChoreoApi,
  renderOnEntity,
} from '../../__testUtils__/render';
import { BuildsTab } from './BuildsTab';
import { setupUser } from '../../__testUtils__/user';

const user = setupUser();

const entity = makeEntity({ 'openchoreo.io/workflow': 'Workflow:docker' });
const run = (name: string): WorkflowRunSummary => ({
  name,
  namespace: 'default',
  status: 'Succeeded',
});

describe('BuildsTab', () => {
  it('pages through the history with the cursor', async () => {
    const api = mockOpenChoreoApi({
      listWorkflowRuns: jest.fn(async (_ref, options) =>
        options?.cursor === 'c2'
          ? { items: [run('run-old')] }
          : { items: [run('run-new')], nextCursor: 'c2' },
      ),
    });
    renderOnEntity(<BuildsTab />, { entity, api });
    expect(await screen.findByText('run-new')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('run-old')).toBeInTheDocument();
    expect(api.listWorkflowRuns).toHaveBeenLastCalledWith(
      { namespace: 'default', component: 'reading-list' },
      { limit: 20, cursor: 'c2' },
    );
    expect(screen.getByRole('button', { name: 'Older' })).toBeDisabled();
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
      })),
    });
    renderOnEntity(<BuildsTab />, { entity, api });
    await user.click(await screen.findByText('run-1'));
    expect(await screen.findByText('Step build-image')).toBeInTheDocument();
    await waitFor(() =>
      expect(api.getWorkflowRunLogs).toHaveBeenCalledWith(
        { namespace: 'default', run: 'run-1' },
        { task: 'build-image', sinceSeconds: undefined },
      ),
    );
  });
});
