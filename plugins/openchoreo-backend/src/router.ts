import express from 'express';
import Router from 'express-promise-router';
import type {
  CacheService,
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { EventsService } from '@backstage/plugin-events-node';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  createOpenChoreoRequestAccess,
  readOpenChoreoFeatures,
  readUserTokensEnabled,
  type OpenChoreoClientService,
} from '@openchoreo-ci/plugin-openchoreo-node';
import {
  createAfterDeadlineHandler,
  createDeadlineMiddleware,
} from './middleware/deadline';
import { createAccess } from './routes/access';
import { createAnnotationRoutes } from './routes/annotations';
import { createBuiltInCiGuard } from './routes/builtInCi';
import { createComponentActionRoutes } from './routes/componentActions';
import { createComponentRoutes } from './routes/components';
import { createDeploymentRoutes } from './routes/deployments';
import { createExternalCiRoutes } from './routes/externalCi';
import { createJenkinsRoutes } from './routes/jenkins';
import { createToolRoutes } from './routes/tools';
import { createWizardRoutes } from './routes/wizard';
import { createWorkflowRunRoutes } from './routes/workflowRuns';
import { createBuildLogSearchRoutes } from './routes/buildLogSearch';
import { ArchivedLogsService } from './service/observer/ArchivedLogsService';
import { createComponentEditLock } from './service/annotationLock';
import { CiAccessGate } from './service/access/CiAccessGate';
import { AnnotationsService } from './service/AnnotationsService';
import { BuildTriggerService } from './service/BuildTriggerService';
import { readCiIntegrations } from './service/ciIntegrations';
import { CoalescingCache } from './service/coalescingCache';
import { ComponentActionsService } from './service/ComponentActionsService';
import { ComponentsService } from './service/ComponentsService';
import { createDeploymentsService } from './service/deployments/createDeploymentsService';
import { createExternalCiService } from './service/externalCi/createExternalCiService';
import { createRequestScopedContext } from './service/context';
import { openchoreoCallerScope } from './service/callerScope';
import { IdempotencyStore } from './service/idempotency';
import { createJenkinsAccess } from './service/jenkins/jenkinsAccess';
import { readJenkinsConnection } from './service/jenkins/jenkinsConfig';
import { JenkinsClient } from './service/jenkins/JenkinsClient';
import { RunActionsService } from './service/RunActionsService';
import { WizardService } from './service/WizardService';
import { WorkflowFactsService } from './service/WorkflowFactsService';
import { WorkflowRunsService } from './service/WorkflowRunsService';
import {
  DEFAULT_BUILDS_HISTORY_FULL_SCAN_MINUTES,
  DEFAULT_BUILDS_HISTORY_RETENTION_DAYS,
} from './service/backendConfig';
import { BuildHistoryScanner } from './service/history/BuildHistoryScanner';
import { BuildHistoryStore } from './service/history/BuildHistoryStore';

/**
 * The events-service topic of OpenChoreo's event forwarder (`OPENCHOREO_FORWARDED_EVENTS_TOPIC`
 * of the catalog module, whose intake publishes `{ kind, name, namespace, action }` there).
 */
const OPENCHOREO_FORWARDED_EVENTS_TOPIC = 'openchoreo';
import { StepLogCache } from './service/stepLogs/stepLogCache';
import { PermissionDecisionCache } from './routes/decisionCache';
import { createServerTimingMiddleware } from './middleware/serverTiming';

