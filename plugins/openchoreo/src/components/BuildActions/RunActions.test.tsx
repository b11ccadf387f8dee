import { screen, waitFor } from '@testing-library/react';
import type {
  ComponentActionsResponse,
  WorkflowRunSummary,
} from '@openchoreo-ci/plugin-openchoreo-common';
import {
  makeEntity,
  mockOpenChoreoApi,
  renderOnEntity,
} from '../../__testUtils__/render';
import { setupUser } from '../../__testUtils__/user';
import { RunActions } from './BuildActionButtons';

// Tooltips of MUI take seconds on a loaded machine.
jest.setTimeout(30_000);
const user = setupUser();
const entity = makeEntity({ 'openchoreo.io/workflow': 'Workflow:docker' });
const running: WorkflowRunSummary = {
  name: 'reading-list-run-1',
  namespace: 'default',
  status: 'Running',
  trigger: { kind: 'build' },
};

function renderRunActions(actions: ComponentActionsResponse) {
  const api = mockOpenChoreoApi({
    getComponentActions: jest.fn(async () => actions),
  });
  renderOnEntity(
    <RunActions
      entity={entity}
      run={running}
      onStarted={jest.fn()}
      onCancelled={jest.fn()}
    />,
    { entity, api },
  );
  return api;
}

describe('RunActions: Cancel build', () => {
  it("is disabled for a viewer whom OpenChoreo refuses, with OpenChoreo's reason", async () => {
    const reason =
      'OpenChoreo does not allow you to cancel builds in namespace "default" (viewers may only read). Ask a platform engineer for access.';
    const api = renderRunActions({
      build: { allowed: false, decidedBy: 'openchoreo' },
      cancel: { allowed: false, decidedBy: 'openchoreo', reason },
      editAnnotations: { allowed: false, decidedBy: 'openchoreo' },
      externalCiBuild: { allowed: false, decidedBy: 'openchoreo' },
    });
    const cancel = await screen.findByRole('button', { name: 'Cancel build' });
    await waitFor(() => expect(cancel).toBeDisabled());
    await user.hover(cancel.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(reason);
    expect(api.getComponentActions).toHaveBeenCalledWith({
      namespace: 'default',
      component: 'reading-list',
    });
    expect(api.cancelWorkflowRun).not.toHaveBeenCalled();
  });

  it('is enabled for a developer whom OpenChoreo lets cancel, and asks before cancelling', async () => {
    renderRunActions({
      build: { allowed: true, decidedBy: 'openchoreo' },
      cancel: { allowed: true, decidedBy: 'openchoreo' },
      editAnnotations: { allowed: true, decidedBy: 'openchoreo' },
      externalCiBuild: { allowed: true, decidedBy: 'openchoreo' },
    });
    const cancel = await screen.findByRole('button', { name: 'Cancel build' });
    await waitFor(() => expect(cancel).toBeEnabled());
    await user.click(cancel);
    expect(
      await screen.findByRole('dialog', {
        name: 'Cancel build reading-list-run-1?',
      }),
    ).toBeInTheDocument();
  });
});
