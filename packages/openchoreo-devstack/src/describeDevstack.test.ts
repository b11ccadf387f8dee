import { startDevstack, type Devstack } from './devstack';
import { describeDevstack } from './describeDevstack';

describe('describeDevstack', () => {
  let devstack: Devstack;

  beforeAll(async () => {
    devstack = await startDevstack({
      apiPort: 0,
      idpPort: 0,
      jenkinsPort: 0,
      portalRedirectUris: [
        'http://localhost:17007/api/auth/openchoreo/handler/frame',
      ],
    });
  });

  afterAll(() => devstack?.close());

  it('prints every seeded user with password, groups and what they may do', () => {
    const banner = describeDevstack(devstack);
    expect(banner).toContain(
      'developer@openchoreo.dev / developer  (groups: developers)\n      access: read, build (start and cancel WorkflowRuns), edit components and workloads, and deploy releases in namespace default; read cluster component types and cluster workflows everywhere',
    );
    expect(banner).toContain(
      'platform-engineer@openchoreo.dev / platform-engineer  (groups: platform-engineers)\n      access: do everything everywhere',
    );
    expect(banner).toContain(
      'viewer@openchoreo.dev / viewer  (groups: viewers)\n      access: only read in namespace default',
    );
    expect(banner).toContain(
      'outsider@openchoreo.dev / outsider  (groups: outsiders)\n      access: nothing: no role binding',
    );
    expect(banner).toContain(
      'http://localhost:7007/api/auth/openchoreo/handler/frame, ',
    );
    expect(banner).toContain(
      'http://localhost:17007/api/auth/openchoreo/handler/frame',
    );
  });

  it('refuses a redirect URI that is not a URL, naming the environment variable', async () => {
    await expect(
      startDevstack({
        apiPort: 0,
        idpPort: 0,
        jenkinsPort: 0,
        portalRedirectUris: ['localhost:17007/api/auth/openchoreo'],
      }),
    ).rejects.toThrow(/DEVSTACK_PORTAL_REDIRECT_URIS/);
  });
});
