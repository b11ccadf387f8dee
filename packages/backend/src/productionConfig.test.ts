import { applyChartEnvironmentFallbacks } from './chartEnvironment';
import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { loadConfig } from '@backstage/config-loader';
import { resolve as resolvePath } from 'node:path';

const repoRoot = resolvePath(__dirname, '../../..');

/** What the upstream OpenChoreo chart renders into the portal container by default. */
const CHART_ENV: Record<string, string> = {
  BACKSTAGE_BASE_URL: 'https://portal.openchoreo.example.com',
  BACKEND_SECRET: 'backend-secret-from-the-chart-secret',
  OPENCHOREO_API_URL:
    'http://api-server.openchoreo-control-plane.svc.cluster.local:8080/api/v1',
  OPENCHOREO_AUTH_CLIENT_ID: 'openchoreo-backstage-client',
  OPENCHOREO_AUTH_CLIENT_SECRET: 'backstage-client-secret',
  OPENCHOREO_AUTH_TOKEN_URL:
    'http://thunder-service.openchoreo-control-plane.svc.cluster.local:8090/oauth2/token',
  OPENCHOREO_CATALOG_SYNC_FREQUENCY: '300',
  // Rendered whether or not externalCI.jenkins.enabled is true.
  JENKINS_BASE_URL: 'http://jenkins.jenkins.svc.cluster.local:8080',
  JENKINS_USERNAME: 'admin',
  JENKINS_API_KEY: 'placeholder',
  DATABASE_CLIENT: 'pg',
  POSTGRES_HOST: 'postgresql.openchoreo-control-plane.svc.cluster.local',
  POSTGRES_PORT: '5432',
  POSTGRES_USER: 'backstage',
  POSTGRES_PASSWORD: 'postgres-password',
};

/** Loads app-config.yaml + app-config.production.yaml as the container does, with `env` only. */
async function loadProductionConfig(
  overrides: Record<string, string | undefined> = {},
) {
  const env = applyChartEnvironmentFallbacks({
    ...CHART_ENV,
    ...overrides,
  });
  const { appConfigs } = await loadConfig({
    configRoot: repoRoot,
    configTargets: [
      { path: resolvePath(repoRoot, 'app-config.yaml') },
      { path: resolvePath(repoRoot, 'app-config.production.yaml') },
    ],
    // Same as Backstage's default substitution, but reading `env` instead of process.env.
    experimentalEnvFunc: async name => env[name]?.trim(),
  });
  return ConfigReader.fromConfigs(appConfigs);
}

