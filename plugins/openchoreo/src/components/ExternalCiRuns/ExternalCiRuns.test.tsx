import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  ComponentActionsResponse,
  ExternalCiRun,
  ExternalCiRunsPlatform,
  ExternalCiRunsResponse,
  ExternalCiUnavailableReason,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { OpenChoreoRequestError } from '../../api';
import {
  makeEntity,
  mockOpenChoreoApi,
  renderOnEntity,
} from '../../__testUtils__/render';
import { setupUser } from '../../__testUtils__/user';
import { ExternalCiRunsCard } from './ExternalCiRunsCard';
import { ExternalCiRunsTab } from './ExternalCiRunsTab';
import { unavailableTitle } from './platforms';

// Tooltips of MUI take seconds on a loaded machine.
jest.setTimeout(30_000);
const user = setupUser();

const GITHUB_ENTITY = makeEntity({
  'github.com/project-slug': 'openchoreo/sample-workloads',
});
const GITLAB_ENTITY = makeEntity({
  'gitlab.com/project-slug': 'openchoreo-demo/checkout-api',
});
const REPO_URL = 'https://github.example.com/openchoreo/sample-workloads';

const run = (overrides: Partial<ExternalCiRun>): ExternalCiRun => ({
  id: '101',
  number: 17,
  pipeline: 'Build and publish',
  title: 'Add the product grid',
  status: 'succeeded',
  statusText: 'success',
  branch: 'main',
  commit: '3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a',
  event: 'push',
  actor: 'alice-dev',
  startedAt: new Date(Date.now() - 3 * 60_000).toISOString(),
  durationMs: 214_000,
  url: `${REPO_URL}/actions/runs/101`,
  ...overrides,
});

function ok(
  runs: ExternalCiRun[],
  overrides: Partial<Extract<ExternalCiRunsResponse, { state: 'ok' }>> = {},
): ExternalCiRunsResponse {
  return {
    state: 'ok',
    platform: 'github-actions',
    project: {
      slug: 'openchoreo/sample-workloads',
      host: 'github.example.com',
      webUrl: REPO_URL,
    },
    runs,
    page: 1,
    perPage: 5,
    hasNextPage: false,
    canRerun: true,
    ...overrides,
  };
}

function unavailable(
  platform: ExternalCiRunsPlatform,
  reason: ExternalCiUnavailableReason,
  message: string,
  resetAt?: string,
): ExternalCiRunsResponse {
  return { state: 'unavailable', platform, reason, message, resetAt };
}

function renderView(
  element: JSX.Element,
  responses: ExternalCiRunsResponse[] | jest.Mock,
  options: {
    entity?: ReturnType<typeof makeEntity>;
    rerun?: jest.Mock;
    actions?: ComponentActionsResponse;
  } = {},
) {
  const getCiRuns: jest.Mock = Array.isArray(responses)
    ? jest.fn(
        async () =>
          responses[
            Math.min(getCiRuns.mock.calls.length - 1, responses.length - 1)
          ],
      )
    : responses;
  const api = mockOpenChoreoApi({
    getCiRuns,
    ...(options.rerun ? { rerunCiRun: options.rerun } : {}),
    ...(options.actions
      ? { getComponentActions: jest.fn(async () => options.actions!) }
      : {}),
  });
  renderOnEntity(element, { entity: options.entity ?? GITHUB_ENTITY, api });
  return api;
}

