import { screen } from '@testing-library/react';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  jenkinsApiRef,
  jenkinsPlugin,
  type JenkinsApi,
} from '@backstage-community/plugin-jenkins';
import type { CiIntegrationsResponse } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  openchoreoApiRef,
  OpenChoreoRequestError,
  type OpenChoreoApi,
} from '../../api';
import {
  makeEntity,
  mockJenkinsApi,
  mockOpenChoreoApi,
  renderOnEntity,
} from '../../__testUtils__/render';
import { setupUser } from '../../__testUtils__/user';
import { JENKINS_NOT_CONFIGURED_MESSAGE } from '../JenkinsGate';
import { JENKINS_STATE_TITLES } from '../JenkinsBuildCard';
import { JenkinsTab } from './JenkinsTab';

const user = setupUser();

const entity = makeEntity({
  'jenkins.io/job-full-name': 'library/reading-list',
});

const configured: CiIntegrationsResponse = {
  integrations: [
    { platform: 'jenkins', configured: true, baseUrl: 'http://jenkins.test' },
  ],
};

/**
 * The tab where the app mounts it: the community views link to their sub-routes (a build, a
 * job's runs), which resolve under the mounted Jenkins content route.
 */
function renderMountedTab(api: OpenChoreoApi, jenkinsApi: JenkinsApi) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <JenkinsTab />
    </EntityProvider>,
    {
      mountedRoutes: {
        '/catalog/default/component/reading-list/jenkins':
          convertLegacyRouteRef(jenkinsPlugin.routes.entityContent),
      },
      apis: [
        [openchoreoApiRef, api],
        [jenkinsApiRef, jenkinsApi],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
    },
  );
}

/** A job with one finished build, as the community backend lists it. */
function builtJob() {
  const jenkinsApi = mockJenkinsApi();
  jenkinsApi.getProjects.mockResolvedValue([
    {
      fullName: 'library/reading-list',
      displayName: 'reading-list',
      fullDisplayName: 'library » reading-list',
      inQueue: 'false',
      status: 'SUCCESS',
      lastBuild: {
        number: 7,
        url: 'http://jenkins.test/job/library/job/reading-list/7/',
        building: false,
        result: 'SUCCESS',
        status: 'SUCCESS',
        timestamp: Date.now() - 60_000,
        duration: 42_000,
        fullDisplayName: 'library » reading-list #7',
        displayName: '#7',
        tests: { passed: 1, failed: 0, skipped: 0, total: 1, testUrl: '' },
      },
      onRestartClick: jest.fn(),
    },
  ]);
  return jenkinsApi;
}

describe('JenkinsTab', () => {
  it("shows the job's builds through the community Jenkins views once the job has builds", async () => {
    const jenkinsApi = builtJob();
    renderMountedTab(
      mockOpenChoreoApi({
        getCiIntegrations: jest.fn(async () => configured),
      }),
      jenkinsApi,
    );
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

  it('says "no builds yet" for a job that was never built, instead of an empty table', async () => {
    renderOnEntity(<JenkinsTab />, {
      entity,
      api: mockOpenChoreoApi({
        getCiIntegrations: jest.fn(async () => configured),
      }),
      apis: [[jenkinsApiRef, mockJenkinsApi()]],
    });
    expect(
      await screen.findByText(JENKINS_STATE_TITLES['no-builds']),
    ).toBeInTheDocument();
    expect(screen.queryByText('Projects')).toBeNull();
    expect(screen.queryByText('No records to display')).toBeNull();
  });

  it('names the job and the Jenkins URL when the job does not exist', async () => {
    const jenkinsApi = mockJenkinsApi();
    jenkinsApi.getProjects.mockRejectedValue(
      Object.assign(new Error('Request failed with 500'), {
        statusCode: 500,
        body: {
          error: {
            message:
              'Jenkins API error 404 GET http://jenkins.test/job/library/job/reading-list/api/json?tree=x: <h2>HTTP ERROR 404 Not Found</h2>',
          },
        },
      }),
    );
    renderOnEntity(<JenkinsTab />, {
      entity,
      api: mockOpenChoreoApi({
        getCiIntegrations: jest.fn(async () => configured),
      }),
      apis: [[jenkinsApiRef, jenkinsApi]],
    });
    expect(
      await screen.findByText(JENKINS_STATE_TITLES['job-not-found']),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Jenkins at http:\/\/jenkins.test has no job "library\/reading-list"/,
      ),
    ).toBeInTheDocument();
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
    expect(screen.getByText('(jenkins.apiKey is not set)')).toBeInTheDocument();
    expect(jenkinsApi.getProjects).not.toHaveBeenCalled();
  });

  it('treats a portal without any Jenkins integration as not configured', async () => {
    renderOnEntity(<JenkinsTab />, {
      entity,
      api: mockOpenChoreoApi({
        getCiIntegrations: jest.fn(async () => ({ integrations: [] })),
      }),
      apis: [[jenkinsApiRef, mockJenkinsApi()]],
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
    renderMountedTab(mockOpenChoreoApi({ getCiIntegrations }), builtJob());
    expect(
      await screen.findByText(
        /Could not read the portal's Jenkins settings: The OpenChoreo backend is restarting: retry in a few seconds/,
      ),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Projects')).toBeInTheDocument();
    expect(getCiIntegrations).toHaveBeenCalledTimes(2);
  });
});
