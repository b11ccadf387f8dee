import { mockServices } from '@backstage/backend-test-utils';
import type {
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import {
  ResourceStore,
  startIdentityProvider,
  startOpenChoreoApi,
  type IdentityProvider,
  type RunningOpenChoreoApi,
} from '@openchoreo-ci/openchoreo-devstack';
import type { OpenChoreoClient } from '@openchoreo-ci/openchoreo-client';
import { OPENCHOREO_COMPONENT_CHANGED_TOPIC } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  createOpenChoreoClientService,
  readOpenChoreoConfig,
} from '@openchoreo-ci/plugin-openchoreo-node';
import { OpenChoreoEntityProvider } from './OpenChoreoEntityProvider';
import { OPENCHOREO_FORWARDED_EVENTS_TOPIC } from '../intake/topic';

const COMPONENT_TYPES = [
  'deployment/service',
  'deployment/web-application',
  'deployment/worker',
  'cronjob/scheduled-task',
];

/** 2 namespaces, 3 projects, 250 components; `acme` alone has 210 (three pages of 100). */
const PROJECTS = [
  { namespace: 'acme', project: 'shop', components: 150 },
  { namespace: 'acme', project: 'billing', components: 60 },
  { namespace: 'globex', project: 'portal', components: 40 },
];

function fillStore(store: ResourceStore) {
  for (const namespace of ['acme', 'globex']) {
    store.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: namespace,
        annotations: { 'openchoreo.dev/display-name': namespace.toUpperCase() },
      },
    });
  }
  let index = 0;
  for (const { namespace, project, components } of PROJECTS) {
    store.create({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'Project',
      metadata: { name: project, namespace },
      spec: {
        deploymentPipelineRef: { kind: 'DeploymentPipeline', name: 'default' },
      },
    });
    for (let i = 0; i < components; i++, index++) {
      store.create({
        apiVersion: 'openchoreo.dev/v1alpha1',
        kind: 'Component',
        metadata: { name: `${project}-${i}`, namespace },
        spec: {
          owner: { projectName: project },
          componentType: {
            kind: 'ClusterComponentType',
            name: COMPONENT_TYPES[index % COMPONENT_TYPES.length],
          },
          autoDeploy: true,
          // Every third component is built by OpenChoreo's built-in CI.
          ...(index % 3 === 0
            ? { workflow: { kind: 'ClusterWorkflow', name: 'docker-build' } }
            : {}),
        },
      });
    }
  }
  // External CI on Jenkins, as the component creation wizard writes it.
  const jenkins = store.get('Component', 'acme', 'shop-1')!;
  jenkins.metadata.annotations = {
    'jenkins.io/job-full-name': 'shop/shop-1',
    'openchoreo.dev/display-name': 'Shop one',
    'openchoreo.dev/workload': '{"spec":{"container":{"image":"x"}}}',
    'openchoreo.io/project': 'forged',
    'kubectl.kubernetes.io/last-applied-configuration': '{}',
  };
  store.replace(jenkins);
}

function recordingConnection() {
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: jest.fn(async (mutation: EntityProviderMutation) => {
      mutations.push(structuredClone(mutation));
    }),
    refresh: jest.fn(),
  };
  return { connection, mutations };
}

/** A task runner that only records the task, so the test decides when the sync runs. */
function manualTaskRunner() {
  const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
  const runner: SchedulerServiceTaskRunner = {
    run: async task => {
      tasks.push(task);
    },
  };
  return {
    runner,
    tasks,
    runNow: () => tasks[0].fn(new AbortController().signal),
  };
}

function ref(entity: Entity) {
  return `${entity.kind.toLocaleLowerCase('en-US')}:${
    entity.metadata.namespace
  }/${entity.metadata.name}`;
}

function fullEntities(mutation: EntityProviderMutation): Entity[] {
  if (mutation.type !== 'full') {
    throw new Error(`expected a full mutation, got ${mutation.type}`);
  }
  return mutation.entities.map(e => e.entity);
}