describe('ExternalCiRunsCard', () => {
  it('shows the latest GitHub Actions run like every CI, and the runs before it', async () => {
    const api = renderView(<ExternalCiRunsCard platform="github-actions" />, [
      ok([
        run({}),
        run({
          id: '100',
          number: 16,
          status: 'failed',
          statusText: 'failure',
          branch: 'feature/checkout-redesign',
        }),
      ]),
    ]);
    const summary = await screen.findByRole('group', { name: 'Latest build' });
    expect(within(summary).getByTestId('ci-run-status')).toHaveAttribute(
      'data-status',
      'succeeded',
    );
    expect(summary).toHaveTextContent('Build and publish #17');
    expect(summary).toHaveTextContent('main');
    expect(summary).toHaveTextContent('3f2a1b0');
    expect(summary).toHaveTextContent('3m 34s');
    expect(summary).toHaveTextContent('3 minutes ago');
    expect(summary).toHaveTextContent('alice-dev');
    expect(
      within(summary).getByRole('link', { name: /^View in GitHub/ }),
    ).toHaveAttribute('href', `${REPO_URL}/actions/runs/101`);
    expect(
      within(summary).getByRole('link', { name: /^3f2a1b0/ }),
    ).toHaveAttribute(
      'href',
      `${REPO_URL}/commit/3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a`,
    );
    const earlier = screen.getByRole('list', { name: 'Earlier runs' });
    expect(earlier).toHaveTextContent('Build and publish #16');
    expect(earlier).toHaveTextContent('feature/checkout-redesign');
    expect(
      screen.getByRole('link', { name: /^Open in GitHub/ }),
    ).toHaveAttribute('href', REPO_URL);
    expect(api.getCiRuns).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'reading-list' },
      { page: 1, perPage: 5 },
    );
  });

  it('shows GitLab pipelines with GitLab words and links', async () => {
    renderView(
      <ExternalCiRunsCard platform="gitlab-ci" />,
      [
        ok(
          [
            run({
              pipeline: 'Pipeline',
              number: 4,
              status: 'running',
              statusText: 'running',
              url: 'https://gitlab.example.com/openchoreo-demo/checkout-api/-/pipelines/904',
            }),
          ],
          {
            platform: 'gitlab-ci',
            project: {
              slug: 'openchoreo-demo/checkout-api',
              host: 'gitlab.example.com',
              webUrl: 'https://gitlab.example.com/openchoreo-demo/checkout-api',
            },
          },
        ),
      ],
      { entity: GITLAB_ENTITY },
    );
    expect(
      await screen.findByText('Latest GitLab CI pipeline'),
    ).toBeInTheDocument();
    const summary = screen.getByRole('group', { name: 'Latest build' });
    expect(summary).toHaveTextContent('Pipeline #4');
    expect(within(summary).getByTestId('ci-run-status')).toHaveAttribute(
      'data-status',
      'running',
    );
    expect(
      within(summary).getByRole('link', { name: /^3f2a1b0/ }),
    ).toHaveAttribute(
      'href',
      'https://gitlab.example.com/openchoreo-demo/checkout-api/-/commit/3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a',
    );
    // A running pipeline cannot be retried yet.
    expect(
      screen.getByRole('button', { name: 'Re-run Pipeline #4' }),
    ).toBeDisabled();
  });

  it.each<[ExternalCiRunsPlatform, ExternalCiUnavailableReason, string]>([
    ['github-actions', 'not-configured', 'GitHub Actions is not configured'],
    ['github-actions', 'not-found', 'Repository not found'],
    ['github-actions', 'unauthorized', "GitHub refused the portal's token"],
    ['github-actions', 'forbidden', 'No access to the GitHub Actions runs'],
    ['github-actions', 'unreachable', 'GitHub is unreachable'],
    ['gitlab-ci', 'unauthorized', "GitLab refused the portal's token"],
    ['gitlab-ci', 'not-found', 'Project not found'],
  ])(
    '%s %s: says "%s" with the backend message',
    async (platform, reason, title) => {
      const message = `The backend explains ${reason} and what to do.`;
      renderView(
        <ExternalCiRunsCard platform={platform} />,
        [unavailable(platform, reason, message)],
        { entity: platform === 'gitlab-ci' ? GITLAB_ENTITY : GITHUB_ENTITY },
      );
      const alert = (await screen.findByText(title)).closest('[role="alert"]')!;
      expect(unavailableTitle(platform, reason)).toBe(title);
      expect(alert).toHaveTextContent(message);
      expect(alert).toHaveAttribute('data-reason', reason);
      expect(document.body.textContent).not.toMatch(/ghp_|glpat-/);
    },
  );

  it('says when a rate limit resets, and retries', async () => {
    const resetAt = new Date(Date.now() + 30 * 60_000).toISOString();
    const api = renderView(<ExternalCiRunsCard platform="github-actions" />, [
      unavailable(
        'github-actions',
        'rate-limited',
        `GitHub's API rate limit for the portal's token is used up. It resets at ${resetAt}.`,
        resetAt,
      ),
      ok([run({})]),
    ]);
    const alert = (
      await screen.findByText('GitHub rate limit reached')
    ).closest('[role="alert"]') as HTMLElement;
    expect(alert).toHaveTextContent('Resets in 30 minutes');
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('group', { name: 'Latest build' }),
    ).toBeInTheDocument();
    expect(api.getCiRuns).toHaveBeenCalledTimes(2);
  });

  it('re-runs the latest run, and shows the refusal when the token may not', async () => {
    const rerun = jest
      .fn()
      .mockRejectedValueOnce(
        new OpenChoreoRequestError(
          'GitHub did not re-run it: GitHub does not let the portal\'s token do this (403: "Resource not accessible by personal access token").',
          403,
        ),
      )
      .mockResolvedValueOnce({ run: run({ status: 'queued' }) });
    const api = renderView(
      <ExternalCiRunsCard platform="github-actions" />,
      [ok([run({ status: 'failed', statusText: 'failure' })])],
      { rerun },
    );
    const button = await screen.findByRole('button', {
      name: 'Re-run Build and publish #17',
    });
    await userEvent.click(button);
    expect(
      await screen.findByText(
        /Could not re-run Build and publish #17: .*Resource not accessible/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(button);
    expect(
      await screen.findByText('Re-run of Build and publish #17 requested.'),
    ).toBeInTheDocument();
    expect(rerun).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'reading-list' },
      '101',
    );
    await waitFor(() => expect(api.getCiRuns).toHaveBeenCalledTimes(2));
  });

  it("disables Re-run for a viewer whom OpenChoreo refuses, with OpenChoreo's reason", async () => {
    const reason =
      'OpenChoreo does not allow you to start builds of component "reading-list" (viewers may only read). Ask a platform engineer for access.';
    const rerun = jest.fn();
    const api = renderView(
      <ExternalCiRunsCard platform="github-actions" />,
      [ok([run({ status: 'failed', statusText: 'failure' })])],
      {
        rerun,
        actions: {
          build: { allowed: false, decidedBy: 'openchoreo' },
          cancel: { allowed: false, decidedBy: 'openchoreo' },
          editAnnotations: { allowed: false, decidedBy: 'openchoreo' },
          externalCiBuild: { allowed: false, decidedBy: 'openchoreo', reason },
        },
      },
    );
    const button = await screen.findByRole('button', {
      name: 'Re-run Build and publish #17',
    });
    await waitFor(() =>
      expect(api.getComponentActions).toHaveBeenCalledWith({
        namespace: 'default',
        component: 'reading-list',
      }),
    );
    await waitFor(() => expect(button).toBeDisabled());
    await user.hover(button.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(reason);
    await user.click(button);
    expect(rerun).not.toHaveBeenCalled();
  });

  it('enables Re-run for a developer whom OpenChoreo lets build', async () => {
    const rerun = jest.fn(async () => ({ run: run({ status: 'queued' }) }));
    renderView(
      <ExternalCiRunsCard platform="github-actions" />,
      [ok([run({ status: 'failed', statusText: 'failure' })])],
      {
        rerun,
        actions: {
          build: { allowed: false, decidedBy: 'portal' },
          cancel: { allowed: true, decidedBy: 'openchoreo' },
          editAnnotations: { allowed: true, decidedBy: 'openchoreo' },
          externalCiBuild: { allowed: true, decidedBy: 'openchoreo' },
        },
      },
    );
    const button = await screen.findByRole('button', {
      name: 'Re-run Build and publish #17',
    });
    await waitFor(() => expect(button).toBeEnabled());
    await user.click(button);
    expect(
      await screen.findByText('Re-run of Build and publish #17 requested.'),
    ).toBeInTheDocument();
    expect(rerun).toHaveBeenCalledTimes(1);
  });

  it.each([
    [
      403,
      'OpenChoreo does not allow you to see component "reading-list".',
      'You may not see the GitHub Actions runs',
    ],
    [404, 'Component "reading-list" was not found.', 'Could not see'],
  ])(
    "shows an outsider's refusal (%s) like every card, never runs nor a spinner",
    async (status, message, title) => {
      renderView(
        <ExternalCiRunsCard platform="github-actions" />,
        jest.fn(async () => {
          throw new OpenChoreoRequestError(message, status);
        }),
      );
      const alert = (await screen.findByText(new RegExp(`^${title}`))).closest(
        '[role="alert"]',
      )!;
      expect(alert).toHaveTextContent(message);
      expect(screen.queryByRole('progressbar')).toBeNull();
      expect(screen.queryByRole('group', { name: 'Latest build' })).toBeNull();
      expect(screen.queryByRole('button', { name: /^Re-run/ })).toBeNull();
      expect(screen.queryByRole('link', { name: /^Open in/ })).toBeNull();
    },
  );

  it('offers no re-run when the token may only read', async () => {
    renderView(<ExternalCiRunsCard platform="github-actions" />, [
      ok([run({ status: 'failed' })], { canRerun: false }),
    ]);
    await screen.findByRole('group', { name: 'Latest build' });
    expect(screen.queryByRole('button', { name: /^Re-run/ })).toBeNull();
  });

  it('looks again while a run is in progress, until it finishes', async () => {
    jest.useFakeTimers();
    try {
      const api = renderView(
        <ExternalCiRunsCard
          platform="github-actions"
          pollIntervalMs={30_000}
        />,
        [
          ok([run({ status: 'running', statusText: 'in_progress' })]),
          ok([run({ status: 'succeeded' })]),
        ],
      );
      await waitFor(() =>
        expect(screen.getByTestId('ci-run-status')).toHaveAttribute(
          'data-status',
          'running',
        ),
      );
      expect(api.getCiRuns).toHaveBeenCalledTimes(1);
      await act(async () => {
        jest.advanceTimersByTime(30_000);
      });
      await waitFor(() =>
        expect(screen.getByTestId('ci-run-status')).toHaveAttribute(
          'data-status',
          'succeeded',
        ),
      );
      // Finished: no more looks, however long the page stays open.
      await act(async () => {
        jest.advanceTimersByTime(10 * 30_000);
      });
      expect(api.getCiRuns).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows an empty repository as "no runs yet"', async () => {
    renderView(<ExternalCiRunsCard platform="github-actions" />, [ok([])]);
    expect(
      await screen.findByText(/No runs yet in openchoreo\/sample-workloads/),
    ).toBeInTheDocument();
  });
});

