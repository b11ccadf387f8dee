import { screen, waitFor } from '@testing-library/react';
import type {
  ComponentSummary,
  WorkflowRunDetails,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { OPENCHOREO_SIGN_IN_REQUIRED } from '@openchoreo-ci/plugin-openchoreo-common';
import { OpenChoreoRequestError, openchoreoAuthApiRef } from '../../api';
import {
  makeEntity,
  mockOpenChoreoApi,
  renderOnEntity,
} from '../../__testUtils__/render';
import { WorkflowRunCard } from './WorkflowRunCard';
import { setupUser } from '../../__testUtils__/user';

const user = setupUser();

const entity = makeEntity({ 'openchoreo.io/workflow': 'Workflow:docker' });

const run: WorkflowRunDetails = {
  name: 'reading-list-run-1a2b3c4d',
  namespace: 'default',
  status: 'Running',
  workflow: { kind: 'Workflow', name: 'docker' },
  startedAt: '2025-01-01T10:00:00Z',
  image: 'registry.local/reading-list:abc1234',
  steps: [
    { name: 'clone', phase: 'Succeeded' },
    { name: 'build-image', phase: 'Running' },
    { name: 'publish', phase: 'Pending' },
  ],
};

function summary(latestRuns: ComponentSummary['latestRuns']): ComponentSummary {
  return {
    component: {
      namespace: 'default',
      name: 'reading-list',
      project: 'library',
      entityRef: 'component:default/reading-list',
      componentType: { kind: 'ComponentType', name: 'deployment/service' },
      ci: { type: 'built-in', workflow: { kind: 'Workflow', name: 'docker' } },
    },
    workload: null,
    latestRuns,
  };
}

describe('WorkflowRunCard', () => {
  it('shows a loading state until the summary arrives', async () => {
    const api = mockOpenChoreoApi({
      getComponentSummary: jest.fn(() => new Promise<never>(() => {})),
    });
    renderOnEntity(<WorkflowRunCard />, { entity, api });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(api.getComponentSummary).toHaveBeenCalledWith({
      namespace: 'default',
      component: 'reading-list',
    });
  });

  it('shows the latest run with status, image, steps and a link to the Builds tab', async () => {
    const api = mockOpenChoreoApi({
      getComponentSummary: jest.fn(async () => summary([run])),
      getWorkflowRun: jest.fn(async () => run),
    });
    renderOnEntity(<WorkflowRunCard />, { entity, api });
    expect(await screen.findByText(run.name)).toBeInTheDocument();
    // The same look as every CI's latest build.
    const summaryView = screen.getByRole('group', { name: 'Latest build' });
    expect(screen.getByTestId('ci-run-status')).toHaveAttribute(
      'data-status',
      'running',
    );
    expect(summaryView).toHaveTextContent('Running');
    expect(screen.getByText(run.image!)).toBeInTheDocument();
    expect(
      screen.getByText('Steps: 1 of 3 done (running: build-image)'),
    ).toBeInTheDocument();
    expect(screen.getByText(run.name).closest('a')).toHaveAttribute(
      'href',
      `/catalog/default/component/reading-list/builds?run=${run.name}`,
    );
    expect(api.getWorkflowRun).toHaveBeenCalledWith({
      namespace: 'default',
      run: run.name,
    });
  });

  it("shows the backend's message and retries", async () => {
    const api = mockOpenChoreoApi({
      getComponentSummary: jest
        .fn()
        .mockRejectedValueOnce(
          new OpenChoreoRequestError(
            'OpenChoreo API at http://oc.local is unreachable',
            503,
          ),
        )
        .mockResolvedValue(summary([])),
    });
    renderOnEntity(<WorkflowRunCard />, { entity, api });
    expect(
      await screen.findByText(
        /Could not load the builds: OpenChoreo API at http:\/\/oc.local is unreachable/,
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No builds yet')).toBeInTheDocument();
    expect(api.getComponentSummary).toHaveBeenCalledTimes(2);
  });

  it('shows a forbidden state on 403 without a retry loop', async () => {
    const api = mockOpenChoreoApi({
      getComponentSummary: jest.fn(async () => {
        throw new OpenChoreoRequestError('Not allowed to read builds', 403);
      }),
    });
    renderOnEntity(<WorkflowRunCard />, { entity, api });
    expect(
      await screen.findByText('You may not load the builds'),
    ).toBeInTheDocument();
    expect(screen.getByText('Not allowed to read builds')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('asks to sign in again when the OpenChoreo sign-in is missing, then retries', async () => {
    const api = mockOpenChoreoApi({
      getComponentSummary: jest
        .fn()
        .mockRejectedValueOnce(
          new OpenChoreoRequestError(
            'The portal calls OpenChoreo as you, but this request carried no OpenChoreo sign-in. Sign in again with OpenChoreo.',
            401,
            { code: OPENCHOREO_SIGN_IN_REQUIRED },
          ),
        )
        .mockResolvedValue(summary([])),
    });
    const authApi = { getAccessToken: jest.fn(async () => 'token') };
    renderOnEntity(<WorkflowRunCard />, {
      entity,
      api,
      apis: [[openchoreoAuthApiRef, authApi]],
    });
    expect(
      await screen.findByText('Sign in with OpenChoreo to load the builds'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(authApi.getAccessToken).toHaveBeenCalledWith(undefined, {
      instantPopup: true,
    });
    expect(await screen.findByText('No builds yet')).toBeInTheDocument();
  });

  it('offers Build now when there are no builds, with a new Idempotency-Key per click', async () => {
    const api = mockOpenChoreoApi({
      getComponentSummary: jest.fn(async () => summary([])),
      triggerWorkflowRun: jest.fn(async () => ({
        run: { ...run, status: 'Pending' as const },
        replayed: false,
      })),
      getWorkflowRun: jest.fn(async () => run),
    });
    renderOnEntity(<WorkflowRunCard />, { entity, api });
    expect(await screen.findByText('No builds yet')).toBeInTheDocument();
    const button = await screen.findByRole('button', { name: 'Build now' });
    await waitFor(() => expect(button).toBeEnabled());
    await user.click(button);
    expect(
      await screen.findByText(`Build ${run.name} started.`),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Build now' }));
    await waitFor(() =>
      expect(api.triggerWorkflowRun).toHaveBeenCalledTimes(2),
    );

    const [first, second] = api.triggerWorkflowRun.mock.calls;
    expect(first[0]).toEqual({
      namespace: 'default',
      component: 'reading-list',
    });
    expect(first[1].idempotencyKey).toEqual(expect.any(String));
    expect(first[1].idempotencyKey).not.toEqual(second[1].idempotencyKey);
    // The card reloads after starting a build.
    expect(api.getComponentSummary.mock.calls.length).toBeGreaterThan(1);
  });

  it('disables Build now with the reason when the user may not start builds', async () => {
    const reason =
      'OpenChoreo does not allow you to start builds in namespace "default" (no role bound to groups viewers grants workflowrun:create). Ask a platform engineer for access.';
    const api = mockOpenChoreoApi({
      getComponentSummary: jest.fn(async () => summary([])),
      getComponentActions: jest.fn(async () => ({
        build: { allowed: false, decidedBy: 'openchoreo' as const, reason },
        cancel: { allowed: true },
        editAnnotations: { allowed: true },
        externalCiBuild: { allowed: true },
      })),
    });
    renderOnEntity(<WorkflowRunCard />, { entity, api });
    expect(await screen.findByText('No builds yet')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Build now' })).toBeDisabled(),
    );
    expect(screen.getByText(reason)).toBeInTheDocument();
    expect(api.getComponentActions).toHaveBeenCalledWith({
      namespace: 'default',
      component: 'reading-list',
    });
    expect(api.triggerWorkflowRun).not.toHaveBeenCalled();
  });
});