describe('OpenChoreoEntityProvider against the devstack API', () => {
  let idp: IdentityProvider;
  let api: RunningOpenChoreoApi;
  let client: OpenChoreoClient;
  let config: ConfigReader;
  const requests: string[] = [];

  beforeAll(async () => {
    idp = await startIdentityProvider({ port: 0 });
    const store = new ResourceStore();
    fillStore(store);
    api = await startOpenChoreoApi({
      port: 0,
      auth: { issuer: idp.issuer, jwksUri: idp.jwksUri },
      store,
      seed: false,
      logger: line => requests.push(line),
    });
    config = new ConfigReader({
      openchoreo: {
        // The upstream chart's URL form; the client strips /api/v1.
        baseUrl: `${api.url}/api/v1`,
        auth: {
          tokenUrl: idp.tokenUrl,
          clientId: idp.clients.portal.clientId,
          clientSecret: idp.clients.portal.clientSecret,
        },
        catalog: { defaultOwner: 'group:default/platform-engineers' },
      },
    });
    client = createOpenChoreoClientService(readOpenChoreoConfig(config), {
      logger: mockServices.logger.mock(),
    }).serviceAccount();
  });

  afterAll(async () => {
    await api?.close();
    await idp?.close();
  });

  /** A client whose token requests are refused, so every call fails (not with a 404). */
  function clientWithWrongSecret() {
    return createOpenChoreoClientService(
      readOpenChoreoConfig(
        new ConfigReader({
          openchoreo: {
            baseUrl: api.url,
            auth: {
              tokenUrl: idp.tokenUrl,
              clientId: idp.clients.portal.clientId,
              clientSecret: 'wrong-secret',
            },
          },
        }),
      ),
      { logger: mockServices.logger.mock() },
    ).serviceAccount();
  }

  function createProvider(
    options: {
      events?: DefaultEventsService;
      client?: OpenChoreoClient;
      /** `openchoreo.catalog` settings on top of the suite's. */
      catalog?: { defaultOwner?: string; defaultOwnerEntity?: boolean };
    } = {},
  ) {
    const tasks = manualTaskRunner();
    const logger = mockServices.logger.mock();
    const providerConfig = options.catalog
      ? new ConfigReader(
          { openchoreo: { catalog: options.catalog } },
          'test',
          config,
        )
      : config;
    const provider = OpenChoreoEntityProvider.fromConfig(providerConfig, {
      logger,
      client: options.client ?? client,
      schedule: tasks.runner,
      events: options.events,
    });
    return { provider, tasks, logger };
  }

  it('schedules a full sync that ingests every namespace, project and component, across pages', async () => {
    const { provider, tasks } = createProvider();
    const { connection, mutations } = recordingConnection();

    await provider.connect(connection);
    expect(tasks.tasks.map(t => t.id)).toEqual([
      'OpenChoreoEntityProvider:refresh',
    ]);
    expect(mutations).toEqual([]);

    requests.length = 0;
    await tasks.runNow();

    expect(mutations).toHaveLength(1);
    const entities = fullEntities(mutations[0]);
    const refs = entities.map(ref);
    // 2 domains, 3 systems, 250 components and their owner.
    expect(new Set(refs).size).toBe(256);
    expect(
      entities
        .filter(e => e.kind === 'Domain')
        .map(ref)
        .sort(),
    ).toEqual(['domain:acme/acme', 'domain:globex/globex']);
    expect(
      entities
        .filter(e => e.kind === 'System')
        .map(ref)
        .sort(),
    ).toEqual([
      'system:acme/billing',
      'system:acme/shop',
      'system:globex/portal',
    ]);
    const components = entities.filter(e => e.kind === 'Component');
    expect(components).toHaveLength(250);
    expect(
      components.filter(e => e.metadata.namespace === 'acme'),
    ).toHaveLength(210);
    expect(refs).toEqual(
      expect.arrayContaining([
        'component:acme/shop-0',
        'component:acme/shop-149',
        'component:acme/billing-59',
        'component:globex/portal-39',
      ]),
    );
    // acme's 210 components came in pages of at most 100.
    expect(
      requests.filter(line =>
        line.startsWith('GET /api/v1/namespaces/acme/components 200'),
      ).length,
    ).toBeGreaterThanOrEqual(3);
    // Every entity is the provider's, under one location key.
    expect(
      mutations[0].type === 'full' &&
        new Set(mutations[0].entities.map(e => e.locationKey)),
    ).toEqual(new Set(['OpenChoreoEntityProvider']));
  });

  it('translates components with their type, system, owner and annotations', async () => {
    const { provider } = createProvider();
    const { connection, mutations } = recordingConnection();
    await provider.connect(connection);
    await provider.refresh();

    const byRef = new Map(fullEntities(mutations[0]).map(e => [ref(e), e]));
    const jenkins = byRef.get('component:acme/shop-1')!;
    expect(jenkins.metadata.title).toBe('Shop one');
    expect(jenkins.spec).toEqual({
      type: 'web-application',
      lifecycle: 'production',
      owner: 'group:default/platform-engineers',
      system: 'shop',
    });
    expect(jenkins.metadata.annotations).toEqual({
      'jenkins.io/job-full-name': 'shop/shop-1',
      'openchoreo.io/namespace': 'acme',
      'openchoreo.io/project': 'shop',
      'openchoreo.io/component': 'shop-1',
      'openchoreo.io/component-type':
        'ClusterComponentType:deployment/web-application',
      'backstage.io/managed-by-location': `url:${api.url}/api/v1/namespaces/acme/components/shop-1`,
      'backstage.io/managed-by-origin-location': `url:${api.url}/api/v1/namespaces/acme/components/shop-1`,
    });

    // billing-0 is component #150: a multiple of 3 (built-in CI), 150 % 4 = 2 (worker).
    const builtIn = byRef.get('component:acme/billing-0')!;
    expect(builtIn.spec?.type).toBe('worker');
    expect(builtIn.spec?.system).toBe('billing');
    expect(builtIn.metadata.annotations?.['openchoreo.io/workflow']).toBe(
      'ClusterWorkflow:docker-build',
    );
    expect(builtIn.metadata.annotations).not.toHaveProperty(
      'jenkins.io/job-full-name',
    );

    const globex = byRef.get('component:globex/portal-39')!;
    expect(globex.metadata.annotations?.['openchoreo.io/namespace']).toBe(
      'globex',
    );
    expect(globex.spec?.system).toBe('portal');
    expect(byRef.get('system:globex/portal')?.spec?.domain).toBe('globex');
    expect(byRef.get('domain:globex/globex')?.metadata.title).toBe('GLOBEX');
  });

  it('replaces everything it owns: a deleted component is gone from the next full mutation', async () => {
    const { provider } = createProvider();
    const { connection, mutations } = recordingConnection();
    await provider.connect(connection);

    const removed = api.store.get('Component', 'globex', 'portal-0')!;
    api.store.delete('Component', 'globex', 'portal-0');
    try {
      await provider.refresh();
    } finally {
      api.store.create(removed);
    }

    const refs = fullEntities(mutations[0]).map(ref);
    expect(refs).toHaveLength(255);
    expect(refs).not.toContain('component:globex/portal-0');
  });

  describe('the owner its entities name', () => {
    async function syncedEntities(catalog?: {
      defaultOwner?: string;
      defaultOwnerEntity?: boolean;
    }) {
      const { provider } = createProvider({ catalog });
      const { connection, mutations } = recordingConnection();
      await provider.connect(connection);
      await provider.refresh();
      return fullEntities(mutations[0]);
    }

    it('emits the owner group, so no entity page warns of a missing owner', async () => {
      const entities = await syncedEntities();
      const owners = new Set(
        entities
          .filter(e => e.kind !== 'Group')
          .map(e => (e.spec as { owner?: string }).owner),
      );
      expect(owners).toEqual(new Set(['group:default/platform-engineers']));
      const group = entities.find(e => e.kind === 'Group');
      expect(group && ref(group)).toBe('group:default/platform-engineers');
      expect(group?.spec).toEqual({ type: 'team', children: [] });
      expect(group?.metadata.annotations).toEqual({
        'backstage.io/managed-by-location': `url:${api.url}/api/v1/namespaces`,
        'backstage.io/managed-by-origin-location': `url:${api.url}/api/v1/namespaces`,
      });
    });

    it('emits a User when the owner is a user', async () => {
      const entities = await syncedEntities({ defaultOwner: 'user:ops/alice' });
      const user = entities.find(e => e.kind === 'User');
      expect(user && ref(user)).toBe('user:ops/alice');
      expect(user?.spec).toEqual({ memberOf: [] });
      expect(entities.filter(e => e.kind === 'Group')).toEqual([]);
    });

    it('emits no owner when defaultOwnerEntity is false (another source has it)', async () => {
      const entities = await syncedEntities({ defaultOwnerEntity: false });
      expect(entities.filter(e => ['Group', 'User'].includes(e.kind))).toEqual(
        [],
      );
      expect(entities).toHaveLength(255);
    });
  });

  it('applies nothing when the sync fails, so the catalog keeps its entities', async () => {
    const { provider, tasks, logger } = createProvider({
      client: clientWithWrongSecret(),
    });
    const { connection } = recordingConnection();
    await provider.connect(connection);

    await expect(tasks.runNow()).resolves.toBeUndefined();

    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalledTimes(1);
    const [line] = logger.error.mock.calls[0];
    // The shared mapping: what was refused, what to check, and for admins the token endpoint.
    expect(line).toContain(
      "OpenChoreo catalog sync failed: The portal's service account is not allowed to read namespaces, projects and components",
    );
    expect(line).toContain('invalid_client');
    expect(line).toContain('openchoreo.auth.clientSecret');
    expect(line).toContain(`[token endpoint ${idp.tokenUrl}`);
    expect(line).not.toContain('wrong-secret');
  });

  describe('immediate refresh on OPENCHOREO_COMPONENT_CHANGED_TOPIC', () => {
    async function connectWithEvents() {
      const events = DefaultEventsService.create({
        logger: mockServices.logger.mock(),
      });
      const { provider, logger } = createProvider({ events });
      const { connection, mutations } = recordingConnection();
      await provider.connect(connection);
      return { events, mutations, logger };
    }

    it('adds the changed component with its new annotations as a delta', async () => {
      const { events, mutations } = await connectWithEvents();
      const changed = api.store.get('Component', 'globex', 'portal-7')!;
      changed.metadata.annotations = {
        'jenkins.io/job-full-name': 'portal/portal-7',
      };
      api.store.replace(changed);

      // The publisher awaits the subscribers: the mutation is applied when publish resolves.
      await events.publish({
        topic: OPENCHOREO_COMPONENT_CHANGED_TOPIC,
        eventPayload: { namespace: 'globex', component: 'portal-7' },
      });

      expect(mutations).toHaveLength(1);
      const [mutation] = mutations;
      expect(mutation.type).toBe('delta');
      if (mutation.type !== 'delta') return;
      expect(mutation.removed).toEqual([]);
      expect(mutation.added).toHaveLength(1);
      expect(mutation.added[0].locationKey).toBe('OpenChoreoEntityProvider');
      const entity = mutation.added[0].entity;
      expect(ref(entity)).toBe('component:globex/portal-7');
      expect(entity.spec?.system).toBe('portal');
      expect(entity.metadata.annotations?.['jenkins.io/job-full-name']).toBe(
        'portal/portal-7',
      );
    });

    it('removes the entity when the component is gone (404)', async () => {
      const { events, mutations } = await connectWithEvents();
      const gone = api.store.get('Component', 'acme', 'billing-3')!;
      api.store.delete('Component', 'acme', 'billing-3');
      try {
        await events.publish({
          topic: OPENCHOREO_COMPONENT_CHANGED_TOPIC,
          eventPayload: { namespace: 'acme', component: 'billing-3' },
        });
      } finally {
        api.store.create(gone);
      }

      expect(mutations).toEqual([
        {
          type: 'delta',
          added: [],
          removed: [
            {
              entityRef: 'component:acme/billing-3',
              locationKey: 'OpenChoreoEntityProvider',
            },
          ],
        },
      ]);
    });

    it('ignores a malformed event', async () => {
      const { events, mutations, logger } = await connectWithEvents();

      await events.publish({
        topic: OPENCHOREO_COMPONENT_CHANGED_TOPIC,
        eventPayload: { namespace: 'acme' },
      });

      expect(mutations).toEqual([]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('Ignored openchoreo.component.changed event'),
      );
    });

    it('never fails the publisher when OpenChoreo cannot be read', async () => {
      const events = DefaultEventsService.create({
        logger: mockServices.logger.mock(),
      });
      const { provider, logger } = createProvider({
        events,
        client: clientWithWrongSecret(),
      });
      const { connection, mutations } = recordingConnection();
      await provider.connect(connection);

      await expect(
        events.publish({
          topic: OPENCHOREO_COMPONENT_CHANGED_TOPIC,
          eventPayload: { namespace: 'acme', component: 'shop-3' },
        }),
      ).resolves.toBeUndefined();

      expect(mutations).toEqual([]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'Could not refresh OpenChoreo component acme/shop-3',
        ),
      );
    });

    it('re-applies a change that arrived during a full sync after the sync', async () => {
      const events = DefaultEventsService.create({
        logger: mockServices.logger.mock(),
      });
      // Holds the namespace list until the event has been handled, so the full sync's
      // snapshot is older than the change.
      let releaseSync!: () => void;
      const syncHeld = new Promise<void>(resolve => {
        releaseSync = resolve;
      });
      const slowClient: OpenChoreoClient = {
        ...client,
        namespaces: {
          ...client.namespaces,
          listAll: async () => {
            const namespaces = await client.namespaces.listAll();
            await syncHeld;
            return namespaces;
          },
        },
      };
      const { provider } = createProvider({ events, client: slowClient });
      const { connection, mutations } = recordingConnection();
      await provider.connect(connection);

      const sync = provider.refresh();
      await events.publish({
        topic: OPENCHOREO_COMPONENT_CHANGED_TOPIC,
        eventPayload: { namespace: 'acme', component: 'shop-2' },
      });
      releaseSync();
      await sync;

      expect(mutations.map(m => m.type)).toEqual(['delta', 'full', 'delta']);
      const last = mutations[2];
      expect(
        last.type === 'delta' && last.added.map(e => ref(e.entity)),
      ).toEqual(['component:acme/shop-2']);
    });
  });

  describe('changes pushed by OpenChoreo (openchoreo.events.enabled)', () => {
    async function connect(enabled: boolean) {
      const events = DefaultEventsService.create({
        logger: mockServices.logger.mock(),
      });
      const provider = OpenChoreoEntityProvider.fromConfig(
        new ConfigReader({
          openchoreo: {
            ...config.getConfig('openchoreo').get<object>(),
            events: { enabled },
          },
        }),
        {
          logger: mockServices.logger.mock(),
          client,
          schedule: manualTaskRunner().runner,
          events,
        },
      );
      const { connection, mutations } = recordingConnection();
      await provider.connect(connection);
      return { events, mutations };
    }
    const forwarded = (kind: string, namespace: string, name: string) => ({
      topic: OPENCHOREO_FORWARDED_EVENTS_TOPIC,
      eventPayload: { kind, name, namespace, action: 'updated' },
    });

    it('refreshes a component the event forwarder reports, as one delta', async () => {
      const { events, mutations } = await connect(true);
      await events.publish(forwarded('Component', 'globex', 'portal-7'));
      expect(mutations).toHaveLength(1);
      const [mutation] = mutations;
      expect(
        mutation.type === 'delta' && mutation.added.map(e => ref(e.entity)),
      ).toEqual(['component:globex/portal-7']);
    });

    it('leaves other kinds to the full sync', async () => {
      const { events, mutations } = await connect(true);
      await events.publish(forwarded('Project', 'globex', 'portal'));
      expect(mutations).toEqual([]);
    });

    it('does not listen to the forwarder while the flag is off (the default)', async () => {
      const { events, mutations } = await connect(false);
      await events.publish(forwarded('Component', 'globex', 'portal-7'));
      expect(mutations).toEqual([]);
    });
  });
});