/** What the router needs: core services, the events service and the OpenChoreo client service. */
export interface RouterOptions {
  logger: LoggerService;
  config: Config;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  events: EventsService;
  /** The catalog, read as the user (GitHub/GitLab routes find the entity's repository). */
  catalog: CatalogService;
  /** The shared OpenChoreo client service. */
  openchoreo: OpenChoreoClientService;
  /** How long status reads are reused, in ms. */
  statusTtlMs: number;
  /** Backstage's cache service: status cache and idempotency records (Redis across replicas). */
  cache: CacheService;
  /** Backstage's database service: the annotation edit lock (PostgreSQL across replicas). */
  database: DatabaseService;
  /** The overall deadline of every request, in ms (`openchoreo.requestDeadlineMs`). */
  requestDeadlineMs: number;
  /** Runs the background scan of the builds history (one replica at a time). */
  scheduler: SchedulerService;
  /** `openchoreo.builds.indexIntervalSeconds` (0: no scan). */
  buildsIndexIntervalSeconds: number;
  /** `openchoreo.builds.history.retentionDays` (default 90). */
  buildsHistoryRetentionDays?: number;
  /** `openchoreo.builds.history.fullScanMinutes` (default 60). */
  buildsHistoryFullScanMinutes?: number;
  /** `openchoreo.cache.permissionTtlMs`: how long a user's decision is reused (default 0). */
  permissionTtlMs?: number;
  /** `openchoreo.diagnostics.serverTiming`: a `Server-Timing` header on every answer. */
  serverTiming?: boolean;
}

/** Builds the services and mounts the routes of each resource. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  // Each request reaches OpenChoreo as the signed-in user (openchoreo.auth.userTokens) or as
  // the service account; the services follow the request they serve.
  const accessOf = (userTokens: boolean) =>
    createOpenChoreoRequestAccess({
      openchoreo: options.openchoreo,
      logger: options.logger,
      userTokens,
    });
  const requestAccess = accessOf(readUserTokensEnabled(options.config));
  const features = readOpenChoreoFeatures(options.config);
  const serviceAccount = accessOf(false)(undefined);
  const ctx = createRequestScopedContext({
    serviceAccount,
    cache: new CoalescingCache({
      ttlMs: options.statusTtlMs,
      store: options.cache,
      logger: options.logger,
    }),
  });
  const workflows = new WorkflowFactsService(ctx);
  const history = await BuildHistoryStore.create({
    database: options.database,
  });
  const scanning =
    options.buildsIndexIntervalSeconds > 0 && options.statusTtlMs > 0;
  const runs = new WorkflowRunsService(ctx, workflows, {
    history,
    scanning,
    logs: new StepLogCache({
      ttlMs: options.statusTtlMs,
      store: options.cache,
      logger: options.logger,
    }),
  });
  if (scanning) {
    await scheduleBuildsHistoryScan(
      options,
      new BuildHistoryScanner({
        store: history,
        ctx: accessOf(false)(undefined),
        summarize: (namespace, run) => runs.summarize(namespace, run),
        logger: options.logger,
        intervalMs: options.buildsIndexIntervalSeconds * 1000,
        fullScanEveryMs:
          (options.buildsHistoryFullScanMinutes ??
            DEFAULT_BUILDS_HISTORY_FULL_SCAN_MINUTES) * 60_000,
        retentionMs:
          (options.buildsHistoryRetentionDays ??
            DEFAULT_BUILDS_HISTORY_RETENTION_DAYS) * 86_400_000,
      }),
    );
  }
  const components = new ComponentsService(ctx, runs);
  const trigger = new BuildTriggerService(
    ctx,
    components,
    runs,
    new IdempotencyStore({ store: options.cache, logger: options.logger }),
  );
  const annotations = new AnnotationsService(
    ctx,
    components,
    await createComponentEditLock(options),
    options.events,
  );
  const wizard = new WizardService(ctx, { builtInCi: features.workflows });
  const access = createAccess({
    ...options,
    decisions: new PermissionDecisionCache({
      store: options.cache,
      logger: options.logger,
      ttlMs: options.permissionTtlMs ?? 0,
    }),
  });
  const actions = new ComponentActionsService(
    ctx,
    components,
    options.permissions,
    options.logger,
    { builtInCi: features.workflows, workflows },
  );

  const router = Router();
  if (options.serverTiming) {
    router.use(createServerTimingMiddleware());
  }
  router.use(express.json({ limit: '256kb' }));
  router.use(
    createDeadlineMiddleware({
      deadlineMs: options.requestDeadlineMs,
      logger: options.logger,
    }),
  );
  router.use(openchoreoCallerScope(requestAccess));
  router.use(createComponentRoutes({ access, components }));
  router.use(createBuiltInCiGuard(features.workflows));
  const archived = new ArchivedLogsService(
    ctx,
    serviceAccount,
    runs,
    options.logger,
  );
  router.use(
    createWorkflowRunRoutes({
      access,
      runs,
      actions: new RunActionsService(ctx, components, runs, trigger, workflows),
      archived,
    }),
  );
  router.use(createBuildLogSearchRoutes({ access, archived }));
  router.use(createAnnotationRoutes({ access, annotations }));
  router.use(createComponentActionRoutes({ access, actions }));
  const externalCi = createExternalCiService(
    options.config,
    ttlMs =>
      new CoalescingCache({
        ttlMs,
        store: options.cache,
        logger: options.logger,
        name: 'external-ci',
      }),
  );
  // One rule for everything done with the portal's own CI credentials (External CI, Jenkins).
  const gate = new CiAccessGate(ctx, components, actions);
  router.use(
    createExternalCiRoutes({
      access,
      catalog: options.catalog,
      externalCi,
      gate,
    }),
  );
  const jenkinsConnection = readJenkinsConnection(options.config);
  router.use(
    createJenkinsRoutes({
      access,
      jenkinsAccess: createJenkinsAccess({ components, gate }),
      jenkins: jenkinsConnection && new JenkinsClient(jenkinsConnection),
    }),
  );
  router.use(
    createWizardRoutes({
      access,
      wizard,
      ciIntegrations: () => ({
        integrations: [
          ...readCiIntegrations(options.config).integrations,
          ...externalCi.integrations(),
        ],
      }),
    }),
  );
  router.use(
    createDeploymentRoutes({
      access,
      deployments: createDeploymentsService({ ...options, ctx, components }),
    }),
  );
  router.use(createToolRoutes(options));
  router.use(createAfterDeadlineHandler(options.logger));
  return router;
}

/**
 * Keeps the builds history up to date once per `openchoreo.builds.indexIntervalSeconds` for
 * every replica (global scope: one replica at a time), and at once for the components and runs
 * the events intake reports (`openchoreo.events.enabled`). Off with the cache off.
 */
