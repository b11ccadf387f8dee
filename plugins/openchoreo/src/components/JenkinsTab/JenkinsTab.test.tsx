import { screen } from '@testing-library/react';
import { jenkinsApiRef } from '@backstage-community/plugin-jenkins';
import type { CiIntegrationsResponse } from '@openchoreo-ci/plugin-openchoreo-common';
import { OpenChoreoRequestError } from '../../api';
import {
  makeEntity,
  mockJenkinsApi,
  mockOpenChoreoApi,
  renderOnEntity,
} from '../../__testUtils__/render';
import { JENKINS_NOT_CONFIGURED_MESSAGE } from '../JenkinsGate';
import { JenkinsTab } from './JenkinsTab';
import { setupUser } from '../../__testUtils__/user';

const user = setupUser();

const entity = makeEntity({
  'jenkins.io/job-full-name': 'library/reading-list',
});

const configured: CiIntegrationsResponse = {
  integrations: [
    { platform: 'jenkins', configured: true, baseUrl: 'http://jenkins.test' },
  ],
};

describe('JenkinsTab', () => {
  it("shows the job's builds through the community Jenkins views when Jenkins is configured", async () => {
    const jenkinsApi = mockJenkinsApi();
    renderOnEntity(<JenkinsTab />, {
      entity,
      api: mockOpenChoreoApi({
        getCiIntegrations: jest.fn(async () => configured),
      }),
      apis: [[jenkinsApiRef, jenkinsApi]],
    });
    expect(await screen.findByText('Projects')).toBeInTheDocument();
    expect(jenkinsApi.getProjects).toHaveBeenCalledWith(
      expect.objectContaining({
        entity: {
          kind: 'Component',
          namespace: 'default',
          name: 'reading-list',
        },
      }),
    );
  });

  it('says Jenkins is not configured, with the reason, and never calls Jenkins', async () => {
    const jenkinsApi = mockJenkinsApi();
    renderOnEntity(<JenkinsTab />, {
      entity,
      api: mockOpenChoreoApi({
        getCiIntegrations: jest.fn(async () => ({
          integrations: [
            {
              platform: 'jenkins' as const,
              configured: false,
              reason: 'jenkins.apiKey is not set',
            },
          ],
        })),
      }),
      apis: [[jenkinsApiRef, jenkinsApi]],
    });
    expect(
      await screen.findByText(JENKINS_NOT_CONFIGURED_MESSAGE),
    ).toBeInTheDocument();
    expect(screen.getByText('jenkins.apiKey is not set')).toBeInTheDocument();
    expect(jenkinsApi.getProjects).not.toHaveBeenCalled();
  });

  it('treats a portal without any Jenkins integration as not configured', async () => {
    renderOnEntity(<JenkinsTab />, {
      entity,
      api: mockOpenChoreoApi({
        getCiIntegrations: jest.fn(async () => ({ integrations: [] })),
      }),
    });
    expect(
      await screen.findByText(JENKINS_NOT_CONFIGURED_MESSAGE),
    ).toBeInTheDocument();
  });

  it("shows the backend's message when the settings cannot be checked, and retries", async () => {
    const getCiIntegrations = jest
      .fn<Promise<CiIntegrationsResponse>, []>()
      .mockRejectedValueOnce(
        new OpenChoreoRequestError(
          'The OpenChoreo backend is restarting: retry in a few seconds',
          503,
        ),
      )
      .mockResolvedValue(configured);
    renderOnEntity(<JenkinsTab />, {
      entity,
      api: mockOpenChoreoApi({ getCiIntegrations }),
      apis: [[jenkinsApiRef, mockJenkinsApi()]],
    });
    expect(
      await screen.findByText(
        /Could not check the Jenkins settings of this portal/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'The OpenChoreo backend is restarting: retry in a few seconds',
      ),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Projects')).toBeInTheDocument();
    expect(getCiIntegrations).toHaveBeenCalledTimes(2);
  });

  it('contains a failure of the community views instead of breaking the page', async () => {
    const consoleError = jest
      .spyOn(console, 'error')
      .mockImplementation(() => {});
    // Configured, but no Jenkins API in the app: the community view throws while rendering.
    renderOnEntity(<JenkinsTab />, {
      entity,
      api: mockOpenChoreoApi({
        getCiIntegrations: jest.fn(async () => configured),
      }),
    });
    expect(
      await screen.findByText(/Could not show the Jenkins builds/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/No implementation available for apiRef/).length,
    ).toBeGreaterThan(0);
    consoleError.mockRestore();
  });
});
