import {
  applyChartEnvironment,
  checkChartEnvironment,
  Environment,
  usesProductionOverlay,
} from './chartEnvironment';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { loadConfig } from '@backstage/config-loader';
import { existsSync } from 'node:fs';
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
  OPENCHOREO_AUTH_AUTHORIZATION_URL:
    'https://thunder.openchoreo.example.com/oauth2/authorize',
  OPENCHOREO_AUTH_METADATA_URL:
    'https://thunder.openchoreo.example.com/.well-known/openid-configuration',
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

/** The chart's environment with `overrides`, prepared as packages/backend does at start-up. */
function chartEnvironment(overrides: Environment = {}): Environment {
  return applyChartEnvironment({ ...CHART_ENV, ...overrides });
}

/** Loads app-config.yaml + app-config.production.yaml as the container does, with `env` only. */
async function loadProductionConfig(overrides: Environment = {}) {
  const env = chartEnvironment(overrides);
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

  it('has the catalog provider emit the owner of what it ingests, which production has nowhere else', async () => {
    const config = await loadProductionConfig();

    expect(config.getBoolean('openchoreo.catalog.defaultOwnerEntity')).toBe(
      true,
    );
    expect(
      config.getOptionalString('openchoreo.catalog.defaultOwner'),
    ).toBeUndefined();
  });

  it('fails a scaffolder task whose process died within a minute, and never resumes it', async () => {
    const config = await loadProductionConfig();

    expect(config.get('scaffolder.taskTimeout')).toEqual({ seconds: 30 });
    expect(config.get('scaffolder.taskTimeoutJanitorFrequency')).toEqual({
      seconds: 15,
    });
    // Recovery would keep the task's secrets (the user's token) in the database.
    expect(config.getOptional('scaffolder.EXPERIMENTAL_recoverTasks')).not.toBe(
      true,
    );
    expect(config.getOptional('scaffolder.taskRecovery')).toBeUndefined();
  });

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

  describe('GitHub Actions and GitLab CI (integrations)', () => {
    const integrations = async (overrides: Environment = {}) => {
      const config = await loadProductionConfig(overrides);
      return {
        github: config.getConfigArray('integrations.github').map(c => c.get()),
        gitlab: config.getConfigArray('integrations.gitlab').map(c => c.get()),
      };
    };

    it('reads github.com and gitlab.com without tokens (not configured), never the devstack', async () => {
      expect(await integrations()).toEqual({
        github: [{ host: 'github.com', apiBaseUrl: 'https://api.github.com' }],
        gitlab: [
          {
            host: 'gitlab.com',
            apiBaseUrl: 'https://gitlab.com/api/v4',
            baseUrl: 'https://gitlab.com',
          },
        ],
      });
    });

    it('reads GitHub Enterprise from GITHUB_HOST, GITHUB_API_BASE_URL and GITHUB_TOKEN', async () => {
      expect(
        (
          await integrations({
            GITHUB_HOST: 'ghe.example.com',
            GITHUB_API_BASE_URL: 'https://ghe.example.com/api/v3/',
            GITHUB_TOKEN: 'ghs_installation_token',
          })
        ).github,
      ).toEqual([
        {
          host: 'ghe.example.com',
          apiBaseUrl: 'https://ghe.example.com/api/v3',
          token: 'ghs_installation_token',
        },
      ]);
      // Without GITHUB_API_BASE_URL, GitHub Enterprise serves its API under /api/v3.
      expect(
        (await integrations({ GITHUB_HOST: 'https://ghe.example.com/' }))
          .github,
      ).toEqual([
        {
          host: 'ghe.example.com',
          apiBaseUrl: 'https://ghe.example.com/api/v3',
        },
      ]);
    });

    it('reads self-managed GitLab from GITLAB_HOST and GITLAB_TOKEN', async () => {
      expect(
        (
          await integrations({
            GITLAB_HOST: 'gitlab.example.com:8443',
            GITLAB_TOKEN: 'glpat-portal',
          })
        ).gitlab,
      ).toEqual([
        {
          host: 'gitlab.example.com:8443',
          apiBaseUrl: 'https://gitlab.example.com:8443/api/v4',
          baseUrl: 'https://gitlab.example.com:8443',
          token: 'glpat-portal',
        },
      ]);
    });
  });

  it('connects to the chart Postgres, one database per plugin without POSTGRES_DB', async () => {
    const config = await loadProductionConfig();

    expect(config.getConfig('backend.database').get()).toEqual({
      client: 'pg',
      pluginDivisionMode: 'database',
      connection: {
        host: 'postgresql.openchoreo-control-plane.svc.cluster.local',
        port: '5432',
        user: 'backstage',
        password: 'postgres-password',
      },
    });
  });

  it('keeps every plugin in the POSTGRES_DB database, one schema per plugin', async () => {
    const config = await loadProductionConfig({ POSTGRES_DB: 'backstage' });

    expect(config.getConfig('backend.database').get()).toMatchObject({
      client: 'pg',
      pluginDivisionMode: 'schema',
      connection: { database: 'backstage' },
    });
  });

  describe('on SQLite (the chart default)', () => {
    const storage = createMockDirectory();
    const sqliteEnv = {
      DATABASE_CLIENT: 'better-sqlite3',
      SQLITE_STORAGE_DIR: storage.path,
      // The chart renders POSTGRES_DB whatever the database type.
      POSTGRES_DB: 'backstage',
      POSTGRES_HOST: undefined,
      POSTGRES_PORT: undefined,
      POSTGRES_USER: undefined,
      POSTGRES_PASSWORD: undefined,
    };

    it('writes one database file per plugin under SQLITE_STORAGE_DIR', async () => {
      const config = await loadProductionConfig(sqliteEnv);
      const database = DatabaseManager.fromConfig(config).forPlugin('catalog', {
        logger: mockServices.logger.mock(),
        lifecycle: mockServices.lifecycle.mock(),
      });

      const client = await database.getClient();
      try {
        await client.schema.createTable('survives_restarts', table => {
          table.string('id');
        });
      } finally {
        await client.destroy();
      }

      expect(config.getString('backend.database.client')).toBe(
        'better-sqlite3',
      );
      expect(existsSync(resolvePath(storage.path, 'catalog.sqlite'))).toBe(
        true,
      );
    });

    it('reports SQLITE_STORAGE_DIR when it is missing', () => {
      expect(
        checkChartEnvironment(
          chartEnvironment({ ...sqliteEnv, SQLITE_STORAGE_DIR: '' }),
        ),
      ).toEqual([
        expect.stringMatching(
          /^SQLITE_STORAGE_DIR is not set \(backend\.database\.connection\.directory\)/,
        ),
      ]);
    });
  });

  it('takes the portal URLs from the chart', async () => {
    const config = await loadProductionConfig();

    expect(config.getString('app.baseUrl')).toBe(CHART_ENV.BACKSTAGE_BASE_URL);
    expect(config.getString('backend.baseUrl')).toBe(
      CHART_ENV.BACKSTAGE_BASE_URL,
    );
  });

  it('accepts the backend secret in the current externalAccess form, not the deprecated backend.auth.keys', async () => {
    const config = await loadProductionConfig();

    expect(config.has('backend.auth.keys')).toBe(false);
    expect(config.getConfigArray('backend.auth.externalAccess')).toHaveLength(
      1,
    );
    expect(
      config.getConfigArray('backend.auth.externalAccess')[0].get(),
    ).toEqual({
      type: 'legacy',
      options: {
        secret: CHART_ENV.BACKEND_SECRET,
        subject: 'legacy-default-config',
      },
    });
  });

  describe('feature flags', () => {
    it.each([
      [undefined, false],
      ['true', false],
      ['false', true],
      ['False', true],
    ])(
      'with OPENCHOREO_FEATURES_AUTH_ENABLED=%p allows guest sign-in in production: %p',
      async (authEnabled, guestAllowed) => {
        const config = await loadProductionConfig({
          OPENCHOREO_FEATURES_AUTH_ENABLED: authEnabled,
        });

        expect(config.getString('auth.environment')).toBe('production');
        expect(
          config.getBoolean(
            'auth.providers.guest.dangerouslyAllowOutsideDevelopment',
          ),
        ).toBe(guestAllowed);
        expect(config.getBoolean('openchoreo.features.auth.enabled')).toBe(
          !guestAllowed,
        );
      },
    );

    it.each([
      [{}, true],
      [{ OPENCHOREO_FEATURES_AUTH_ENABLED: 'false' }, false],
      [{ PORTAL_OPENCHOREO_USER_TOKENS: 'false' }, false],
      [
        {
          OPENCHOREO_FEATURES_AUTH_ENABLED: 'false',
          PORTAL_OPENCHOREO_USER_TOKENS: 'true',
        },
        true,
      ],
    ])(
      'calls OpenChoreo with user tokens (openchoreo.auth.userTokens) given %p: %p',
      async (overrides, userTokens) => {
        const config = await loadProductionConfig(overrides);

        expect(config.getBoolean('openchoreo.auth.userTokens')).toBe(
          userTokens,
        );
      },
    );

    it('signs people in through the chart identity provider by default', async () => {
      const config = await loadProductionConfig();

      expect(config.getString('openchoreo.signIn.provider')).toBe('openchoreo');
      expect(config.getBoolean('openchoreo.signIn.guest')).toBe(false);
      expect(config.getConfig('auth.providers.openchoreo').keys()).toEqual([
        'production',
      ]);
      expect(
        config.getConfig('auth.providers.openchoreo.production').get(),
      ).toEqual({
        metadataUrl: CHART_ENV.OPENCHOREO_AUTH_METADATA_URL,
        clientId: 'openchoreo-backstage-client',
        clientSecret: 'backstage-client-secret',
        additionalScopes: 'openid profile email',
        prompt: 'auto',
      });
      expect(config.getString('auth.session.secret')).toBe(
        CHART_ENV.BACKEND_SECRET,
      );
    });

    it('finds the discovery document at the authorization URL origin, and takes the scope', async () => {
      const config = await loadProductionConfig({
        OPENCHOREO_AUTH_METADATA_URL: '',
        OPENCHOREO_AUTH_OIDC_SCOPE: 'openid profile email groups',
      });

      expect(
        config.getString('auth.providers.openchoreo.production.metadataUrl'),
      ).toBe(
        'https://thunder.openchoreo.example.com/.well-known/openid-configuration',
      );
      expect(
        config.getString(
          'auth.providers.openchoreo.production.additionalScopes',
        ),
      ).toBe('openid profile email groups');
    });

    it('offers only guest sign-in without an identity provider', async () => {
      const config = await loadProductionConfig({
        OPENCHOREO_FEATURES_AUTH_ENABLED: 'false',
      });

      expect(config.getString('openchoreo.signIn.provider')).toBe('guest');
      expect(config.getBoolean('openchoreo.signIn.guest')).toBe(true);
    });

    it('maps the workflows, authz and events flags, with the defaults of the chart', async () => {
      const defaults = await loadProductionConfig();
      const set = await loadProductionConfig({
        OPENCHOREO_FEATURES_WORKFLOWS_ENABLED: 'false',
        OPENCHOREO_FEATURES_AUTHZ_ENABLED: 'true',
        OPENCHOREO_EVENTS_ENABLED: 'true',
      });

      expect(defaults.getBoolean('openchoreo.features.workflows.enabled')).toBe(
        true,
      );
      expect(
        defaults.getOptionalBoolean('openchoreo.features.authz.enabled'),
      ).toBeUndefined();
      expect(defaults.getBoolean('openchoreo.events.enabled')).toBe(false);
      expect(set.getBoolean('openchoreo.features.workflows.enabled')).toBe(
        false,
      );
      expect(set.getBoolean('openchoreo.features.authz.enabled')).toBe(true);
      expect(set.getBoolean('openchoreo.events.enabled')).toBe(true);
    });

    it("maps the event forwarder's shared secret and leaves its path to the OpenChoreo intake, not the generic ingress", async () => {
      const config = await loadProductionConfig({
        OPENCHOREO_EVENTS_ENABLED: 'true',
        OPENCHOREO_EVENTS_SECRET: 'forwarder-secret-0123456789',
      });

      expect(config.getString('openchoreo.events.secret')).toBe(
        'forwarder-secret-0123456789',
      );
      // The events backend's generic ingress would accept anything: the path is served by
      // eventsModuleOpenChoreoIntake of the catalog module package.
      expect(
        config.getOptionalStringArray('events.http.topics') ?? [],
      ).not.toContain('openchoreo');
    });
  });
});

