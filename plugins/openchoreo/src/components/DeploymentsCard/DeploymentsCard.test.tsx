import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  ComponentDeploymentsResponse,
  EnvironmentDeployment,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { OpenChoreoRequestError } from '../../api';
import {
  makeEntity,
  mockOpenChoreoApi,
  renderOnEntity,
} from '../../__testUtils__/render';
import { DeploymentsCard } from './DeploymentsCard';

const IMAGE = 'registry.local/reading-list:v2';
const RELEASE = {
  name: 'reading-list-6ffd90d4ae',
  image: IMAGE,
  current: true,
};

const env = (
  environment: string,
  displayName: string,
  deployment: Partial<EnvironmentDeployment> = {},
): EnvironmentDeployment => ({
  environment,
  displayName,
  isProduction: environment === 'production',
  state: 'not-deployed',
  message: `Not promoted here yet: releases reach ${environment} by promotion.`,
  ...deployment,
});

function response(
  development: Partial<EnvironmentDeployment>,
  rest: Partial<ComponentDeploymentsResponse> = {},
): ComponentDeploymentsResponse {
  return {
    namespace: 'default',
    component: 'reading-list',
    project: 'library',
    pipeline: { name: 'default', displayName: 'Default Pipeline' },
    autoDeploy: true,
    environments: [
      env('development', 'Development', development),
      env('staging', 'Staging'),
      env('production', 'Production'),
    ],
    latestBuild: {
      state: 'deployed',
      image: IMAGE,
      release: RELEASE.name,
      environment: 'development',
      message: `The latest build is ready in Development (release ${RELEASE.name}).`,
    },
    ...rest,
  };
}

const READY = response({
  state: 'ready',
  binding: 'reading-list-development',
  release: RELEASE,
  reason: 'Ready',
  message: `ComponentRelease "${RELEASE.name}" is ready in environment "development"`,
  endpoints: [
    { name: 'http', url: 'http://reading-list-development.localhost:19080/' },
  ],
});

const PROGRESSING = response(
  {
    state: 'progressing',
    binding: 'reading-list-development',
    release: RELEASE,
    reason: 'ResourcesProgressing',
    message: `Rolling out ComponentRelease "${RELEASE.name}" to environment "development"`,
  },
  {
    latestBuild: {
      state: 'deploying',
      image: IMAGE,
      release: RELEASE.name,
      environment: 'development',
      message: `The latest build is rolling out to Development (release ${RELEASE.name}).`,
    },
  },
);

const render = (getDeployments: jest.Mock) =>
  renderOnEntity(<DeploymentsCard />, {
    entity: makeEntity({ 'jenkins.io/job-full-name': 'library/reading-list' }),
    api: mockOpenChoreoApi({ getDeployments }),
  });

const states = () =>
  screen
    .getAllByTestId('deployment-state')
    .map(label => label.getAttribute('data-state'));

