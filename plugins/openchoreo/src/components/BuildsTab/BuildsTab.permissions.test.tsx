import { screen, waitFor } from '@testing-library/react';
import {
  makeEntity,
  mockOpenChoreoApi,
  renderOnEntity,
} from '../../__testUtils__/render';
import { BuildsTab } from './BuildsTab';

// A file of its own: permission decisions are cached per page (SWR) for the whole file.
describe('BuildsTab without the createWithOptions permission', () => {
  it('disables Build with options', async () => {
    const api = mockOpenChoreoApi({
      listWorkflowRuns: jest.fn(async () => ({ items: [] })),
    });
    await renderOnEntity(<BuildsTab />, {
      entity: makeEntity({ 'openchoreo.io/workflow': 'Workflow:docker' }),
      api,
      allow: false,
    });
    expect(await screen.findByText('No builds yet')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Build with options' }),
      ).toBeDisabled(),
    );
  });
});