describe('checkChartEnvironment', () => {
  it('finds nothing wrong with the chart defaults', () => {
    expect(checkChartEnvironment(chartEnvironment())).toEqual([]);
  });

  it('exists because an unset variable silently falls back to the local devstack', async () => {
    const config = await loadProductionConfig({
      OPENCHOREO_API_URL: undefined,
    });

    expect(config.getString('openchoreo.baseUrl')).toBe(
      'http://127.0.0.1:8080',
    );
    expect(
      checkChartEnvironment(
        chartEnvironment({ OPENCHOREO_API_URL: undefined }),
      ),
    ).toEqual([
      expect.stringMatching(
        /^OPENCHOREO_API_URL is not set \(openchoreo\.baseUrl\): the OpenChoreo API/,
      ),
    ]);
  });

  it.each([
    ['BACKSTAGE_BASE_URL', 'app.baseUrl, backend.baseUrl'],
    ['BACKEND_SECRET', 'backend.auth.externalAccess'],
    ['OPENCHOREO_AUTH_TOKEN_URL', 'openchoreo.auth.tokenUrl'],
    ['POSTGRES_HOST', 'backend.database.connection.host'],
    ['POSTGRES_USER', 'backend.database.connection.user'],
    ['POSTGRES_PASSWORD', 'backend.database.connection.password'],
  ])('names %s and its config key when it is unset or blank', (name, key) => {
    for (const value of [undefined, '', '  ']) {
      expect(
        checkChartEnvironment(chartEnvironment({ [name]: value })),
      ).toEqual([expect.stringContaining(`${name} is not set (${key}): `)]);
    }
  });

  it('names both service client variables when neither is set', () => {
    const problems = checkChartEnvironment(
      chartEnvironment({
        OPENCHOREO_AUTH_CLIENT_ID: undefined,
        OPENCHOREO_AUTH_CLIENT_SECRET: undefined,
      }),
    );

    expect(problems).toEqual([
      expect.stringContaining(
        'OPENCHOREO_SERVICE_CLIENT_ID (nor OPENCHOREO_AUTH_CLIENT_ID) is not set (openchoreo.auth.clientId)',
      ),
      expect.stringContaining(
        'OPENCHOREO_SERVICE_CLIENT_SECRET (nor OPENCHOREO_AUTH_CLIENT_SECRET) is not set (openchoreo.auth.clientSecret)',
      ),
      // ...and the sign-in needs its client too.
      expect.stringContaining(
        'OPENCHOREO_AUTH_CLIENT_ID is not set (auth.providers.openchoreo.production.clientId)',
      ),
      expect.stringContaining(
        'OPENCHOREO_AUTH_CLIENT_SECRET is not set (auth.providers.openchoreo.production.clientSecret)',
      ),
    ]);
  });

  it('lists every problem at once', () => {
    expect(
      checkChartEnvironment({ DATABASE_CLIENT: 'mysql2' }).map(
        problem => problem.split(' ')[0],
      ),
    ).toEqual([
      'BACKSTAGE_BASE_URL',
      'BACKEND_SECRET',
      'OPENCHOREO_API_URL',
      'OPENCHOREO_AUTH_TOKEN_URL',
      'OPENCHOREO_SERVICE_CLIENT_ID',
      'OPENCHOREO_SERVICE_CLIENT_SECRET',
      'DATABASE_CLIENT',
      'OPENCHOREO_AUTH_METADATA_URL',
      'OPENCHOREO_AUTH_CLIENT_ID',
      'OPENCHOREO_AUTH_CLIENT_SECRET',
    ]);
  });

  it('needs the sign-in client and the discovery document while the OpenChoreo sign-in is on', () => {
    const problems = checkChartEnvironment(
      chartEnvironment({
        OPENCHOREO_AUTH_METADATA_URL: '',
        OPENCHOREO_AUTH_AUTHORIZATION_URL: '',
        OPENCHOREO_SERVICE_CLIENT_ID: 'service',
        OPENCHOREO_SERVICE_CLIENT_SECRET: 'service-secret',
        OPENCHOREO_AUTH_CLIENT_ID: '',
      }),
    );
    expect(problems).toEqual([
      "OPENCHOREO_AUTH_METADATA_URL (nor OPENCHOREO_AUTH_AUTHORIZATION_URL) is not set (auth.providers.openchoreo.production.metadataUrl): the identity provider's OIDC discovery document (or its authorization endpoint, whose origin serves /.well-known/openid-configuration)",
      "OPENCHOREO_AUTH_CLIENT_ID is not set (auth.providers.openchoreo.production.clientId): the portal's sign-in client at the identity provider",
    ]);
    expect(
      checkChartEnvironment(
        chartEnvironment({
          OPENCHOREO_AUTH_METADATA_URL: 'thunder/.well-known',
        }),
      ),
    ).toEqual([
      'OPENCHOREO_AUTH_METADATA_URL must be an http(s) URL, got "thunder/.well-known"',
    ]);
  });

  it('needs no identity provider without the sign-in, but then no user tokens either', () => {
    const guest = {
      OPENCHOREO_FEATURES_AUTH_ENABLED: 'false',
      OPENCHOREO_AUTH_METADATA_URL: '',
      OPENCHOREO_AUTH_AUTHORIZATION_URL: '',
    };
    expect(checkChartEnvironment(chartEnvironment(guest))).toEqual([]);
    expect(
      checkChartEnvironment(
        chartEnvironment({ ...guest, PORTAL_OPENCHOREO_USER_TOKENS: 'true' }),
      ),
    ).toEqual([
      expect.stringContaining(
        'PORTAL_OPENCHOREO_USER_TOKENS=true needs the OpenChoreo sign-in',
      ),
    ]);
  });

  it.each([
    ['OPENCHOREO_FEATURES_WORKFLOWS_ENABLED', 'maybe', 'must be true or false'],
    ['OPENCHOREO_EVENTS_ENABLED', 'enabled', 'must be true or false'],
    ['PORTAL_OPENCHOREO_USER_TOKENS', 'sometimes', 'must be true or false'],
    [
      'OPENCHOREO_CATALOG_SYNC_FREQUENCY',
      '5m',
      'must be a positive whole number',
    ],
    ['POSTGRES_PORT', 'postgres', 'must be a positive whole number'],
    ['OPENCHOREO_API_URL', 'openchoreo-api:8080', 'must be an http(s) URL'],
    ['BACKSTAGE_BASE_URL', 'backstage.example.com', 'must be an http(s) URL'],
    ['BACKEND_SECRET', 'two words', 'must not contain spaces'],
  ])('rejects %s=%p', (name, value, message) => {
    expect(checkChartEnvironment(chartEnvironment({ [name]: value }))).toEqual([
      expect.stringContaining(`${name} ${message}`),
    ]);
  });

  it('requires a shared secret of at least 16 characters when the events are on, never echoing it', () => {
    expect(
      checkChartEnvironment(
        chartEnvironment({ OPENCHOREO_EVENTS_ENABLED: 'true' }),
      ),
    ).toEqual([expect.stringContaining('OPENCHOREO_EVENTS_SECRET is not set')]);
    const short = checkChartEnvironment(
      chartEnvironment({
        OPENCHOREO_EVENTS_ENABLED: 'true',
        OPENCHOREO_EVENTS_SECRET: 'short-secret',
      }),
    );
    expect(short).toEqual([
      expect.stringContaining('OPENCHOREO_EVENTS_SECRET must be at least 16'),
    ]);
    expect(short.join('\n')).not.toContain('short-secret');
    expect(
      checkChartEnvironment(
        chartEnvironment({
          OPENCHOREO_EVENTS_ENABLED: 'true',
          OPENCHOREO_EVENTS_SECRET: 'forwarder-secret-0123456789',
        }),
      ),
    ).toEqual([]);
  });

  it('never repeats the backend secret in its message', () => {
    const problems = checkChartEnvironment(
      chartEnvironment({ BACKEND_SECRET: 'very secret value' }),
    );

    expect(problems.join('\n')).not.toContain('very secret value');
  });
});

describe('usesProductionOverlay', () => {
  it.each([
    [
      ['--config', 'app-config.yaml', '--config', 'app-config.production.yaml'],
      true,
    ],
    [['--config=/app/app-config.production.yaml'], true],
    [['--config', 'app-config.yaml'], false],
    [['app-config.production.yaml'], false],
  ])('%p -> %p', (args, expected) => {
    expect(usesProductionOverlay(['node', 'packages/backend', ...args])).toBe(
      expected,
    );
  });
});
