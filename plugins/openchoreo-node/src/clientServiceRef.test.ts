import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Namespace } from '@openchoreo-ci/openchoreo-client';
import type { Devstack } from '@openchoreo-ci/openchoreo-devstack';
import { devstackConfig, startTestDevstack } from './__testUtils__/devstack';
import type { OpenChoreoClientService } from './clientService';
import {
  openchoreoClientServiceFactory,
  openchoreoClientServiceRef,
} from './clientServiceRef';

/** A plugin that, like the catalog sync, reads OpenChoreo as the service account at start-up. */
function readingPlugin(
  pluginId: string,
  seen: Map<string, { service: OpenChoreoClientService; names: string[] }>,
): BackendFeature {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: { openchoreo: openchoreoClientServiceRef },
        async init({ openchoreo }) {
          const namespaces: Namespace[] = await openchoreo
            .serviceAccount()
            .namespaces.listAll();
          seen.set(pluginId, {
            service: openchoreo,
            names: namespaces.map(n => n.metadata.name),
          });
        },
      });
    },
  });
}

describe('openchoreoClientServiceRef', () => {
  let devstack: Devstack;
  const idpLines: string[] = [];

  beforeAll(async () => {
    devstack = await startTestDevstack(line => {
      if (line.startsWith('[idp]')) idpLines.push(line);
    });
  });
  afterAll(() => devstack.close());
  beforeEach(() => {
    idpLines.length = 0;
  });

  const openchoreoConfig = () =>
    mockServices.rootConfig.factory({
      data: { openchoreo: { ...devstackConfig(devstack) } },
    });

  it('gives every plugin of a backend the same service: one token request for two plugins', async () => {
    const seen = new Map<
      string,
      { service: OpenChoreoClientService; names: string[] }
    >();
    const backend = await startTestBackend({
      features: [
        readingPlugin('first', seen),
        readingPlugin('second', seen),
        openchoreoConfig(),
      ],
    });
    try {
      expect(seen.get('first')?.names).toContain('default');
      expect(seen.get('second')?.names).toContain('default');
      expect(seen.get('first')?.service).toBe(seen.get('second')?.service);
      expect(
        idpLines.filter(line => line.includes('POST /oauth2/token')),
      ).toHaveLength(1);
    } finally {
      await backend.stop();
    }
  });

  it('can be replaced, e.g. by a test double', async () => {
    const seen = new Map<
      string,
      { service: OpenChoreoClientService; names: string[] }
    >();
    const fake: OpenChoreoClientService = {
      baseUrl: 'http://openchoreo.test',
      tokenUrl: 'http://idp.test/token',
      serviceAccount: () =>
        ({
          namespaces: {
            listAll: async () => [{ metadata: { name: 'from-the-double' } }],
          },
        } as unknown as ReturnType<OpenChoreoClientService['serviceAccount']>),
      forUser: () => {
        throw new Error('not used');
      },
    };
    const backend = await startTestBackend({
      features: [
        readingPlugin('reader', seen),
        createServiceFactory({
          service: openchoreoClientServiceRef,
          deps: {},
          factory: () => fake,
        }),
      ],
    });
    await backend.stop();
    expect(seen.get('reader')?.names).toEqual(['from-the-double']);
    expect(idpLines).toEqual([]);
  });

  it('fails the start-up naming the missing setting and its environment variable', async () => {
    await expect(
      startTestBackend({
        features: [
          readingPlugin('reader', new Map()),
          mockServices.rootConfig.factory({ data: {} }),
        ],
      }),
    ).rejects.toThrow(/openchoreo\.baseUrl is missing: set OPENCHOREO_API_URL/);
  });

  it('is lazy: installed explicitly but unused, it needs no config', async () => {
    const started = startTestBackend({
      features: [
        openchoreoClientServiceFactory,
        mockServices.rootConfig.factory({ data: {} }),
        createBackendPlugin({
          pluginId: 'unrelated',
          register(env) {
            env.registerInit({
              deps: { logger: coreServices.logger },
              async init() {},
            });
          },
        }),
      ],
    });
    await expect(started).resolves.toBeDefined();
    await (await started).stop();
  });
});
