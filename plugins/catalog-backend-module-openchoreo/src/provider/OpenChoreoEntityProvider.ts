import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerService,
  SchedulerServiceTaskRunner,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import {
  isOpenChoreoApiError,
  type ComponentsClient,
  type NamespacesClient,
  type ProjectsClient,
} from '@openchoreo-ci/openchoreo-client';
import {
  describeOpenChoreoError,
  readOpenChoreoFeatures,
} from '@openchoreo-ci/plugin-openchoreo-node';
import {
  isOpenChoreoName,
  OPENCHOREO_COMPONENT_CHANGED_TOPIC,
  type OpenChoreoComponentChangedEvent,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { parseForwardedEvent } from '../intake/forwardedEvent';
import { OPENCHOREO_FORWARDED_EVENTS_TOPIC } from '../intake/topic';
import {
  toComponentEntity,
  toDomainEntity,
  toOwnerEntity,
  toSystemEntity,
  TranslationContext,
} from '../translate';

/** The part of the OpenChoreo client the provider uses; the full client satisfies it. @public */
export interface OpenChoreoCatalogClient {
  namespaces: Pick<NamespacesClient, 'listAll'>;
  projects: Pick<ProjectsClient, 'listAll'>;
  components: Pick<ComponentsClient, 'listAll' | 'get'>;
}

/** Owner of every ingested entity unless `openchoreo.catalog.defaultOwner` says otherwise. @public */
export const DEFAULT_OPENCHOREO_OWNER = 'group:default/developers';
/** `spec.lifecycle` of ingested entities unless `openchoreo.catalog.defaultLifecycle` says otherwise. @public */
export const DEFAULT_OPENCHOREO_LIFECYCLE = 'production';
/** Full sync schedule unless `openchoreo.catalog.schedule` says otherwise. @public */
export const DEFAULT_OPENCHOREO_SYNC_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 5 },
    timeout: { minutes: 3 },
  };

/** Options of {@link OpenChoreoEntityProvider.fromConfig}. @public */
export interface OpenChoreoEntityProviderOptions {
  logger: LoggerService;
  /**
   * The OpenChoreo client, acting as the portal's service account: in a backend module,
   * `serviceAccount()` of `openchoreoClientServiceRef` (`@openchoreo-ci/plugin-openchoreo-node`).
   */
  client: OpenChoreoCatalogClient;
  /** Runs the full sync; wins over `scheduler`. */
  schedule?: SchedulerServiceTaskRunner;
  /** Builds the full sync's runner from `openchoreo.catalog.schedule` (or the default). */
  scheduler?: SchedulerService;
  /** When given, the provider refreshes a component at once on `OPENCHOREO_COMPONENT_CHANGED_TOPIC`. */
  events?: EventsService;
}

/**
 * Ingests OpenChoreo into the catalog: namespaces as Domains, projects as Systems and
 * components as Components, with a full sync on a schedule and an immediate delta refresh of
 * one component whenever `OPENCHOREO_COMPONENT_CHANGED_TOPIC` is published.
 * @public
 */
