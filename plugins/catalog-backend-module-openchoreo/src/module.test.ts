import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  type EntityProvider,
  type EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import {
  ResourceStore,
  startIdentityProvider,
  startOpenChoreoApi,
  type IdentityProvider,
  type RunningOpenChoreoApi,
} from '@openchoreo-ci/openchoreo-devstack';
import { OPENCHOREO_COMPONENT_CHANGED_TOPIC } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  createOpenChoreoClientService,
  openchoreoClientServiceRef,
  readOpenChoreoConfig,
} from '@openchoreo-ci/plugin-openchoreo-node';
import { ConfigReader } from '@backstage/config';
import { catalogModuleOpenChoreo } from './module';
import { OpenChoreoEntityProvider } from './provider/OpenChoreoEntityProvider';

describe('catalogModuleOpenChoreo', () => {
  let idp: IdentityProvider;
  let api: RunningOpenChoreoApi;

  beforeAll(async () => {
    idp = await startIdentityProvider({ port: 0 });
    const store = new ResourceStore();
    store.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'acme' },
    });
    store.create({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'Project',
      metadata: { name: 'shop', namespace: 'acme' },
    });
    store.create({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'checkout',
        namespace: 'acme',
        annotations: { 'jenkins.io/job-full-name': 'shop/checkout' },
      },
      spec: {
        owner: { projectName: 'shop' },
        componentType: {
          kind: 'ClusterComponentType',
          name: 'deployment/service',
        },
        autoDeploy: true,
      },
    });
    api = await startOpenChoreoApi({
      port: 0,
      auth: { issuer: idp.issuer, jwksUri: idp.jwksUri },
      store,
      seed: false,
    });
  });

  afterAll(async () => {
    await api?.close();
    await idp?.close();
  });

  function openchoreoConfig(catalog?: object) {
    return {
      baseUrl: api.url,
      auth: {
        tokenUrl: idp.tokenUrl,
        clientId: idp.clients.portal.clientId,
        clientSecret: idp.clients.portal.clientSecret,
      },
      ...(catalog ? { catalog } : {}),
    };
  }

  async function startModule(
    catalog?: object,
    extraFeatures: Parameters<typeof startTestBackend>[0]['features'] = [],
  ) {
    const providers: EntityProvider[] = [];
    const scheduler = mockServices.scheduler.mock({
      createScheduledTaskRunner: jest.fn(() => ({ run: jest.fn() })),
    });
    const events = DefaultEventsService.create({
      logger: mockServices.logger.mock(),
    });
    const backend = await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider: (
              ...added: Array<EntityProvider | EntityProvider[]>
            ) => providers.push(...added.flat()),
            addProcessor: jest.fn(),
            addPlaceholderResolver: jest.fn(),
            setOnProcessingErrorHandler: jest.fn(),
          },
        ],
      ],
      features: [
        catalogModuleOpenChoreo,
        mockServices.rootConfig.factory({
          data: { openchoreo: openchoreoConfig(catalog) },
        }),
        scheduler.factory,
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
        ...(extraFeatures ?? []),
      ],
    });
    return { backend, providers, scheduler, events };
  }

  /** Connects the provider, announces that acme/checkout changed, returns what it applied. */
  async function publishCheckoutChanged(
    provider: EntityProvider,
    events: DefaultEventsService,
  ) {
    const mutations: EntityProviderMutation[] = [];
    await provider.connect({
      applyMutation: async mutation => {
        mutations.push(mutation);
      },
      refresh: jest.fn(),
    });
    await events.publish({
      topic: OPENCHOREO_COMPONENT_CHANGED_TOPIC,
      eventPayload: { namespace: 'acme', component: 'checkout' },
    });
    return mutations;
  }

  it('registers the provider with the schedule from openchoreo.catalog.schedule', async () => {
    const { backend, providers, scheduler } = await startModule({
      schedule: { frequency: { seconds: 30 }, timeout: { minutes: 1 } },
    });

    expect(providers).toHaveLength(1);
    expect(providers[0]).toBeInstanceOf(OpenChoreoEntityProvider);
    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith({
      frequency: { seconds: 30 },
      timeout: { minutes: 1 },
    });
    await backend.stop();
  });

  it('syncs every 5 minutes by default', async () => {
    const { backend, scheduler } = await startModule();

    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith({
      frequency: { minutes: 5 },
      timeout: { minutes: 3 },
    });
    await backend.stop();
  });

  it('refreshes a component at once when the portal publishes that it changed', async () => {
    const { backend, providers, events } = await startModule({
      defaultOwner: 'group:default/platform-engineers',
    });
    const mutations = await publishCheckoutChanged(providers[0], events);

    expect(mutations).toHaveLength(1);
    const [mutation] = mutations;
    expect(mutation.type === 'delta' && mutation.added[0].entity).toMatchObject(
      {
        kind: 'Component',
        metadata: {
          name: 'checkout',
          namespace: 'acme',
          annotations: { 'jenkins.io/job-full-name': 'shop/checkout' },
        },
        spec: { system: 'shop', owner: 'group:default/platform-engineers' },
      },
    );
    await backend.stop();
  });

  it('reads OpenChoreo with the service account of the shared client service', async () => {
    const shared = createOpenChoreoClientService(
      readOpenChoreoConfig(
        new ConfigReader({ openchoreo: openchoreoConfig() }),
      ),
      { logger: mockServices.logger.mock() },
    );
    const serviceAccount = jest.fn(() => shared.serviceAccount());
    const forUser = jest.fn(shared.forUser);
    const { backend, providers, events } = await startModule(undefined, [
      createServiceFactory({
        service: openchoreoClientServiceRef,
        deps: {},
        factory: () => ({ ...shared, serviceAccount, forUser }),
      }),
    ]);
    const mutations = await publishCheckoutChanged(providers[0], events);

    expect(serviceAccount).toHaveBeenCalled();
    expect(forUser).not.toHaveBeenCalled();
    expect(mutations).toHaveLength(1);
    await backend.stop();
  });
});
