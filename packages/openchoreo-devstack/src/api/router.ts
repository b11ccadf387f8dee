import express, { type Express } from 'express';
import type { RunObservability } from './simulation/types';
import { ResourceStore } from './store';
import { createAuthMiddleware, type ApiAuthOptions } from './auth';
import { errorHandler } from './errors';
import { requestLog } from './requestLog';
import { seedStore } from './seed';
import { namespaceRoutes } from './routes/namespaces';
import { projectRoutes } from './routes/projects';
import { componentRoutes } from './routes/components';
import { workloadRoutes } from './routes/workloads';
import { legacyWorkloadRoutes } from './routes/legacyWorkloads';
import { componentTypeRoutes } from './routes/componentTypes';
import { workflowRoutes } from './routes/workflows';
import { workflowRunRoutes } from './routes/workflowRuns';
import { platformRoutes } from './routes/platform';
import { planeRoutes } from './routes/planes';
import {
  componentReleaseRoutes,
  releaseBindingRoutes,
} from './routes/releases';
import { legacyWorkloadGuard } from './authz/legacyWorkloadGuard';
import { evaluateRoutes } from './authz/evaluateRoute';
import { API_CONTROL_PREFIX, apiControlRoutes } from './routes/controlRoutes';
import { ensureDefaultWorkflowPlane } from './simulation/workflowPlanes';
import {
  apiSeedControlRoutes,
  type ApiControlSimulation,
} from './seedControlRoutes';

/** Options of the OpenChoreo API stand-in's express app. */
export interface OpenChoreoApiRouterOptions {
  auth: ApiAuthOptions;
  /** The state to serve; a fresh in-memory store when omitted. */
  store?: ResourceStore;
  /** Seed an empty store with the getting-started and demo resources (default true). */
  seed?: boolean;
  /** Live logs and events of WorkflowRuns (the simulation); without it `/logs` and `/events` are 404. */
  observability?: RunObservability;
  /** Receives one line per request. */
  logger?: (line: string) => void;
  /** Serves the test control under `/_devstack` (seeding runs and big logs); off when omitted. */
  control?: { simulation?: ApiControlSimulation };
}

/** Builds the stand-in's express app (no listening), for `startOpenChoreoApi` and supertest. */
export function createOpenChoreoApiRouter(
  options: OpenChoreoApiRouterOptions,
): Express {
  const store = options.store ?? new ResourceStore();
  if (options.seed !== false && store.isEmpty) seedStore(store);
  // Every installation has its default workflow plane (the test control may remove it).
  ensureDefaultWorkflowPlane(store);

  const app = express();
  app.disable('x-powered-by');
  if (options.logger) app.use(requestLog(options.logger));

  app.get('/health', (_req, res) => {
    res.type('text/plain').send('OK');
  });
  app.get('/ready', (_req, res) => {
    res.type('text/plain').send('Ready');
  });

  app.use(API_CONTROL_PREFIX, apiControlRoutes(store));
  if (options.control) {
    app.use(apiSeedControlRoutes(store, options.control.simulation));
  }
  app.use('/api', createAuthMiddleware(options.auth));
  app.use(express.json({ limit: '5mb' }));
  app.use(namespaceRoutes(store));
  app.use(projectRoutes(store));
  app.use(componentRoutes(store));
  app.use(workloadRoutes(store));
  // Its handler file belongs to the legacy route; the decision stays in ./authz with the others.
  app.use(legacyWorkloadGuard(store));
  app.use(legacyWorkloadRoutes(store));
  app.use(componentTypeRoutes(store));
  app.use(workflowRoutes(store));
  app.use(workflowRunRoutes(store, options.observability));
  app.use(platformRoutes(store));
  app.use(planeRoutes(store));
  app.use(componentReleaseRoutes(store));
  app.use(releaseBindingRoutes(store));
  app.use(evaluateRoutes());
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('404 page not found\n');
  });
  app.use(errorHandler);
  return app;
}