export class OpenChoreoEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  /** Components changed while a full sync runs; re-applied after it, since its snapshot may be older. */
  private changedDuringSync?: Map<string, OpenChoreoComponentChangedEvent>;

  /**
   * Reads `openchoreo.baseUrl` and `openchoreo.catalog.*` (schedule, owner, lifecycle) and
   * builds the provider around the given client.
   */
  static fromConfig(
    config: Config,
    options: OpenChoreoEntityProviderOptions,
  ): OpenChoreoEntityProvider {
    const catalogConfig = config.getOptionalConfig('openchoreo.catalog');
    const scheduleConfig = catalogConfig?.getOptionalConfig('schedule');
    const taskRunner =
      options.schedule ??
      options.scheduler?.createScheduledTaskRunner(
        scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : DEFAULT_OPENCHOREO_SYNC_SCHEDULE,
      );
    if (!taskRunner) {
      throw new Error(
        'OpenChoreoEntityProvider needs either a schedule (task runner) or a scheduler',
      );
    }
    return new OpenChoreoEntityProvider({
      client: options.client,
      logger: options.logger,
      taskRunner,
      events: options.events,
      // openchoreo.events.enabled (OPENCHOREO_EVENTS_ENABLED): the event forwarder pushes changes.
      forwardedEvents: readOpenChoreoFeatures(config).events,
      // openchoreo.catalog.defaultOwnerEntity: false when another source (e.g. the organisation's
      // users and groups) already has the owner; two providers of one entity conflict.
      ownerEntity:
        catalogConfig?.getOptionalBoolean('defaultOwnerEntity') ?? true,
      context: {
        baseUrl: config.getString('openchoreo.baseUrl'),
        owner:
          catalogConfig?.getOptionalString('defaultOwner') ??
          DEFAULT_OPENCHOREO_OWNER,
        lifecycle:
          catalogConfig?.getOptionalString('defaultLifecycle') ??
          DEFAULT_OPENCHOREO_LIFECYCLE,
      },
    });
  }

  constructor(
    private readonly options: {
      client: OpenChoreoCatalogClient;
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
      context: TranslationContext;
      events?: EventsService;
      /** Also refresh components changed in OpenChoreo, from {@link OPENCHOREO_FORWARDED_EVENTS_TOPIC}. */
      forwardedEvents?: boolean;
      /** Emit the Group or User entity that `context.owner` names (default true). */
      ownerEntity?: boolean;
    },
  ) {}

  getProviderName(): string {
    return 'OpenChoreoEntityProvider';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.options.logger.error(
            `OpenChoreo catalog sync failed: ${describeOpenChoreoError(error, {
              action: 'read namespaces, projects and components',
            })}`,
          );
        }
      },
    });
    await this.options.events?.subscribe({
      id: this.getProviderName(),
      topics: [
        OPENCHOREO_COMPONENT_CHANGED_TOPIC,
        ...(this.options.forwardedEvents
          ? [OPENCHOREO_FORWARDED_EVENTS_TOPIC]
          : []),
      ],
      onEvent: params =>
        params.topic === OPENCHOREO_FORWARDED_EVENTS_TOPIC
          ? this.onForwardedEvent(params)
          : this.onComponentChangedEvent(params),
    });
  }

  /** A change OpenChoreo's event forwarder pushed: a component is refreshed at once. */
  private async onForwardedEvent(params: EventParams): Promise<void> {
    const change = fromForwardedEvent(params.eventPayload);
    if (!change) {
      // Namespaces, projects and other kinds arrive with the next full sync.
      this.options.logger.debug(
        'Left a forwarded OpenChoreo event that is not a valid component change to the next full sync',
      );
      return;
    }
    await this.onComponentChangedEvent({ ...params, eventPayload: change });
  }

  /**
   * Full sync: reads every namespace, project and component (all pages) and replaces all the
   * entities this provider owns with them.
   */
  async refresh(): Promise<void> {
    const connection = this.requireConnection();
    const { client, context, logger } = this.options;
    const started = Date.now();
    this.changedDuringSync = new Map();
    try {
      const namespaces = await client.namespaces.listAll();
      const perNamespace = await Promise.all(
        namespaces.map(async namespace => {
          const name = namespace.metadata.name;
          const [projects, components] = await Promise.all([
            client.projects.listAll(name),
            client.components.listAll(name),
          ]);
          return [
            toDomainEntity(namespace, context),
            ...projects.map(project => toSystemEntity(project, name, context)),
            ...components.map(component =>
              toComponentEntity(component, name, context),
            ),
          ];
        }),
      );
      const owner =
        this.options.ownerEntity === false ? undefined : toOwnerEntity(context);
      const entities = [...(owner ? [owner] : []), ...perNamespace.flat()];
      await connection.applyMutation({
        type: 'full',
        entities: entities.map(entity => this.deferred(entity)),
      });
      logger.info(
        `OpenChoreo catalog sync: ${entities.length} entities from ${
          namespaces.length
        } namespaces in ${Date.now() - started} ms`,
      );
    } finally {
      const changed = [...(this.changedDuringSync?.values() ?? [])];
      this.changedDuringSync = undefined;
      for (const event of changed) {
        await this.refreshComponent(event);
      }
    }
  }

  /**
   * Delta refresh of one component: re-reads it and adds (replaces) its entity, or removes the
   * entity when the component no longer exists.
   */
  async refreshComponent(
    event: OpenChoreoComponentChangedEvent,
  ): Promise<void> {
    const connection = this.requireConnection();
    const { client, context } = this.options;
    if (
      !isOpenChoreoName(event.namespace) ||
      !isOpenChoreoName(event.component)
    ) {
      // OpenChoreo names are case-sensitive DNS labels, Backstage refs are not: "GREETING-SERVICE"
      // or ".." must never read another object or remove an entity.
      throw new Error(
        `"${event.namespace}/${event.component}" is not an OpenChoreo namespace/component name (lowercase DNS labels)`,
      );
    }
    this.changedDuringSync?.set(`${event.namespace}/${event.component}`, event);
    try {
      const component = await client.components.get(
        event.namespace,
        event.component,
      );
      await connection.applyMutation({
        type: 'delta',
        added: [
          this.deferred(toComponentEntity(component, event.namespace, context)),
        ],
        removed: [],
      });
    } catch (error) {
      // Removed only when OpenChoreo says this exact (validated) object does not exist; any
      // other failure leaves the entity as it is.
      if (!isOpenChoreoApiError(error, 404)) {
        throw error;
      }
      await connection.applyMutation({
        type: 'delta',
        added: [],
        removed: [
          {
            entityRef: stringifyEntityRef({
              kind: 'Component',
              namespace: event.namespace,
              name: event.component,
            }),
            locationKey: this.locationKey(),
          },
        ],
      });
    }
  }

  private async onComponentChangedEvent(params: EventParams): Promise<void> {
    const { logger } = this.options;
    const event = params.eventPayload;
    if (!isComponentChangedEvent(event)) {
      logger.warn(
        `Ignored ${OPENCHOREO_COMPONENT_CHANGED_TOPIC} event without OpenChoreo names in "namespace" and "component"`,
      );
      return;
    }
    // The publisher awaits this handler; a failure here must not fail its request. The next
    // full sync picks the component up anyway.
    try {
      await this.refreshComponent(event);
    } catch (error) {
      logger.warn(
        `Could not refresh OpenChoreo component ${event.namespace}/${
          event.component
        } in the catalog; the next full sync will: ${describeOpenChoreoError(
          error,
          { action: `read component "${event.namespace}/${event.component}"` },
        )}`,
      );
    }
  }

  private deferred(entity: Entity): DeferredEntity {
    return { entity, locationKey: this.locationKey() };
  }

  // Constant, so a changed baseUrl does not turn the provider's own entities into conflicts.
  private locationKey(): string {
    return this.getProviderName();
  }

  private requireConnection(): EntityProviderConnection {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    return this.connection;
  }
}

function isComponentChangedEvent(
  value: unknown,
): value is OpenChoreoComponentChangedEvent {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { namespace, component } = value as Record<string, unknown>;
  return isOpenChoreoName(namespace) && isOpenChoreoName(component);
}

/**
 * A component change from OpenChoreo's event forwarder (`{ kind: "Component", name, namespace }`,
 * kind case-sensitive, names by OpenChoreo's rule) as a component-changed payload; `undefined`
 * for other kinds and anything malformed, which the next full sync brings in.
 */
function fromForwardedEvent(
  payload: unknown,
): OpenChoreoComponentChangedEvent | undefined {
  const parsed = parseForwardedEvent(payload);
  if (!('event' in parsed) || parsed.event.kind !== 'Component') {
    return undefined;
  }
  return { namespace: parsed.event.namespace, component: parsed.event.name };
}
