import { act, screen } from '@testing-library/react';
import { OpenChoreoRequestError } from '../../api';
import {
  makeEntity,
  mockOpenChoreoApi,
  renderOnEntity,
} from '../../__testUtils__/render';
import { parseImage, WorkloadCard } from './WorkloadCard';

describe('WorkloadCard', () => {
  it('shows the publish step for an External CI component without a workload', async () => {
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
    expect(await screen.findByText(/--namespace default/)).toBeInTheDocument();
    expect(screen.getByText(/--project library/)).toBeInTheDocument();
    expect(screen.getByText(/workload-publisher publish/)).toBeInTheDocument();
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
