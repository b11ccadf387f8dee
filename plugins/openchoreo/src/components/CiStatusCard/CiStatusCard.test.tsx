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
const ENTITY_REF = {
  kind: 'Component',
  namespace: 'default',
  name: 'reading-list',
};

describe('CiStatusCard', () => {
  it('shows the Jenkins card for a Jenkins job, instead of the workflow card', async () => {
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
    // The mock job has never been built.
    expect(await screen.findByText('No builds yet')).toBeInTheDocument();
    expect(jenkinsApi.getProjects).toHaveBeenCalledWith(
      expect.objectContaining({ entity: ENTITY_REF }),
    );
    expect(api.getComponentSummary).not.toHaveBeenCalled();
  });

  it('says Jenkins is not configured instead of failing (and never calls Jenkins)', async () => {
    const api = mockOpenChoreoApi({
      getCiIntegrations: jest.fn(async () => jenkinsNotConfigured),
    });
    const jenkinsApi = mockJenkinsApi();
    renderOnEntity(<CiStatusCard />, {
      entity: makeEntity({
        'jenkins.io/job-full-name': 'library/reading-list',
      }),
      api,
      apis: [[jenkinsApiRef, jenkinsApi]],
    });
    expect(
      await screen.findByText(
        /Jenkins is not configured in this portal: ask your platform admin to set externalCI.jenkins in the Helm values/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/jenkins.baseUrl is not set/)).toBeInTheDocument();
    expect(jenkinsApi.getProjects).not.toHaveBeenCalled();
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

  it('explains how to connect a CI when there is none, and leaves the publish step to the Workload card', async () => {
    const api = mockOpenChoreoApi();
    renderOnEntity(<CiStatusCard />, { entity: makeEntity(), api });
    expect(
      await screen.findByText('No CI is configured for this component.'),
    ).toBeInTheDocument();
    for (const annotation of [
      'jenkins.io/job-full-name',
      'github.com/project-slug',
      'gitlab.com/project-slug',
    ]) {
      expect(screen.getByText(annotation)).toBeInTheDocument();
    }
    // One publish step on the page: the Workload card's (not repeated here).
    expect(screen.queryByTestId('publish-snippet')).toBeNull();
    expect(screen.getByText(/with the step shown in the/)).toHaveTextContent(
      'Workload card',
    );
    expect(api.getComponentSummary).not.toHaveBeenCalled();
  });

  it.each([
    [
      'GitHub Actions',
      { 'github.com/project-slug': 'acme/reading-list' },
      'Latest GitHub Actions run',
    ],
    [
      'GitLab CI (project path)',
      { 'gitlab.com/project-slug': 'acme/apps/reading-list' },
      'Latest GitLab CI pipeline',
    ],
    [
      'GitLab CI (project id)',
      { 'gitlab.com/project-id': '4242' },
      'Latest GitLab CI pipeline',
    ],
  ])('shows the %s runs through the backend', async (_, annotations, title) => {
    const getCiRuns = jest.fn(async () => ({
      state: 'unavailable' as const,
      platform: 'github-actions' as const,
      reason: 'not-configured' as const,
      message: 'Not configured here.',
    }));
    renderOnEntity(<CiStatusCard />, {
      entity: makeEntity(annotations),
      api: mockOpenChoreoApi({ getCiRuns }),
    });
    expect(await screen.findByText(title)).toBeInTheDocument();
    expect(await screen.findByText('Not configured here.')).toBeInTheDocument();
    expect(getCiRuns).toHaveBeenCalledWith(ENTITY_REF, {
      page: 1,
      perPage: 5,
    });
  });
});