describe('DeploymentsCard', () => {
  it('shows the latest build ready in the first environment and every environment in pipeline order', async () => {
    const getDeployments = jest.fn(async () => READY);
    render(getDeployments);

    const latest = await screen.findByTestId('latest-build-deployment');
    expect(latest).toHaveTextContent('Latest build Deployed');
    expect(latest).toHaveTextContent(IMAGE);
    expect(latest).toHaveTextContent(
      `The latest build is ready in Development (release ${RELEASE.name}).`,
    );
    const table = screen.getByRole('table', {
      name: 'deployments by environment',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(row => row.getAttribute('data-testid'))).toEqual([
      'environment-development',
      'environment-staging',
      'environment-production',
    ]);
    expect(rows[0]).toHaveTextContent('Development');
    expect(rows[0]).toHaveTextContent('Ready');
    expect(rows[0]).toHaveTextContent(RELEASE.name);
    expect(rows[0]).toHaveTextContent('v2 (latest build)');
    expect(
      within(rows[0]).getByRole('link', { name: /http:/ }),
    ).toHaveAttribute(
      'href',
      'http://reading-list-development.localhost:19080/',
    );
    expect(rows[2]).toHaveTextContent('Productionproduction');
    expect(rows[2]).toHaveTextContent('Not deployed');
    expect(states()).toEqual([
      'deployed',
      'ready',
      'not-deployed',
      'not-deployed',
    ]);
    expect(
      screen.getByText('Deployment pipeline Default Pipeline'),
    ).toBeInTheDocument();
    expect(getDeployments).toHaveBeenCalledWith({
      namespace: 'default',
      component: 'reading-list',
    });
  });

  it('polls while the rollout is in progress and stops once it is ready', async () => {
    jest.useFakeTimers();
    try {
      const getDeployments = jest
        .fn()
        .mockResolvedValueOnce(PROGRESSING)
        .mockResolvedValueOnce(PROGRESSING)
        .mockResolvedValue(READY);
      render(getDeployments);
      expect(
        await screen.findByText(/is rolling out to Development/),
      ).toBeInTheDocument();
      expect(states().slice(0, 2)).toEqual(['deploying', 'progressing']);

      await act(async () => {
        await jest.advanceTimersByTimeAsync(5_000);
      });
      expect(getDeployments).toHaveBeenCalledTimes(2);
      await act(async () => {
        await jest.advanceTimersByTimeAsync(5_000);
      });
      expect(
        await screen.findByText(/The latest build is ready in Development/),
      ).toBeInTheDocument();
      expect(getDeployments).toHaveBeenCalledTimes(3);
      // Ready: nothing changes by itself any more, so no more reads.
      await act(async () => {
        await jest.advanceTimersByTimeAsync(60_000);
      });
      expect(getDeployments).toHaveBeenCalledTimes(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('looks again while the component has no workload, slower after two quiet minutes, until the first publish shows', async () => {
    const NO_WORKLOAD = response(
      {
        message:
          'Nothing deployed yet: OpenChoreo binds a release here when the component has one.',
      },
      {
        latestBuild: {
          state: 'no-workload',
          message:
            'No workload yet: nothing to deploy until a build publishes one.',
        },
      },
    );
    jest.useFakeTimers();
    try {
      let published = false;
      const getDeployments = jest.fn(async () =>
        published ? PROGRESSING : NO_WORKLOAD,
      );
      render(getDeployments);
      expect(await screen.findByText(/No workload yet/)).toBeInTheDocument();
      expect(states()[0]).toBe('no-workload');

      // Every 5 s at first...
      await act(async () => {
        await jest.advanceTimersByTimeAsync(5_000);
      });
      expect(getDeployments).toHaveBeenCalledTimes(2);
      // ...then, after two minutes without change, once a minute.
      await act(async () => {
        await jest.advanceTimersByTimeAsync(2 * 60_000);
      });
      const calls = getDeployments.mock.calls.length;
      expect(calls).toBeGreaterThanOrEqual(24);
      await act(async () => {
        await jest.advanceTimersByTimeAsync(30_000);
      });
      expect(getDeployments).toHaveBeenCalledTimes(calls);

      published = true;
      await act(async () => {
        await jest.advanceTimersByTimeAsync(30_000);
      });
      expect(
        await screen.findByText(/is rolling out to Development/),
      ).toBeInTheDocument();
      expect(states().slice(0, 2)).toEqual(['deploying', 'progressing']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows a failed rollout with its reason and what to do', async () => {
    render(
      jest.fn(async () =>
        response(
          {
            state: 'failed',
            binding: 'reading-list-development',
            release: RELEASE,
            reason: 'ResourcesDegraded',
            message: 'Back-off pulling image "registry.local/reading-list:v2"',
          },
          {
            latestBuild: {
              state: 'failed',
              image: IMAGE,
              release: RELEASE.name,
              environment: 'development',
              message:
                'The latest build failed to deploy to Development: ResourcesDegraded: Back-off pulling image "registry.local/reading-list:v2". Fix the cause and publish again.',
            },
          },
        ),
      ),
    );
    const row = await screen.findByTestId('environment-development');
    expect(row).toHaveTextContent('Failed');
    expect(row).toHaveTextContent(
      'ResourcesDegraded: Back-off pulling image "registry.local/reading-list:v2"',
    );
    expect(screen.getByTestId('latest-build-deployment')).toHaveTextContent(
      'Fix the cause and publish again.',
    );
  });

  it('says the latest build has not reached the first environment while an older release runs there', async () => {
    render(
      jest.fn(async () =>
        response(
          {
            state: 'ready',
            release: {
              name: 'reading-list-0ld',
              image: 'registry.local/reading-list:v1',
              current: false,
            },
            message: 'ready',
          },
          {
            autoDeploy: false,
            latestBuild: {
              state: 'not-deployed',
              image: IMAGE,
              environment: 'development',
              message:
                'autoDeploy is off for this component: OpenChoreo does not release new workloads by itself. Deploy the latest build to Development from OpenChoreo, or turn autoDeploy on.',
            },
          },
        ),
      ),
    );
    const latest = await screen.findByTestId('latest-build-deployment');
    expect(latest).toHaveTextContent('Latest build Not deployed');
    expect(latest).toHaveTextContent(/^.*autoDeploy is off for this component/);
    const row = screen.getByTestId('environment-development');
    expect(row).toHaveTextContent('reading-list-0ld');
    expect(row).toHaveTextContent('v1');
    expect(row).not.toHaveTextContent('latest build');
    expect(
      screen.getByText('Deployment pipeline Default Pipeline (autoDeploy off)'),
    ).toBeInTheDocument();
  });

  it('shows a component without a workload, and a pipeline problem instead of the table', async () => {
    render(
      jest.fn(async () => ({
        ...response({}),
        pipeline: undefined,
        environments: [],
        latestBuild: {
          state: 'no-workload' as const,
          message:
            'No workload yet: nothing to deploy until a build publishes one.',
        },
        problem:
          'The deployment pipeline "default" of project "library" does not exist: ask a platform engineer to create it or to point the project at another one.',
      })),
    );
    expect(
      await screen.findByText(
        'No workload yet: nothing to deploy until a build publishes one.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/ask a platform engineer to create it/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the release pull request a GitOps-mode component waits for', async () => {
    render(
      jest.fn(async () =>
        response(READY.environments[0], {
          gitops: {
            state: 'pending',
            platform: 'github',
            repository: {
              host: 'github.com',
              slug: 'acme/gitops',
              webUrl: 'https://github.com/acme/gitops',
            },
            pullRequest: {
              number: 17,
              title:
                'Publish reading-list image registry.local/reading-list:v3',
              url: 'https://github.com/acme/gitops/pull/17',
              branch: 'release/reading-list-20260504-102030',
              base: 'main',
            },
            others: 1,
          },
        }),
      ),
    );
    const notice = await screen.findByTestId('gitops-release');
    expect(notice).toHaveTextContent(
      'Release pull request #17 waiting to be merged',
    );
    expect(
      within(notice).getByRole('link', {
        name: /Publish reading-list image registry.local\/reading-list:v3/,
      }),
    ).toHaveAttribute('href', 'https://github.com/acme/gitops/pull/17');
    expect(notice).toHaveTextContent(
      'from release/reading-list-20260504-102030 into main in acme/gitops',
    );
    expect(notice).toHaveTextContent(
      '1 older release pull request is open too.',
    );
  });

  const GITLAB_REPOSITORY = {
    host: 'gitlab.example.com',
    slug: 'platform/gitops',
    webUrl: 'https://gitlab.example.com/platform/gitops',
  };

  it('says when no release merge request is open', async () => {
    render(
      jest.fn(async () =>
        response(READY.environments[0], {
          gitops: {
            state: 'none',
            platform: 'gitlab',
            repository: GITLAB_REPOSITORY,
          },
        }),
      ),
    );
    expect(await screen.findByTestId('gitops-release')).toHaveTextContent(
      'No release merge request is open in the GitOps repository platform/gitops',
    );
  });

  it('says why the portal cannot tell whether a release pull request is open', async () => {
    render(
      jest.fn(async () =>
        response(READY.environments[0], {
          gitops: {
            state: 'unavailable',
            reason: 'not-configured',
            repository: GITLAB_REPOSITORY,
            message:
              'No GitHub or GitLab integration of this portal serves gitlab.example.com.',
          },
        }),
      ),
    );
    const notice = await screen.findByTestId('gitops-release');
    expect(notice).toHaveTextContent('Release pull request unknown');
    expect(notice).toHaveTextContent(
      'No GitHub or GitLab integration of this portal serves gitlab.example.com.',
    );
  });

  it('shows what failed with Retry, and loads again on Retry', async () => {
    const getDeployments = jest
      .fn()
      .mockRejectedValueOnce(
        new OpenChoreoRequestError('OpenChoreo is unavailable', 503),
      )
      .mockResolvedValue(READY);
    render(getDeployments);
    expect(
      await screen.findByText(
        'Could not load the deployments: OpenChoreo is unavailable',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByTestId('latest-build-deployment'),
    ).toHaveTextContent('Deployed');
  });

  it('says what was refused when OpenChoreo refuses to show the deployments', async () => {
    render(
      jest.fn(async () => {
        throw new OpenChoreoRequestError(
          'You may not view the release bindings of default/reading-list',
          403,
        );
      }),
    );
    expect(
      await screen.findByText('You may not load the deployments'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'You may not view the release bindings of default/reading-list',
      ),
    ).toBeInTheDocument();
  });
});
