import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPipelineSnippet } from '@openchoreo-ci/plugin-openchoreo-common';
import { OpenChoreoRequestError } from '../../api';
import {
  makeEntity,
  mockOpenChoreoApi,
  renderOnEntity,
} from '../../__testUtils__/render';
import { parseImage, WorkloadCard } from './WorkloadCard';

/** The text a reader sees: without the links' screen-reader-only "Opens in a new window". */
const visibleText = (element: HTMLElement) =>
  (element.textContent ?? '').replace(/, Opens in a new window/g, '');

describe('WorkloadCard', () => {
  it('shows the publish step for an External CI component without a workload, from the one snippet renderer', async () => {
    const api = mockOpenChoreoApi({
      getWorkload: jest.fn(async () => {
        throw new OpenChoreoRequestError('Workload not found', 404);
      }),
    });
    renderOnEntity(<WorkloadCard />, {
      entity: makeEntity({
        'jenkins.io/job-full-name': 'library/reading-list',
      }),
      api,
    });
    expect(
      await screen.findByText(/has not published a workload/),
    ).toBeInTheDocument();
    const snippet = await screen.findByTestId('publish-snippet');
    // The Jenkins stage first (the component's CI), exactly as the common renderer writes it.
    expect(snippet).toHaveAttribute('data-platform', 'jenkins');
    const target = {
      namespace: 'default',
      project: 'library',
      component: 'reading-list',
    };
    const code = () => snippet.querySelector('code')?.textContent;
    await waitFor(() =>
      expect(code()).toBe(renderPipelineSnippet('jenkins', target).text),
    );
    expect(snippet).toHaveTextContent("credential 'workflows-credentials'");
    expect(snippet).not.toHaveTextContent('npx');
    expect(snippet).not.toHaveTextContent('openchoreo-ci-credentials');

    await userEvent.click(
      within(snippet).getByRole('tab', { name: 'GitHub Actions' }),
    );
    await waitFor(() =>
      expect(code()).toBe(renderPipelineSnippet('github-actions', target).text),
    );
  }, 20_000);

  it('says where the workload came from: run, commit, branch and when, with links', async () => {
    const runUrl =
      'https://github.com/openchoreo/sample-workloads/actions/runs/9001';
    renderOnEntity(<WorkloadCard />, {
      entity: makeEntity({
        'github.com/project-slug': 'openchoreo/sample-workloads',
      }),
      api: mockOpenChoreoApi({
        getWorkload: jest.fn(async () => ({
          name: 'reading-list-workload',
          image: 'ghcr.io/openchoreo/reading-list:abc1234',
          endpoints: [],
          env: [],
          files: [],
          connections: [],
          provenance: {
            platform: 'github-actions' as const,
            pipeline: 'Build and publish',
            repository: 'openchoreo/sample-workloads',
            runNumber: '42',
            runUrl,
            commit: 'abc1234def5678901234567890abcdef12345678',
            ref: 'main',
            publishedAt: new Date(Date.now() - 3 * 60_000).toISOString(),
          },
        })),
      }),
    });
    const line = await screen.findByTestId('workload-provenance');
    expect(visibleText(line)).toContain(
      'Published by GitHub Actions run #42 from abc1234 (main), 3 minutes ago',
    );
    expect(
      within(line).getByRole('link', { name: /^GitHub Actions run #42/ }),
    ).toHaveAttribute('href', runUrl);
    expect(
      within(line).getByRole('link', { name: /^abc1234/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/openchoreo/sample-workloads/commit/abc1234def5678901234567890abcdef12345678',
    );
    expect(line).toHaveTextContent('Pipeline Build and publish');
  });

  it('names a Jenkins build, linking only the build (Jenkins has no commit page)', async () => {
    const getWorkload = jest.fn().mockResolvedValueOnce({
      name: 'reading-list-workload',
      image: 'registry.local/reading-list:42',
      endpoints: [],
      env: [],
      files: [],
      connections: [],
      provenance: {
        platform: 'jenkins' as const,
        runNumber: '42',
        runUrl: 'https://jenkins.example.com/job/library/job/reading-list/42/',
        commit: 'abc1234',
        ref: 'main',
      },
    });
    renderOnEntity(<WorkloadCard />, {
      entity: makeEntity({
        'jenkins.io/job-full-name': 'library/reading-list',
      }),
      api: mockOpenChoreoApi({ getWorkload }),
    });
    const line = await screen.findByTestId('workload-provenance');
    expect(visibleText(line)).toBe(
      'Published by Jenkins build #42 from abc1234 (main)',
    );
    expect(within(line).getAllByRole('link')).toHaveLength(1);
  });

  it('keeps looking until the pipeline publishes the first workload', async () => {
    jest.useFakeTimers();
    try {
      const getWorkload = jest
        .fn()
        .mockRejectedValueOnce(
          new OpenChoreoRequestError('Workload not found', 404),
        )
        .mockResolvedValue({
          name: 'reading-list-workload',
          image: 'registry.local/reading-list:v2',
          endpoints: [],
          env: [],
          files: [],
          connections: [],
        });
      renderOnEntity(<WorkloadCard />, {
        entity: makeEntity({
          'jenkins.io/job-full-name': 'library/reading-list',
        }),
        api: mockOpenChoreoApi({ getWorkload }),
      });
      expect(
        await screen.findByText(/has not published a workload/),
      ).toBeInTheDocument();
      await act(async () => {
        await jest.advanceTimersByTimeAsync(6_000);
      });
      expect(
        await screen.findByText('registry.local/reading-list'),
      ).toBeInTheDocument();
      expect(getWorkload).toHaveBeenCalledTimes(2);
      expect(
        screen.getByText(/without a record of the pipeline run/),
      ).toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows image, endpoints, env names and the build that produced it', async () => {
    const image = 'registry.local/reading-list:abc1234@sha256:ffff';
    const api = mockOpenChoreoApi({
      getWorkload: jest.fn(async () => ({
        name: 'reading-list-workload',
        image,
        endpoints: [
          { name: 'http', type: 'HTTP', port: 8080, visibility: ['project'] },
        ],
        env: [
          { name: 'LOG_LEVEL', source: 'value' as const },
          { name: 'DB_PASSWORD', source: 'secret' as const },
        ],
        files: [],
        connections: [],
      })),
      getComponentSummary: jest.fn(async () => ({
        component: {} as any,
        workload: null,
        latestRuns: [
          {
            name: 'reading-list-run-1',
            namespace: 'default',
            status: 'Succeeded' as const,
            image,
          },
        ],
      })),
    });
    renderOnEntity(<WorkloadCard />, {
      entity: makeEntity({ 'openchoreo.io/workflow': 'Workflow:docker' }),
      api,
    });
    expect(
      await screen.findByText('registry.local/reading-list'),
    ).toBeInTheDocument();
    expect(screen.getByText('tag: abc1234')).toBeInTheDocument();
    expect(screen.getByText('digest: sha256:ffff')).toBeInTheDocument();
    expect(screen.getByText('8080')).toBeInTheDocument();
    expect(
      screen.getByText('LOG_LEVEL, DB_PASSWORD (secret)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Built by OpenChoreo build reading-list-run-1.'),
    ).toBeInTheDocument();
  });

  it('parses registry ports, tags and digests', () => {
    expect(parseImage('localhost:5000/app:1.2')).toEqual({
      name: 'localhost:5000/app',
      tag: '1.2',
      digest: undefined,
    });
    expect(parseImage('app@sha256:abc')).toEqual({
      name: 'app',
      digest: 'sha256:abc',
    });
  });
});
