import { screen, waitFor } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { openchoreoApiRef } from '../../api';
import { makeEntity, mockOpenChoreoApi } from '../../__testUtils__/render';
import { setupUser } from '../../__testUtils__/user';
import { WorkflowRunView } from './WorkflowRunView';

const user = setupUser();

// A file of its own: permission decisions are cached per page (SWR) for the whole file.
describe('WorkflowRunView without the cancel permission', () => {
  it('disables Cancel build and says which permission is missing', async () => {
    const entity = makeEntity({ 'openchoreo.io/workflow': 'Workflow:docker' });
    // The backend answers the portal's policy for the component's actions.
    const reason =
      "The portal's permission policy does not allow you to cancel builds of component:default/reading-list (permission openchoreo.workflowrun.cancel). Ask a platform engineer for access.";
    const api = mockOpenChoreoApi({
      getComponentActions: jest.fn(async () => ({
        build: { allowed: false, decidedBy: 'portal' as const },
        cancel: { allowed: false, decidedBy: 'portal' as const, reason },
        editAnnotations: { allowed: false, decidedBy: 'portal' as const },
        externalCiBuild: { allowed: false, decidedBy: 'portal' as const },
      })),
      getWorkflowRun: jest.fn(async () => ({
        name: 'reading-list-run-1',
        namespace: 'default',
        status: 'Running' as const,
        steps: [],
      })),
    });
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <WorkflowRunView
          namespace="default"
          run="reading-list-run-1"
          entity={entity}
          onStarted={jest.fn()}
        />
      </EntityProvider>,
      {
        apis: [
          [openchoreoApiRef, api],
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ],
      },
    );
    const cancel = await screen.findByRole('button', { name: 'Cancel build' });
    await waitFor(() => expect(cancel).toBeDisabled());
    await user.hover(cancel.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(reason);
    expect(api.cancelWorkflowRun).not.toHaveBeenCalled();
  });
});
