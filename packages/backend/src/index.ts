/*
 * The portal's backend (new backend system). Each feature is added as a plugin or module;
 * the OpenChoreo plugins join here as they are built.
 */
import { createBackend } from '@backstage/backend-defaults';
import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  applyChartEnvironment,
  checkChartEnvironment,
  describeChartEnvironmentProblems,
  usesProductionOverlay,
} from './chartEnvironment';
import { configureWithConnectionDeadline } from './connectionDeadline';
import { postgresSearchEngine } from './postgresSearchEngine';
import { eventsModuleOpenChoreoIntake } from '@openchoreo-ci/plugin-catalog-backend-module-openchoreo';

applyChartEnvironment();
if (usesProductionOverlay()) {
  const problems = checkChartEnvironment(process.env);
  if (problems.length > 0) {
    process.stderr.write(`${describeChartEnvironmentProblems(problems)}\n`);
    process.exit(1);
  }
}

const backend = createBackend();

// Backstage's HTTP server, whose shutdown closes the connections still open after a deadline
// (a watched task's event stream never ends on its own), so SIGTERM ends the process in seconds.
backend.add(
  rootHttpRouterServiceFactory({
    configure: configureWithConnectionDeadline(),
  }),
);

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Auth: sign-in through OpenChoreo's identity provider (Backstage's OIDC authenticator as provider
// `openchoreo`, openchoreo.signIn), and guest sign-in (locally, or without an identity provider).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(
  import('@openchoreo-ci/plugin-auth-backend-module-openchoreo-provider'),
);
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// OpenChoreo namespaces, projects and components as Domains, Systems and Components.
backend.add(import('@openchoreo-ci/plugin-catalog-backend-module-openchoreo'));
// The catalog sync's service account (openchoreo.auth.*) is checked at start-up: in production a
// refused secret stops the backend naming OPENCHOREO_SERVICE_CLIENT_SECRET.
backend.add(import('./modules/serviceAccountCheck'));

// Scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// OpenChoreo component creation (openchoreo:component:create).
backend.add(
  import('@openchoreo-ci/plugin-scaffolder-backend-module-openchoreo'),
);
// Tasks running when the process is told to stop fail at once with a message saying so.
backend.add(import('./modules/interruptedTasks'));

// OpenChoreo: the portal's routes to the OpenChoreo API (component summaries, builds,
// annotations, wizard data) and to Jenkins (`jenkins.*` config) under /api/openchoreo/jenkins,
// behind OpenChoreo's access rule. The community Jenkins backend is not installed: its
// /api/jenkins routes would use the portal's Jenkins credentials for anyone.
backend.add(import('@openchoreo-ci/plugin-openchoreo-backend'));

// Events: the in-process bus the OpenChoreo plugins use to refresh an entity after a write.
backend.add(import('@backstage/plugin-events-backend'));
// OpenChoreo's event forwarder: POST /api/events/http/openchoreo, authenticated with
// OPENCHOREO_EVENTS_SECRET and strict, in front of the events backend's generic HTTP ingress.
backend.add(eventsModuleOpenChoreoIntake);

// Permissions, decided by the portal's own policy.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/permissionPolicy'));

// Search: Postgres when the database is Postgres, otherwise the in-memory engine.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(postgresSearchEngine);
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// User settings, notifications and signals
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// A plugin or module that cannot start (e.g. a wrong sign-in setting) stops the process with its
// message: Backstage only logs the failed start-up and would keep serving without that plugin.
backend.start().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
