import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  readWorkloadProvenance,
  type WorkloadInfo,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { OpenChoreoRequestError } from '../../api';
import {
  makeEntity,
  mockOpenChoreoApi,
  renderOnEntity,
} from '../../__testUtils__/render';
import { WorkloadCard } from './WorkloadCard';

// The snippet the Workload card shows is taken from the rendered page and run verbatim in bash
// against the devstack (a separate process: its servers need Node, not the browser-like test
// environment); then the Workload is read back with its provenance and shown by the card.

interface RunningDevstack {
  process: ChildProcess;
  apiUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

async function startDevstackProcess(): Promise<RunningDevstack> {
  const packageDir = dirname(
    require.resolve('@openchoreo-ci/openchoreo-devstack/package.json'),
  );
  const child = spawn(
    process.execPath,
    [
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      join(packageDir, 'src/cli.ts'),
    ],
    {
      cwd: packageDir,
      env: {
        ...process.env,
        DEVSTACK_API_PORT: '0',
        DEVSTACK_IDP_PORT: '0',
        DEVSTACK_JENKINS_PORT: '0',
        DEVSTACK_QUIET: '1',
        DEVSTACK_TIME_SCALE: '0.002',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const fail = (why: string) =>
      reject(new Error(`The devstack did not start: ${why}\n${output}`));
    child.stderr!.on('data', chunk => {
      output += chunk;
    });
    child.once('exit', code => fail(`exited with ${code}`));
    child.stdout!.on('data', chunk => {
      output += chunk;
      const api = /OpenChoreo API\s+(\S+)\/api\/v1/.exec(output);
      const token = /\(token: (\S+)\)/.exec(output);
      const publisher = /workload publisher\s+(\S+) \/ (\S+)/.exec(output);
      if (api && token && publisher) {
        resolve({
          process: child,
          apiUrl: api[1],
          tokenUrl: token[1],
          clientId: publisher[1],
          clientSecret: publisher[2],
        });
      }
    });
  });
}

/** Runs `script` in bash as a GitHub Actions job would, with the CI secrets in the environment. */
function runInBash(
  script: string,
  devstack: RunningDevstack,
  github: Record<string, string>,
) {
  // --norc: bash reads ~/.bashrc when its stdin looks like a socket (as under Node); a CI runner's
  // profile is not part of the snippet.
  return spawnSync('bash', ['--norc', '--noprofile', '-c', script], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      OPENCHOREO_API_URL: devstack.apiUrl,
      OPENCHOREO_TOKEN_URL: devstack.tokenUrl,
      OPENCHOREO_CLIENT_ID: devstack.clientId,
      OPENCHOREO_CLIENT_SECRET: devstack.clientSecret,
      IMAGE: 'ghcr.io/openchoreo/storefront-web:3f2a1b0',
      GITHUB_ACTIONS: 'true',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'openchoreo/sample-workloads',
      GITHUB_WORKFLOW: 'Build and publish',
      GITHUB_REF_NAME: 'main',
      ...github,
    },
  });
}

/** Reads the component's Workload from the devstack, as an admin would with curl. */
function readWorkload(devstack: RunningDevstack) {
  const result = spawnSync(
    'bash',
    [
      '--norc',
      '--noprofile',
      '-c',
      `set -e
TOKEN=$(curl -sf -X POST "$TOKEN_URL" -d grant_type=client_credentials \\
  -d client_id="$CLIENT_ID" -d client_secret="$CLIENT_SECRET" | jq -r .access_token)
curl -sf -H "Authorization: Bearer $TOKEN" \\
  "$API_URL/api/v1/namespaces/default/workloads/storefront-web-workload"`,
    ],
    {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        TOKEN_URL: devstack.tokenUrl,
        CLIENT_ID: devstack.clientId,
        CLIENT_SECRET: devstack.clientSecret,
        API_URL: devstack.apiUrl,
      },
    },
  );
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as {
    metadata: { annotations?: Record<string, string> };
    spec: { container: { image: string } };
  };
}

const STOREFRONT = makeEntity({
  'openchoreo.io/project': 'demo-project',
  'openchoreo.io/component': 'storefront-web',
  'github.com/project-slug': 'openchoreo/sample-workloads',
});

describe('the publish snippet the Workload card shows', () => {
  let devstack: RunningDevstack;

  beforeAll(async () => {
    devstack = await startDevstackProcess();
  }, 60_000);
  afterAll(() => {
    devstack?.process.kill('SIGTERM');
  });

  it('runs verbatim in bash, publishes the Workload with its provenance, and the card shows where it came from', async () => {
    renderOnEntity(<WorkloadCard />, {
      entity: STOREFRONT,
      api: mockOpenChoreoApi({
        getWorkload: jest.fn(async () => {
          throw new OpenChoreoRequestError('Workload not found', 404);
        }),
      }),
    });
    const snippet = await screen.findByTestId('publish-snippet');
    await userEvent.click(
      within(snippet).getByRole('tab', { name: 'Any CI (shell)' }),
    );
    await waitFor(() =>
      expect(snippet.querySelector('code')?.textContent).toContain(
        "OPENCHOREO_COMPONENT='storefront-web'",
      ),
    );
    const script = snippet.querySelector('code')!.textContent!;

    const commit = '3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a';
    const first = runInBash(script, devstack, {
      GITHUB_RUN_ID: '9001',
      GITHUB_RUN_NUMBER: '42',
      GITHUB_SHA: commit,
    });
    expect(first.stderr).not.toContain('Error');
    expect(first.status).toBe(0);
    expect(first.stdout + first.stderr).not.toContain(devstack.clientSecret);

    let workload = readWorkload(devstack);
    expect(workload.spec.container.image).toBe(
      'ghcr.io/openchoreo/storefront-web:3f2a1b0',
    );
    expect(readWorkloadProvenance(workload.metadata.annotations)).toEqual({
      platform: 'github-actions',
      pipeline: 'Build and publish',
      repository: 'openchoreo/sample-workloads',
      runNumber: '42',
      runUrl:
        'https://github.com/openchoreo/sample-workloads/actions/runs/9001',
      commit,
      ref: 'main',
      publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:]+Z$/),
      publisher: 'publish-workload.sh',
    });

    // The next run updates the same Workload (POST answers 409, then GET and PUT).
    const second = runInBash(script, devstack, {
      GITHUB_RUN_ID: '9002',
      GITHUB_RUN_NUMBER: '43',
      GITHUB_SHA: commit,
    });
    expect(second.status).toBe(0);
    workload = readWorkload(devstack);
    const provenance = readWorkloadProvenance(workload.metadata.annotations)!;
    expect(provenance.runNumber).toBe('43');

    // What the script recorded is what the card tells the reader.
    const info: WorkloadInfo = {
      name: 'storefront-web-workload',
      image: workload.spec.container.image,
      endpoints: [],
      env: [],
      files: [],
      connections: [],
      provenance,
    };
    renderOnEntity(<WorkloadCard />, {
      entity: STOREFRONT,
      api: mockOpenChoreoApi({ getWorkload: jest.fn(async () => info) }),
    });
    const line = await screen.findByTestId('workload-provenance');
    expect(line.textContent?.replace(/, Opens in a new window/g, '')).toMatch(
      /^Published by GitHub Actions run #43 from 3f2a1b0 \(main\), just now/,
    );
    expect(
      within(line).getByRole('link', { name: /^GitHub Actions run #43/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/openchoreo/sample-workloads/actions/runs/9002',
    );
  }, 60_000);
});