describe('app-config.production.yaml with the Helm chart environment', () => {
  it('points the service client at the chart API URL, /api/v1 suffix included', async () => {
    const config = await loadProductionConfig();

    expect(config.getString('openchoreo.baseUrl')).toBe(
      'http://api-server.openchoreo-control-plane.svc.cluster.local:8080/api/v1',
    );
    expect(config.getString('openchoreo.auth.tokenUrl')).toBe(
      CHART_ENV.OPENCHOREO_AUTH_TOKEN_URL,
    );
  });

  it('uses the sign-in client as the service account when no service client is set', async () => {
    const config = await loadProductionConfig();

    expect(config.getString('openchoreo.auth.clientId')).toBe(
      'openchoreo-backstage-client',
    );
    expect(config.getString('openchoreo.auth.clientSecret')).toBe(
      'backstage-client-secret',
    );
  });

  it('prefers a dedicated service client', async () => {
    const config = await loadProductionConfig({
      OPENCHOREO_SERVICE_CLIENT_ID: 'openchoreo-portal-service',
      OPENCHOREO_SERVICE_CLIENT_SECRET: 'service-secret',
    });

    expect(config.getString('openchoreo.auth.clientId')).toBe(
      'openchoreo-portal-service',
    );
    expect(config.getString('openchoreo.auth.clientSecret')).toBe(
      'service-secret',
    );
  });

  it('syncs the catalog every OPENCHOREO_CATALOG_SYNC_FREQUENCY seconds', async () => {
    const config = await loadProductionConfig({
      OPENCHOREO_CATALOG_SYNC_FREQUENCY: '45',
    });

    expect(
      readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('openchoreo.catalog.schedule'),
      ),
    ).toMatchObject({ frequency: { seconds: 45 }, timeout: { minutes: 3 } });
  });

  it.each([undefined, ''])(
    'syncs every 300 seconds when the frequency is %p',
    async frequency => {
      const config = await loadProductionConfig({
        OPENCHOREO_CATALOG_SYNC_FREQUENCY: frequency,
      });

      expect(
        readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('openchoreo.catalog.schedule'),
        ).frequency,
      ).toEqual({ seconds: 300 });
    },
  );

  it('reads Jenkins in the shape the community Jenkins backend expects', async () => {
    const config = await loadProductionConfig({
      JENKINS_API_KEY: '11d0e5a7c1b2f3e4d5c6b7a8f9e0d1c2b3',
    });

    expect(config.getConfig('jenkins').get()).toEqual({
      baseUrl: 'http://jenkins.jenkins.svc.cluster.local:8080',
      username: 'admin',
      apiKey: '11d0e5a7c1b2f3e4d5c6b7a8f9e0d1c2b3',
    });
  });

  it.each([
    ['a placeholder', 'placeholder', 'placeholder'],
    ['"changeme"', 'changeme', 'changeme'],
    ['an empty value', '', 'placeholder'],
    ['no value', undefined, 'placeholder'],
  ])(
    'still loads when the Jenkins API key is %s, with a key the portal reports as not configured',
    async (_what, apiKey, expected) => {
      const config = await loadProductionConfig({ JENKINS_API_KEY: apiKey });

      // getString is what the Jenkins backend uses: it throws on empty strings.
      expect(config.getString('jenkins.apiKey')).toBe(expected);
      expect(config.getString('jenkins.baseUrl')).toBe(
        CHART_ENV.JENKINS_BASE_URL,
      );
      expect(config.getString('jenkins.username')).toBe('admin');
    },
  );

  it('never falls back to the local devstack Jenkins when the chart renders nothing', async () => {
    const config = await loadProductionConfig({
      JENKINS_BASE_URL: '',
      JENKINS_USERNAME: undefined,
      JENKINS_API_KEY: undefined,
    });

    expect(config.getConfig('jenkins').get()).toEqual({
      baseUrl: 'http://jenkins.not-configured.invalid',
      username: 'placeholder',
      apiKey: 'placeholder',
    });
  });

  it('connects to the chart Postgres', async () => {
    const config = await loadProductionConfig();

    expect(config.getConfig('backend.database').get()).toEqual({
      client: 'pg',
      connection: {
        host: 'postgresql.openchoreo-control-plane.svc.cluster.local',
        port: '5432',
        user: 'backstage',
        password: 'postgres-password',
      },
    });
  });

  it('can run on SQLite', async () => {
    const config = await loadProductionConfig({
      DATABASE_CLIENT: 'better-sqlite3',
      POSTGRES_HOST: undefined,
      POSTGRES_PORT: undefined,
      POSTGRES_USER: undefined,
      POSTGRES_PASSWORD: undefined,
    });

    expect(config.getString('backend.database.client')).toBe('better-sqlite3');
  });

  it('takes the portal URLs and backend secret from the chart', async () => {
    const config = await loadProductionConfig();

    expect(config.getString('app.baseUrl')).toBe(CHART_ENV.BACKSTAGE_BASE_URL);
    expect(config.getString('backend.baseUrl')).toBe(
      CHART_ENV.BACKSTAGE_BASE_URL,
    );
    expect(
      config.getConfigArray('backend.auth.keys')[0].getString('secret'),
    ).toBe(CHART_ENV.BACKEND_SECRET);
  });
});
