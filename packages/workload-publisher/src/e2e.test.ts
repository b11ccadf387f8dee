import type { Devstack } from '@openchoreo-ci/openchoreo-devstack';
import {
  startPortalBackend,
  startTestDevstack,
} from './__testUtils__/devstack';
import { ExitCode } from './errors';
import { main } from './main';

describe('End to end: an External CI pipeline publishes, the portal shows the image', () => {
  let devstack: Devstack;
  let backend: Awaited<ReturnType<typeof startPortalBackend>>;

  beforeAll(async () => {
    devstack = await startTestDevstack();
    backend = await startPortalBackend(devstack);
  });

  afterAll(async () => {
    await backend?.stop();
    await devstack?.close();
  });

  it('publishes a new image for inventory-api; the backend workload route returns it', async () => {
    const image = `registry.example.com/inventory-api:e2e-${Date.now()}`;
    const output: string[] = [];
    const code = await main(
      ['publish', '--project', 'demo-project', '--component', 'inventory-api'],
      {
        env: {
          OPENCHOREO_API_URL: `${devstack.api.url}/api/v1`,
          OPENCHOREO_TOKEN_URL: devstack.idp.tokenUrl,
          IMAGE: image,
          OPENCHOREO_CLIENT_ID: devstack.idp.clients.workloadPublisher.clientId,
          OPENCHOREO_CLIENT_SECRET:
            devstack.idp.clients.workloadPublisher.clientSecret,
        },
        stdout: line => output.push(line),
        stderr: line => output.push(line),
      },
    );
    expect(output.join('\n')).not.toContain(
      devstack.idp.clients.workloadPublisher.clientSecret,
    );
    expect(code).toBe(ExitCode.Ok);
    // The seeded Workload existed: it was updated through the 409 path.
    expect(output).toContain(
      `Published: updated workload inventory-api-workload in namespace default with image ${image}`,
    );

    const response = await backend.get(
      '/components/default/inventory-api/workload',
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.image).toBe(image);
    // Only the image changed: the seeded endpoint and env survive.
    expect(body).toMatchObject({
      env: [{ name: 'LOG_LEVEL', source: 'value' }],
    });
  });
});
