import type { Devstack } from '@openchoreo-ci/openchoreo-devstack';
import {
  ensureComponent,
  resetProxies,
  startTestDevstack,
} from '../__testUtils__/devstack';
import { startFaultProxy, type FaultProxy } from '../__testUtils__/faultProxy';
import { ExitCode } from '../errors';
import { main } from '../main';

const PROJECT = 'demo-project';

describe('publish --wait, against the devstack and its deployment simulation', () => {
  let devstack: Devstack;
  let api: FaultProxy;

  beforeAll(async () => {
    // Simulated time 20 times faster: a 4 s rollout takes 200 ms.
    devstack = await startTestDevstack(0.05);
    api = await startFaultProxy(devstack.api.url);
  });
  afterAll(async () => {
    await api?.close();
    await devstack?.close();
  });
  beforeEach(() => resetProxies(api));

  async function run(component: string, args: string[]) {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const started = Date.now();
    const code = await main(
      ['publish', '--project', PROJECT, '--component', component, ...args],
      {
        env: {
          OPENCHOREO_API_URL: `${api.url}/api/v1`,
          OPENCHOREO_TOKEN_URL: devstack.idp.tokenUrl,
          OPENCHOREO_CLIENT_ID: devstack.idp.clients.workloadPublisher.clientId,
          OPENCHOREO_CLIENT_SECRET:
            devstack.idp.clients.workloadPublisher.clientSecret,
        },
        stdout: line => stdout.push(line),
        stderr: line => stderr.push(line),
        pollIntervalMs: 50,
      },
    );
    return { code, stdout, stderr, seconds: (Date.now() - started) / 1000 };
  }
  const posts = () => api.requests.filter(r => r.method !== 'GET');

  it('publishes, then follows the release to the first environment until it is ready', async () => {
    ensureComponent(devstack, PROJECT, 'wait-ready', true);
    const result = await run('wait-ready', [
      '--image',
      'registry.example.com/wait-ready:1',
      '--wait',
    ]);
    expect(result.stderr).toEqual([]);
    expect(result.code).toBe(ExitCode.Ok);
    const steps = result.stdout.slice(3);
    expect(steps[0]).toBe(
      'Published: created workload wait-ready-workload in namespace default with image registry.example.com/wait-ready:1',
    );
    expect(steps[1]).toBe(
      'Waiting up to 10m for the deployment of registry.example.com/wait-ready:1 to development (deployment pipeline default: development → staging → production)',
    );
    const release = devstack.api.store.get('Component', 'default', 'wait-ready')
      ?.status?.latestRelease as { name: string };
    expect(steps).toEqual(
      expect.arrayContaining([
        `ComponentRelease ${release.name} holds image registry.example.com/wait-ready:1`,
        `ReleaseBinding wait-ready-development (development, ${release.name}): Ready=False ResourcesProgressing: Rolling out ComponentRelease "${release.name}" to environment "development"`,
        `ReleaseBinding wait-ready-development (development, ${release.name}): Ready=True Ready: ComponentRelease "${release.name}" is ready in environment "development"`,
      ]),
    );
    expect(steps.at(-1)).toBe(
      `Deployed: release ${release.name} of image registry.example.com/wait-ready:1 is ready in development (ReleaseBinding wait-ready-development)`,
    );

    // The same image again: the release is already there and ready.
    const again = await run('wait-ready', [
      '--image',
      'registry.example.com/wait-ready:1',
      '--wait',
    ]);
    expect(again.code).toBe(ExitCode.Ok);
    expect(again.stdout.at(-1)).toContain(`Deployed: release ${release.name}`);
  });

  it('exits 6 with the reason when the deployment fails', async () => {
    ensureComponent(devstack, PROJECT, 'wait-fail', true);
    devstack.deployments.failNextDeployment(
      'wait-fail',
      'Back-off pulling image "registry.example.com/wait-fail:1"',
    );
    const result = await run('wait-fail', [
      '--image',
      'registry.example.com/wait-fail:1',
      '--wait',
    ]);
    expect(result.code).toBe(ExitCode.NotDeployed);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(
      /^Error: Published image registry.example.com\/wait-fail:1, but it was not deployed to development: the deployment failed \(ReleaseBinding wait-fail-development: Ready=False ResourcesDegraded: Back-off pulling image "registry.example.com\/wait-fail:1"\)\. Fix the cause and publish again/,
    );
    expect(
      devstack.api.store.get('Workload', 'default', 'wait-fail-workload')?.spec
        ?.container,
    ).toEqual({ image: 'registry.example.com/wait-fail:1' });
  });

  it('exits 7 when the deployment is not ready within --wait-timeout', async () => {
    ensureComponent(devstack, PROJECT, 'wait-slow', true);
    devstack.deployments.stallNextDeployment('wait-slow');
    const result = await run('wait-slow', [
      '--image',
      'registry.example.com/wait-slow:1',
      '--wait',
      '--wait-timeout',
      '1s',
    ]);
    expect(result.code).toBe(ExitCode.DeployTimeout);
    expect(result.seconds).toBeGreaterThanOrEqual(1);
    expect(result.seconds).toBeLessThan(5);
    expect(result.stderr[0]).toMatch(
      /^Error: Published image registry.example.com\/wait-slow:1, but its deployment to development was not ready within 1s \(last step: ReleaseBinding wait-slow-development \(development, wait-slow-[0-9a-f]+\): Ready=False ResourcesProgressing: .*\)\. It may still finish: check the component in the portal, or raise --wait-timeout\.$/,
    );
  });

  it('refuses an unknown environment before publishing anything', async () => {
    ensureComponent(devstack, PROJECT, 'wait-env', true);
    const result = await run('wait-env', [
      '--image',
      'registry.example.com/wait-env:1',
      '--wait',
      '--environment',
      'qa',
    ]);
    expect(result.code).toBe(ExitCode.BadInput);
    expect(result.stderr).toEqual([
      'Error: Unknown environment "qa": the deployment pipeline "default" of project "demo-project" has development, staging, production. ' +
        'Set --environment to one of them (or leave it out for development).',
    ]);
    expect(posts()).toEqual([]);
    expect(
      devstack.api.store.get('Workload', 'default', 'wait-env-workload'),
    ).toBeUndefined();
  });

  it('exits 6 after publishing when the component has autoDeploy off', async () => {
    ensureComponent(devstack, PROJECT, 'wait-manual', false);
    const result = await run('wait-manual', [
      '--image',
      'registry.example.com/wait-manual:1',
      '--wait',
    ]);
    expect(result.code).toBe(ExitCode.NotDeployed);
    expect(result.stderr[0]).toContain(
      'Published image registry.example.com/wait-manual:1, but component wait-manual has autoDeploy off',
    );
    expect(
      devstack.api.store.get('Workload', 'default', 'wait-manual-workload'),
    ).toBeDefined();
  });

  it('rejects --wait flags that do not fit the mode', async () => {
    const noWait = await run('wait-ready', [
      '--image',
      'registry.example.com/x:1',
      '--wait-timeout',
      '5m',
    ]);
    expect(noWait.code).toBe(ExitCode.BadInput);
    expect(noWait.stderr[0]).toContain('--wait-timeout needs --wait');
    const badTimeout = await run('wait-ready', [
      '--image',
      'registry.example.com/x:1',
      '--wait',
      '--wait-timeout',
      'soon',
    ]);
    expect(badTimeout.stderr[0]).toContain(
      '--wait-timeout "soon" must be a duration such as 10m, 90s, 1h30m or a number of seconds',
    );
    const gitops = await run('wait-ready', [
      '--image',
      'registry.example.com/x:1',
      '--mode',
      'gitops',
      '--wait',
    ]);
    expect(gitops.stderr[0]).toContain(
      '--wait applies to --mode api: in GitOps mode the GitOps tool (Flux) deploys what is merged',
    );
    expect(gitops.stderr[0]).toContain(
      '--gitops-repo (or OPENCHOREO_GITOPS_REPO) is required',
    );
  });
});
