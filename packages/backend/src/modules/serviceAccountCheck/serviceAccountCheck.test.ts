import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  startIdentityProvider,
  type IdentityProvider,
} from '@openchoreo-ci/openchoreo-devstack';
import { createRecordingLogger } from '../../__testUtils__/recordingLogger';
import serviceAccountCheckModule from '.';

/** The plugin the module attaches to, without the catalog's own start-up. */
const catalogStandIn = createBackendPlugin({
  pluginId: 'catalog',
  register(reg) {
    reg.registerInit({ deps: {}, async init() {} });
  },
});

describe('the start-up check of the OpenChoreo service account', () => {
  let idp: IdentityProvider;

  beforeAll(async () => {
    idp = await startIdentityProvider({ port: 0 });
  });
  afterAll(() => idp?.close());

  function start(options: {
    environment: 'production' | 'development';
    clientSecret?: string;
    tokenUrl?: string;
  }) {
    const logger = createRecordingLogger();
    const backend = startTestBackend({
      features: [
        catalogStandIn,
        serviceAccountCheckModule,
        createServiceFactory({
          service: coreServices.rootLogger,
          deps: {},
          factory: () => logger,
        }),
        mockServices.rootConfig.factory({
          data: {
            auth: { environment: options.environment },
            openchoreo: {
              baseUrl: 'http://127.0.0.1:1/api/v1',
              auth: {
                tokenUrl: options.tokenUrl ?? idp.tokenUrl,
                clientId: idp.clients.portal.clientId,
                clientSecret:
                  options.clientSecret ?? idp.clients.portal.clientSecret,
              },
            },
          },
        }),
      ],
    });
    return { logger, backend };
  }

  async function startupError(backend: Promise<unknown>): Promise<Error> {
    return backend.then(
      () => {
        throw new Error('the backend started');
      },
      error => error,
    );
  }

  it('starts when the identity provider gives the service account a token', async () => {
    const { backend, logger } = start({ environment: 'production' });
    await (await backend).stop();
    expect(logger.lines.join('\n')).toContain(
      `OpenChoreo service account \\"${idp.clients.portal.clientId}\\" got a token`,
    );
  });

  it('only warns outside production, so the local portal still starts', async () => {
    const { backend, logger } = start({
      environment: 'development',
      clientSecret: 'not-the-service-secret',
    });
    await (await backend).stop();
    const warnings = logger.lines
      .map(line => JSON.parse(line))
      .filter(line => line.level === 'warn');
    expect(warnings.map(line => line.message)).toEqual([
      expect.stringContaining(
        'OpenChoreo service account: openchoreo.auth.clientSecret was refused',
      ),
    ]);
  });

  it('stops a production start-up on a refused secret, naming the variable but not the secret', async () => {
    const { backend } = start({
      environment: 'production',
      clientSecret: 'not-the-service-secret',
    });
    const error = await startupError(backend);
    expect(error.message).toContain(
      'openchoreo.auth.clientSecret was refused by the identity provider',
    );
    expect(error.message).toContain('OPENCHOREO_SERVICE_CLIENT_SECRET');
    expect(error.message).toContain('invalid_client');
    expect(error.message).not.toContain('not-the-service-secret');
  });

  it('stops a production start-up when the token endpoint cannot be reached, naming it', async () => {
    const { backend } = start({
      environment: 'production',
      tokenUrl: 'http://127.0.0.1:1/oauth2/token',
    });
    const error = await startupError(backend);
    expect(error.message).toContain(
      'openchoreo.auth.tokenUrl gave the service account no token',
    );
    expect(error.message).toContain('OPENCHOREO_AUTH_TOKEN_URL');
  });
});
