import type { Devstack } from '@openchoreo-ci/openchoreo-devstack';
import type { ComponentDeploymentsResponse } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  ensureComponent,
  startPortalBackend,
  startTestDevstack,
} from '../__testUtils__/devstack';
import { ExitCode } from '../errors';
import { main } from '../main';

const PROJECT = 'demo-project';
const COMPONENT = 'e2e-deployed';

// CI owned, CD participates, end to end: the pipeline publishes with --wait, and once it reports
// the deployment ready the portal's deployments route (what the component page's card reads)
// shows the same release ready in the first environment.
describe('End to end: publish --wait, then the portal shows the release ready in the first environment', () => {
  let devstack: Devstack;
  let backend: Awaited<ReturnType<typeof startPortalBackend>>;

  beforeAll(async () => {
    devstack = await startTestDevstack(0.05);
    backend = await startPortalBackend(devstack);
  });

  afterAll(async () => {
    await backend?.stop();
    await devstack?.close();
  });

  async function deployments(): Promise<ComponentDeploymentsResponse> {
    const response = await backend.get(
      `/components/default/${COMPONENT}/deployments`,
    );
    expect(response.status).toBe(200);
    return response.json();
  }

  it('publishes, waits for the deployment, and the deployments route agrees', async () => {
    ensureComponent(devstack, PROJECT, COMPONENT, true);
    const before = await deployments();
    expect(before.latestBuild.state).toBe('no-workload');

    const image = `registry.example.com/${COMPONENT}:${Date.now()}`;
    const output: string[] = [];
    const code = await main(
      [
        'publish',
        '--project',
        PROJECT,
        '--component',
        COMPONENT,
        '--image',
        image,
        '--wait',
      ],
      {
        env: {
          OPENCHOREO_API_URL: `${devstack.api.url}/api/v1`,
          OPENCHOREO_TOKEN_URL: devstack.idp.tokenUrl,
          OPENCHOREO_CLIENT_ID: devstack.idp.clients.workloadPublisher.clientId,
          OPENCHOREO_CLIENT_SECRET:
            devstack.idp.clients.workloadPublisher.clientSecret,
        },
        stdout: line => output.push(line),
        stderr: line => output.push(line),
        pollIntervalMs: 50,
      },
    );
    expect(code).toBe(ExitCode.Ok);
    const deployed = output.at(-1)!;
    const [, release] =
      /^Deployed: release (\S+) of image (\S+) is ready in development/.exec(
        deployed,
      ) ?? [];
    expect(release).toBeDefined();

    // Right after the pipeline ends, with no further waiting: the portal shows the same.
    const after = await deployments();
    expect(after.latestBuild).toEqual({
      state: 'deployed',
      image,
      release,
      environment: 'development',
      message: `The latest build is ready in Development (release ${release}).`,
    });
    expect(after.environments[0]).toMatchObject({
      environment: 'development',
      state: 'ready',
      binding: `${COMPONENT}-development`,
      release: { name: release, image, current: true },
    });
    expect(after.environments.slice(1).map(e => e.state)).toEqual([
      'not-deployed',
      'not-deployed',
    ]);
  });
});
