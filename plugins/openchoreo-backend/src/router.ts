import express from 'express';
import Router from 'express-promise-router';
import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  createOpenChoreoCall,
  type OpenChoreoClientService,
} from '@openchoreo-ci/plugin-openchoreo-node';
import { createAccess } from './routes/access';
import { createAnnotationRoutes } from './routes/annotations';
import { createComponentRoutes } from './routes/components';
import { createWizardRoutes } from './routes/wizard';
import { createWorkflowRunRoutes } from './routes/workflowRuns';
import { AnnotationsService } from './service/AnnotationsService';
import { BuildTriggerService } from './service/BuildTriggerService';
import { readCiIntegrations } from './service/ciIntegrations';
import { CoalescingCache } from './service/coalescingCache';
import { ComponentsService } from './service/ComponentsService';
import type { OpenChoreoServiceContext } from './service/context';
import { IdempotencyStore } from './service/idempotency';
import { KeyedMutex } from './service/keyedMutex';
import { WizardService } from './service/WizardService';
import { WorkflowRunsService } from './service/WorkflowRunsService';

/** What the router needs: core services, the events service and the OpenChoreo client service. */
export interface RouterOptions {
  logger: LoggerService;
  config: Config;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  events: EventsService;
  /** The shared OpenChoreo client service. */
  openchoreo: OpenChoreoClientService;
  /** How long status reads are reused, in ms. */
  statusTtlMs: number;
}

/** Builds the services and mounts the routes of each resource. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const ctx: OpenChoreoServiceContext = {
    client: options.openchoreo.serviceAccount(),
    cache: new CoalescingCache({ ttlMs: options.statusTtlMs }),
    call: createOpenChoreoCall({ logger: options.logger }),
  };
  const runs = new WorkflowRunsService(ctx);
  const components = new ComponentsService(ctx, runs);
  const trigger = new BuildTriggerService(
    ctx,
    components,
    runs,
    new IdempotencyStore(),
  );
  const annotations = new AnnotationsService(
    ctx,
    components,
    new KeyedMutex(),
    options.events,
  );
  const wizard = new WizardService(ctx);
  const access = createAccess(options);

  const router = Router();
  router.use(express.json({ limit: '256kb' }));
  router.use(createComponentRoutes({ access, components }));
  router.use(createWorkflowRunRoutes({ access, runs, trigger }));
  router.use(createAnnotationRoutes({ access, annotations }));
  router.use(
    createWizardRoutes({
      access,
      wizard,
      ciIntegrations: () => readCiIntegrations(options.config),
    }),
  );
  return router;
}
