import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  jenkinsApiRef,
  type JenkinsApi,
} from '@backstage-community/plugin-jenkins';
import type { CiIntegrationsResponse } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  makeEntity,
  mockOpenChoreoApi,
  renderOnEntity,
} from '../../__testUtils__/render';
import { JenkinsBuildCard } from './JenkinsBuildCard';
import {
  JENKINS_NOT_CONFIGURED_MESSAGE,
  JENKINS_STATE_TITLES,
} from './JenkinsJobStatePanel';

const JOB = 'demo-project/inventory-api';
const JENKINS = 'http://jenkins.test:8080';
const configured: CiIntegrationsResponse = {
  integrations: [{ platform: 'jenkins', configured: true, baseUrl: JENKINS }],
};

/** What the community Jenkins backend answers with 500: Jenkins' own error in the message. */
function backendError(message: string) {
  return Object.assign(
    new Error('Request failed with 500 Internal Server Error'),
    {
      name: 'ResponseError',
      statusCode: 500,
      body: { error: { name: 'Error', message } },
    },
  );
}

function project(lastBuild: Record<string, unknown> | null) {
  return {
    fullName: JOB,
    displayName: 'inventory-api',
    fullDisplayName: 'demo-project » inventory-api',
    inQueue: 'false',
    status: lastBuild ? 'SUCCESS' : 'build not found',
    lastBuild,
    onRestartClick: jest.fn(),
  };
}

const BUILD_42 = {
  number: 42,
  url: `${JENKINS}/job/demo-project/job/inventory-api/42/`,
  building: false,
  result: 'SUCCESS',
  status: 'SUCCESS',
  timestamp: Date.now() - 3 * 60_000,
  duration: 125_000,
  fullDisplayName: 'demo-project » inventory-api #42',
  displayName: '#42',
  source: {
    branchName: 'refs/remotes/origin/main',
    commit: { hash: 'abc1234d' },
  },
  tests: { passed: 45, failed: 0, skipped: 1, total: 46, testUrl: '' },
};

function jenkinsMock(
  overrides: Partial<Record<keyof JenkinsApi, jest.Mock>> = {},
) {
  return {
    getProjects: jest.fn(async () => [project(BUILD_42)]),
    getBuild: jest.fn(),
    getJobBuilds: jest.fn(async () => ({ fullName: JOB, builds: [] })),
    retry: jest.fn(async () => undefined),
    getBuildConsoleText: jest.fn(),
    ...overrides,
  } as unknown as jest.Mocked<JenkinsApi>;
}

function renderCard(
  jenkins: JenkinsApi,
  options: {
    job?: string;
    integrations?: CiIntegrationsResponse;
    timeoutMs?: number;
    pollIntervalMs?: number;
    externalCiBuild?: { allowed: boolean; reason?: string };
  } = {},
) {
  const api = mockOpenChoreoApi({
    getCiIntegrations: jest.fn(async () => options.integrations ?? configured),
  });
  if (options.externalCiBuild) {
    api.getComponentActions.mockResolvedValue({
      build: { allowed: true },
      cancel: { allowed: true },
      editAnnotations: { allowed: true },
      externalCiBuild: { ...options.externalCiBuild, decidedBy: 'openchoreo' },
    });
  }
  return renderOnEntity(
    <JenkinsBuildCard
      timeoutMs={options.timeoutMs}
      pollIntervalMs={options.pollIntervalMs}
    />,
    {
      entity: makeEntity({ 'jenkins.io/job-full-name': options.job ?? JOB }),
      api,
      apis: [[jenkinsApiRef, jenkins]],
    },
  );
}

const alertTitled = async (title: string) =>
  (await screen.findByText(title)).closest('[role="alert"]') as HTMLElement;

