import { screen } from '@testing-library/react';
import { jenkinsApiRef } from '@backstage-community/plugin-jenkins';
import type { CiIntegrationsResponse } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  makeEntity,
  mockJenkinsApi,
  mockOpenChoreoApi,
  renderOnEntity,
} from '../../__testUtils__/render';
import { CiStatusCard } from './CiStatusCard';

const jenkinsConfigured: CiIntegrationsResponse = {
  integrations: [
    { platform: 'jenkins', configured: true, baseUrl: 'http://jenkins.local' },
  ],
};
const jenkinsNotConfigured: CiIntegrationsResponse = {
  integrations: [
    {
      platform: 'jenkins',
      configured: false,
      reason: 'jenkins.baseUrl is not set',
    },
  ],
};

describe('CiStatusCard', () => {
  it('shows the community Jenkins card for a Jenkins job, instead of the workflow card', async () => {
    const api = mockOpenChoreoApi({
      getCiIntegrations: jest.fn(async () => jenkinsConfigured),
    });
    const jenkinsApi = mockJenkinsApi();
    renderOnEntity(<CiStatusCard />, {
      entity: makeEntity({
        'jenkins.io/job-full-name': 'library/reading-list',
        'openchoreo.io/workflow': 'Workflow:docker',
      }),
      api,
      apis: [[jenkinsApiRef, jenkinsApi]],
    });
    expect(await screen.findByText('Latest Jenkins build')).toBeInTheDocument();
    expect(jenkinsApi.getProjects).toHaveBeenCalledWith(
      expect.objectContaining({
        entity: expect.objectContaining({ name: 'reading-list' }),
      }),
    );
    expect(api.getComponentSummary).not.toHaveBeenCalled();
  });

  it('says Jenkins is not configured instead of failing (and never calls Jenkins)', async () => {
    const api = mockOpenChoreoApi({
      getCiIntegrations: jest.fn(async () => jenkinsNotConfigured),
    });
    // No Jenkins API at all: rendering the community card here would crash.
    renderOnEntity(<CiStatusCard />, {
      entity: makeEntity({
        'jenkins.io/job-full-name': 'library/reading-list',
      }),
      api,
    });
    expect(
      await screen.findByText(
        /Jenkins is not configured in this portal: ask your platform admin to set externalCI.jenkins in the Helm values/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('jenkins.baseUrl is not set')).toBeInTheDocument();
    expect(screen.queryByText('Latest Jenkins build')).toBeNull();
  });

  it('contains a failing Jenkins card in an error boundary', async () => {
    const api = mockOpenChoreoApi({
      getCiIntegrations: jest.fn(async () => jenkinsConfigured),
    });
    const consoleError = jest
      .spyOn(console, 'error')
      .mockImplementation(() => {});
    // Configured, but no jenkinsApiRef implementation: the old portal's crash.
    renderOnEntity(<CiStatusCard />, {
      entity: makeEntity({
        'jenkins.io/job-full-name': 'library/reading-list',
      }),
      api,
    });
    expect(
      await screen.findByText(/Could not show the Jenkins builds/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/No implementation available for apiRef/).length,
    ).toBeGreaterThan(0);
    consoleError.mockRestore();
  });

  it('shows the latest WorkflowRun for a component built by a workflow', async () => {
    const api = mockOpenChoreoApi({
      getComponentSummary: jest.fn(async () => ({
        component: {} as any,
        workload: null,
        latestRuns: [],
      })),
    });
    renderOnEntity(<CiStatusCard />, {
      entity: makeEntity({ 'openchoreo.io/workflow': 'Workflow:docker' }),
      api,
    });
    expect(await screen.findByText('No builds yet')).toBeInTheDocument();
    expect(api.getCiIntegrations).not.toHaveBeenCalled();
  });

  it('explains how to connect a CI when there is none', async () => {
    const api = mockOpenChoreoApi();
    renderOnEntity(<CiStatusCard />, { entity: makeEntity(), api });
    expect(
      await screen.findByText('No CI is configured for this component.'),
    ).toBeInTheDocument();
    // The pipeline snippet names this component.
    expect(
      await screen.findByText(/--component reading-list/),
    ).toBeInTheDocument();
    expect(api.getComponentSummary).not.toHaveBeenCalled();
  });

  it('says GitHub Actions is not yet supported', async () => {
    const api = mockOpenChoreoApi();
    renderOnEntity(<CiStatusCard />, {
      entity: makeEntity({ 'github.com/project-slug': 'acme/reading-list' }),
      api,
    });
    expect(
      await screen.findByText(
        /GitHub Actions build status is not yet supported in this portal/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/acme\/reading-list/)).toBeInTheDocument();
  });
});