describe('ExternalCiRunsTab', () => {
  it('lists the run history with status, workflow, branch, commit, duration, when and link, and pages', async () => {
    const api = renderView(<ExternalCiRunsTab platform="github-actions" />, [
      ok(
        [
          run({}),
          run({
            id: '100',
            number: 16,
            status: 'failed',
            statusText: 'failure',
            branch: 'feature/x',
            durationMs: 97_000,
          }),
        ],
        { hasNextPage: true, perPage: 20 },
      ),
      ok([run({ id: '50', number: 1 })], { page: 2, perPage: 20 }),
    ]);
    expect(
      await screen.findByText(
        'GitHub Actions runs of openchoreo/sample-workloads',
      ),
    ).toBeInTheDocument();
    const failed = screen
      .getByRole('link', { name: /^Build and publish #16/ })
      .closest('tr')!;
    expect(within(failed).getByTestId('ci-run-status')).toHaveAttribute(
      'data-status',
      'failed',
    );
    // GitHub's "failure" says nothing more than "Failed".
    expect(within(failed).getByTestId('ci-run-status')).toHaveTextContent(
      /^Failed$/,
    );
    expect(failed).toHaveTextContent('feature/x');
    expect(failed).toHaveTextContent('3f2a1b0');
    expect(failed).toHaveTextContent('1m 37s');
    expect(
      within(failed).getByRole('button', {
        name: 'Re-run Build and publish #16',
      }),
    ).toBeEnabled();

    await userEvent.click(screen.getByRole('button', { name: 'Older' }));
    expect(
      await screen.findByRole('link', { name: /^Build and publish #1\b/ }),
    ).toBeInTheDocument();
    expect(api.getCiRuns).toHaveBeenLastCalledWith(expect.anything(), {
      page: 2,
      perPage: 20,
    });
    expect(screen.getByText('Page 2')).toBeInTheDocument();
  });

  it('says why the runs cannot be shown', async () => {
    renderView(
      <ExternalCiRunsTab platform="gitlab-ci" />,
      [
        unavailable(
          'gitlab-ci',
          'unauthorized',
          'GitLab refused the token (401).',
        ),
      ],
      { entity: GITLAB_ENTITY },
    );
    expect(
      await screen.findByText("GitLab refused the portal's token"),
    ).toBeInTheDocument();
    expect(
      screen.getByText('GitLab refused the token (401).'),
    ).toBeInTheDocument();
  });

  it("shows an outsider's refusal like every card, never runs", async () => {
    renderView(
      <ExternalCiRunsTab platform="github-actions" />,
      jest.fn(async () => {
        throw new OpenChoreoRequestError(
          'OpenChoreo does not allow you to see component "reading-list".',
          403,
        );
      }),
    );
    expect(
      await screen.findByText('You may not see the GitHub Actions runs'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('disables Re-run in the history for a viewer, with the reason', async () => {
    const reason = 'Viewers may only read.';
    renderView(
      <ExternalCiRunsTab platform="github-actions" />,
      [ok([run({})], { perPage: 20 })],
      {
        actions: {
          build: { allowed: false },
          cancel: { allowed: false },
          editAnnotations: { allowed: false },
          externalCiBuild: { allowed: false, reason },
        },
      },
    );
    const button = await screen.findByRole('button', {
      name: 'Re-run Build and publish #17',
    });
    await waitFor(() => expect(button).toBeDisabled());
    await user.hover(button.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(reason);
  });

  it('explains a missing re-run column when the token may only read', async () => {
    renderView(<ExternalCiRunsTab platform="github-actions" />, [
      ok([run({})], { canRerun: false }),
    ]);
    expect(
      await screen.findByText(/Re-run is not offered/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Re-run/ })).toBeNull();
  });
});