describe('JenkinsBuildCard', () => {
  it('shows the latest build: status, number, branch, commit, duration, when and link', async () => {
    renderCard(jenkinsMock());
    const summary = await screen.findByRole('group', { name: 'Latest build' });
    expect(within(summary).getByTestId('ci-run-status')).toHaveAttribute(
      'data-status',
      'succeeded',
    );
    expect(summary).toHaveTextContent(`${JOB} #42`);
    expect(summary).toHaveTextContent('main');
    expect(summary).toHaveTextContent('abc1234');
    expect(summary).toHaveTextContent('2m 5s');
    expect(summary).toHaveTextContent('3 minutes ago');
    expect(summary).toHaveTextContent('45 of 46 passed');
    expect(
      within(summary).getByRole('link', { name: /^View in Jenkins/ }),
    ).toHaveAttribute('href', BUILD_42.url);
  });

  it('says Jenkins is not configured and never calls Jenkins', async () => {
    const jenkins = jenkinsMock();
    renderCard(jenkins, {
      integrations: {
        integrations: [
          {
            platform: 'jenkins',
            configured: false,
            reason: 'jenkins.apiKey is empty or a placeholder',
          },
        ],
      },
    });
    const alert = await alertTitled(JENKINS_STATE_TITLES['not-configured']);
    expect(alert).toHaveTextContent(JENKINS_NOT_CONFIGURED_MESSAGE);
    expect(alert).toHaveTextContent('jenkins.apiKey is empty or a placeholder');
    expect(jenkins.getProjects).not.toHaveBeenCalled();
  });

  it("refuses the seed's /job/... form with the value to use", async () => {
    const jenkins = jenkinsMock();
    renderCard(jenkins, { job: '/job/demo-project/job/inventory-api' });
    const alert = await alertTitled(JENKINS_STATE_TITLES['invalid-annotation']);
    expect(alert).toHaveTextContent('use "demo-project/inventory-api"');
    expect(alert).toHaveTextContent('Edit Annotations');
    expect(jenkins.getProjects).not.toHaveBeenCalled();
  });

  it('names the job, the Jenkins URL and the full-name form when the job does not exist', async () => {
    renderCard(
      jenkinsMock({
        getProjects: jest.fn(async () => {
          throw backendError(
            `Jenkins API error 404 GET ${JENKINS}/job/demo-project/job/inventory-api/api/json?tree=jobs%5Bx%5D: <h2>HTTP ERROR 404 Not Found</h2>`,
          );
        }),
      }),
    );
    const alert = await alertTitled(JENKINS_STATE_TITLES['job-not-found']);
    expect(alert).toHaveTextContent(
      `Jenkins at ${JENKINS} has no job "${JOB}"`,
    );
    expect(alert).toHaveTextContent('"my-folder/my-service"');
    expect(
      within(alert).getByRole('link', { name: /^Open Jenkins/ }),
    ).toHaveAttribute('href', JENKINS);
  });

  it('says "no builds yet" without a progress bar, and shows the first build when it starts', async () => {
    let builds = 0;
    const jenkins = jenkinsMock({
      getProjects: jest.fn(async () => [
        project(
          builds > 0
            ? { ...BUILD_42, number: 1, building: true, result: null }
            : null,
        ),
      ]),
    });
    renderCard(jenkins, { pollIntervalMs: 50 });
    const alert = await alertTitled(JENKINS_STATE_TITLES['no-builds']);
    expect(alert).toHaveTextContent(`Jenkins job "${JOB}" has no builds yet`);
    expect(
      within(alert).getByRole('link', { name: /^Open the job in Jenkins/ }),
    ).toHaveAttribute('href', `${JENKINS}/job/demo-project/job/inventory-api/`);
    expect(screen.queryByRole('progressbar')).toBeNull();

    act(() => {
      builds = 1;
    });
    const summary = await screen.findByRole('group', { name: 'Latest build' });
    expect(summary).toHaveTextContent(`${JOB} #1`);
    expect(within(summary).getByTestId('ci-run-status')).toHaveAttribute(
      'data-status',
      'running',
    );
  });

  it('recognises the 500 the community backend answers for a job without builds', async () => {
    const jenkins = jenkinsMock({
      getProjects: jest.fn(async () => {
        throw backendError(
          "Cannot read properties of null (reading 'timestamp')",
        );
      }),
      getJobBuilds: jest.fn(async () => ({ fullName: JOB, builds: [] })),
    });
    renderCard(jenkins);
    expect(
      await screen.findByText(JENKINS_STATE_TITLES['no-builds']),
    ).toBeInTheDocument();
    expect(jenkins.getJobBuilds).toHaveBeenCalledWith(
      expect.objectContaining({ jobFullName: JOB }),
    );
  });

  it('says Jenkins refused the credentials', async () => {
    renderCard(
      jenkinsMock({
        getProjects: jest.fn(async () => {
          throw backendError(
            `Jenkins API error 401 GET ${JENKINS}/job/x/api/json?tree=y: <html><body><h2>HTTP ERROR 401 Invalid password/token for user: admin</h2></body></html>`,
          );
        }),
      }),
    );
    const alert = await alertTitled(JENKINS_STATE_TITLES.refused);
    expect(alert).toHaveTextContent('Invalid password/token for user: admin');
    expect(alert).toHaveTextContent('jenkins-api-key');
  });

  it('says Jenkins is unreachable, and retries on request', async () => {
    const jenkins = jenkinsMock({
      getProjects: jest.fn(async () => {
        throw backendError(
          `request to ${JENKINS}/job/x/api/json?tree=y failed, reason: connect ECONNREFUSED 10.0.0.9:8080`,
        );
      }),
    });
    renderCard(jenkins);
    const alert = await alertTitled(JENKINS_STATE_TITLES.unreachable);
    expect(alert).toHaveTextContent(`could not reach Jenkins at ${JENKINS}`);
    expect(alert).toHaveTextContent('ECONNREFUSED');
    const calls = jenkins.getProjects.mock.calls.length;
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(jenkins.getProjects.mock.calls.length).toBeGreaterThan(calls),
    );
  });

  it('gives up waiting after the time-out instead of loading forever', async () => {
    renderCard(
      jenkinsMock({ getProjects: jest.fn(() => new Promise<never>(() => {})) }),
      { timeoutMs: 900 },
    );
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    const alert = await alertTitled(JENKINS_STATE_TITLES.timeout);
    expect(alert).toHaveTextContent('No answer within 1 s');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('reports a rebuild only when Jenkins started one, and the refusal otherwise', async () => {
    const jenkins = jenkinsMock({
      retry: jest
        .fn()
        .mockRejectedValueOnce(
          new Error(
            `Jenkins did not start a new build of ${JOB} after the rebuild of #42`,
          ),
        )
        .mockResolvedValueOnce(undefined),
    });
    renderCard(jenkins);
    const button = await screen.findByRole('button', { name: 'Rebuild #42' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    expect(
      await screen.findByText(
        /Rebuild failed: Jenkins did not start a new build/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Rebuild #42' }));
    expect(
      await screen.findByText(`Jenkins started a new build of ${JOB}.`),
    ).toBeInTheDocument();
    expect(jenkins.retry).toHaveBeenCalledWith(
      expect.objectContaining({ jobFullName: JOB, buildNumber: '42' }),
    );
  });

  it('disables Rebuild up front with the reason when the person may not start builds of the component', async () => {
    const reason =
      'OpenChoreo does not allow you to start builds in namespace "default". Ask a platform engineer for access.';
    const jenkins = jenkinsMock();
    renderCard(jenkins, { externalCiBuild: { allowed: false, reason } });
    expect(await screen.findByText(reason)).toBeInTheDocument();
    const button = screen.getByRole('button', { name: 'Rebuild #42' });
    expect(button).toBeDisabled();
    await userEvent.click(button).catch(() => undefined);
    expect(jenkins.retry).not.toHaveBeenCalled();
  });
});
