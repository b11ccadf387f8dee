import { screen, waitFor } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { openchoreoApiRef } from '../../api';
import { makeEntity, mockOpenChoreoApi } from '../../__testUtils__/render';
import { WorkflowRunView } from './WorkflowRunView';

// A file of its own: permission decisions are cached per page (SWR) for the whole file.
describe('WorkflowRunView without the cancel permission', () => {
  it('disables Cancel build and says which permission is missing', async () => {
    const entity = makeEntity({ 'openchoreo.io/workflow': 'Workflow:docker' });
    const api = mockOpenChoreoApi({
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
    expect(api.cancelWorkflowRun).not.toHaveBeenCalled();
  });
});