async function scheduleBuildsHistoryScan(
  options: RouterOptions,
  scanner: BuildHistoryScanner,
): Promise<void> {
  const seconds = options.buildsIndexIntervalSeconds;
  await options.scheduler.scheduleTask({
    id: 'openchoreo-builds-history',
    scope: 'global',
    frequency: { seconds },
    timeout: { seconds: Math.max(60, 5 * seconds) },
    fn: async () => {
      try {
        const report = await scanner.run();
        if (report) {
          options.logger.debug(
            `Builds history: ${report.namespaces} namespace(s), ${report.fullScans} listed in full, ${report.reread} unfinished build(s) re-read, ${report.purged} deleted build(s) past retention removed`,
          );
        }
      } catch (error) {
        options.logger.warn(
          `Could not update the builds history from OpenChoreo; the lists show it as last updated until the next scan succeeds: ${error}`,
        );
      }
    },
  });
  await options.events.subscribe({
    id: 'openchoreo-builds-history',
    topics: [OPENCHOREO_FORWARDED_EVENTS_TOPIC],
    onEvent: async ({ eventPayload }) => {
      const event = eventPayload as {
        kind?: unknown;
        name?: unknown;
        namespace?: unknown;
      };
      if (
        typeof event.name !== 'string' ||
        typeof event.namespace !== 'string'
      ) {
        return;
      }
      try {
        if (event.kind === 'Component') {
          await scanner.refreshComponent(event.namespace, event.name);
        } else if (event.kind === 'WorkflowRun') {
          await scanner.refreshRun(event.namespace, event.name);
        }
      } catch (error) {
        options.logger.warn(
          `Could not update the builds history after an OpenChoreo event about ${event.kind} "${event.namespace}/${event.name}"; the next scan will: ${error}`,
        );
      }
    },
  });
}
