/*
 * The environment the upstream OpenChoreo Helm chart renders into the portal container
 * (docs/chart-environment.md), prepared before the config is read and checked when the
 * backend runs with app-config.production.yaml. Backstage's config substitution can fall back
 * to a literal but not to another variable, and cannot express "if": the few values that depend
 * on other variables are derived here into `PORTAL_*` variables that the overlay reads.
 */
import { basename } from 'node:path';

/** Environment variables by name, like `process.env`. */
export type Environment = Record<string, string | undefined>;

/** The config file that maps the chart's variables; loading it means "running as deployed". */
export const PRODUCTION_OVERLAY = 'app-config.production.yaml';

const TRUE = /^(?:y|yes|true|1|on)$/i;
const FALSE = /^(?:n|no|false|0|off)$/i;

function read(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function readFlag(env: Environment, name: string): boolean | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  if (TRUE.test(value)) return true;
  if (FALSE.test(value)) return false;
  return undefined;
}

/** The database client the overlay selects: `DATABASE_CLIENT`, PostgreSQL when unset. */
export function databaseClient(env: Environment): string {
  return read(env, 'DATABASE_CLIENT') ?? 'pg';
}

/**
 * Fills in what the chart leaves to the portal, in place, before the config is read:
 * - the sign-in client doubles as the service account when the chart sets no
 *   `OPENCHOREO_SERVICE_CLIENT_*` (its default);
 * - `PORTAL_DATABASE_DIVISION_MODE`: `schema` (one schema per plugin inside `POSTGRES_DB`) when
 *   PostgreSQL is given a database, else `database` (one database per plugin, Backstage's
 *   default, which needs the CREATEDB privilege; the only mode SQLite supports);
 * - `PORTAL_GUEST_SIGN_IN`: `true` only when `OPENCHOREO_FEATURES_AUTH_ENABLED` is false (the
 *   chart's `security.enabled: false`, no identity provider);
 * - `PORTAL_OPENCHOREO_USER_TOKENS` (user actions reach OpenChoreo with the user's own token),
 *   when not set explicitly: on exactly when users sign in through OpenChoreo's identity
 *   provider (`OPENCHOREO_FEATURES_AUTH_ENABLED`, default true); guests have no such token;
 * - `PORTAL_SIGN_IN_PROVIDER`: `openchoreo` (sign-in through OpenChoreo's identity provider)
 *   unless `OPENCHOREO_FEATURES_AUTH_ENABLED` is false, then `guest`;
 * - `PORTAL_AUTH_METADATA_URL`: the OIDC discovery document Backstage's OIDC provider reads,
 *   `OPENCHOREO_AUTH_METADATA_URL`, else the standard location at the origin of
 *   `OPENCHOREO_AUTH_AUTHORIZATION_URL` (the chart's other form, which names only the endpoints);
 * - `PORTAL_GITHUB_HOST` / `PORTAL_GITHUB_API_BASE_URL` (`integrations.github[0]`): `GITHUB_HOST`
 *   (default github.com; a URL is reduced to its host) and `GITHUB_API_BASE_URL`, else
 *   `https://api.github.com` for github.com and `https://<host>/api/v3` for GitHub Enterprise;
 * - `PORTAL_GITLAB_HOST` / `PORTAL_GITLAB_BASE_URL` / `PORTAL_GITLAB_API_BASE_URL`
 *   (`integrations.gitlab[0]`): `GITLAB_HOST` (default gitlab.com; a URL keeps its scheme for the
 *   base URL) and its `/api/v4`.
 */
export function applyChartEnvironment(
  env: Environment = process.env,
): Environment {
  env.OPENCHOREO_SERVICE_CLIENT_ID ||= env.OPENCHOREO_AUTH_CLIENT_ID;
  env.OPENCHOREO_SERVICE_CLIENT_SECRET ||= env.OPENCHOREO_AUTH_CLIENT_SECRET;
  env.PORTAL_DATABASE_DIVISION_MODE =
    databaseClient(env) === 'pg' && read(env, 'POSTGRES_DB')
      ? 'schema'
      : 'database';
  const authEnabled = readFlag(env, 'OPENCHOREO_FEATURES_AUTH_ENABLED') ?? true;
  env.PORTAL_GUEST_SIGN_IN = String(!authEnabled);
  if (!read(env, 'PORTAL_OPENCHOREO_USER_TOKENS')) {
    env.PORTAL_OPENCHOREO_USER_TOKENS = String(authEnabled);
  }
  env.PORTAL_SIGN_IN_PROVIDER = authEnabled ? 'openchoreo' : 'guest';
  const metadataUrl =
    read(env, 'OPENCHOREO_AUTH_METADATA_URL') ??
    discoveryAtOriginOf(read(env, 'OPENCHOREO_AUTH_AUTHORIZATION_URL'));
  if (metadataUrl) {
    env.PORTAL_AUTH_METADATA_URL = metadataUrl;
  } else {
    delete env.PORTAL_AUTH_METADATA_URL;
  }
  const github = hostAndBase(read(env, 'GITHUB_HOST'), 'github.com');
  env.PORTAL_GITHUB_HOST = github.host;
  env.PORTAL_GITHUB_API_BASE_URL =
    read(env, 'GITHUB_API_BASE_URL')?.replace(/\/+$/, '') ??
    (github.host === 'github.com'
      ? 'https://api.github.com'
      : `${github.baseUrl}/api/v3`);
  const gitlab = hostAndBase(read(env, 'GITLAB_HOST'), 'gitlab.com');
  env.PORTAL_GITLAB_HOST = gitlab.host;
  env.PORTAL_GITLAB_BASE_URL = gitlab.baseUrl;
  env.PORTAL_GITLAB_API_BASE_URL = `${gitlab.baseUrl}/api/v4`;
  return env;
}

/** `ghe.example.com` or `https://ghe.example.com/` → its host and `https://` (or given) base URL. */
function hostAndBase(
  value: string | undefined,
  fallback: string,
): { host: string; baseUrl: string } {
  const given = value ?? fallback;
  try {
    const url = new URL(
      /^[a-z][a-z0-9+.-]*:\/\//i.test(given) ? given : `https://${given}`,
    );
    return { host: url.host, baseUrl: `${url.protocol}//${url.host}` };
  } catch {
    return { host: given, baseUrl: `https://${given}` };
  }
}

/** `<origin>/.well-known/openid-configuration` of an http(s) URL; undefined otherwise. */
function discoveryAtOriginOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { origin, protocol } = new URL(url);
    return ['http:', 'https:'].includes(protocol)
      ? `${origin}/.well-known/openid-configuration`
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `argv` loads the production overlay (`--config <path>` or `--config=<path>`). */
export function usesProductionOverlay(argv: string[] = process.argv): boolean {
  return argv.some((arg, index) => {
    let path: string | undefined;
    if (arg === '--config') path = argv[index + 1];
    else if (arg.startsWith('--config=')) path = arg.slice('--config='.length);
    return path !== undefined && basename(path) === PRODUCTION_OVERLAY;
  });
}

interface RequiredSetting {
  /** The variables that can provide it, preferred first. */
  variables: string[];
  configKey: string;
  what: string;
}

const ALWAYS_REQUIRED: RequiredSetting[] = [
  {
    variables: ['BACKSTAGE_BASE_URL'],
    configKey: 'app.baseUrl, backend.baseUrl',
    what: "the portal's public URL, e.g. https://backstage.example.com",
  },
  {
    variables: ['BACKEND_SECRET'],
    configKey: 'backend.auth.externalAccess',
    what: 'a random secret without spaces, e.g. the output of `openssl rand -base64 24`',
  },
  {
    variables: ['OPENCHOREO_API_URL'],
    configKey: 'openchoreo.baseUrl',
    what: 'the OpenChoreo API, e.g. http://openchoreo-api.openchoreo-control-plane.svc.cluster.local:8080/api/v1',
  },
  {
    variables: ['OPENCHOREO_AUTH_TOKEN_URL'],
    configKey: 'openchoreo.auth.tokenUrl',
    what: "the identity provider's OAuth2 token endpoint",
  },
  {
    variables: ['OPENCHOREO_SERVICE_CLIENT_ID', 'OPENCHOREO_AUTH_CLIENT_ID'],
    configKey: 'openchoreo.auth.clientId',
    what: "the portal's service account (client credentials)",
  },
  {
    variables: [
      'OPENCHOREO_SERVICE_CLIENT_SECRET',
      'OPENCHOREO_AUTH_CLIENT_SECRET',
    ],
    configKey: 'openchoreo.auth.clientSecret',
    what: "the service account's client secret",
  },
];

const POSTGRES_REQUIRED: RequiredSetting[] = [
  ['POSTGRES_HOST', 'host', 'the PostgreSQL host'],
  ['POSTGRES_USER', 'user', 'the PostgreSQL user'],
  ['POSTGRES_PASSWORD', 'password', "the PostgreSQL user's password"],
].map(([variable, key, what]) => ({
  variables: [variable],
  configKey: `backend.database.connection.${key}`,
  what,
}));

const SQLITE_REQUIRED: RequiredSetting = {
  variables: ['SQLITE_STORAGE_DIR'],
  configKey: 'backend.database.connection.directory',
  what: "the persistent volume's mount path; without it the database files would be written to the working directory and lost on restart",
};

const FLAGS = [
  'PORTAL_OPENCHOREO_USER_TOKENS',
  'OPENCHOREO_FEATURES_AUTH_ENABLED',
  'OPENCHOREO_FEATURES_AUTHZ_ENABLED',
  'OPENCHOREO_FEATURES_WORKFLOWS_ENABLED',
  'OPENCHOREO_EVENTS_ENABLED',
];

function missing(env: Environment, setting: RequiredSetting): string[] {
  if (setting.variables.some(name => read(env, name))) return [];
  const [first, ...alternatives] = setting.variables;
  const or = alternatives.length ? ` (nor ${alternatives.join(', ')})` : '';
  return [`${first}${or} is not set (${setting.configKey}): ${setting.what}`];
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function invalidValues(env: Environment): string[] {
  const problems: string[] = [];
  for (const name of [
    'BACKSTAGE_BASE_URL',
    'OPENCHOREO_API_URL',
    'OPENCHOREO_AUTH_TOKEN_URL',
  ]) {
    const value = read(env, name);
    if (value !== undefined && !isHttpUrl(value)) {
      problems.push(`${name} must be an http(s) URL, got "${value}"`);
    }
  }
  // BACKEND_SECRET's value is never echoed: it is a secret.
  if (/\s/.test(read(env, 'BACKEND_SECRET') ?? '')) {
    problems.push('BACKEND_SECRET must not contain spaces');
  }
  for (const name of ['POSTGRES_PORT', 'OPENCHOREO_CATALOG_SYNC_FREQUENCY']) {
    const value = read(env, name);
    if (value !== undefined && !/^[1-9][0-9]*$/.test(value)) {
      problems.push(`${name} must be a positive whole number, got "${value}"`);
    }
  }
  for (const name of FLAGS) {
    if (read(env, name) !== undefined && readFlag(env, name) === undefined) {
      problems.push(`${name} must be true or false, got "${read(env, name)}"`);
    }
  }
  return problems;
}

/**
 * Lists what stops the backend from running with the production overlay: each required
 * variable that is unset (with the config key it feeds) and each value that cannot work. Without
 * this check an unset variable silently drops its key and app-config.yaml's local devstack value
 * shows through.
 */
export function checkChartEnvironment(env: Environment): string[] {
  const problems = ALWAYS_REQUIRED.flatMap(setting => missing(env, setting));
  const client = databaseClient(env);
  if (client === 'pg') {
    problems.push(...POSTGRES_REQUIRED.flatMap(s => missing(env, s)));
  } else if (client === 'better-sqlite3') {
    problems.push(...missing(env, SQLITE_REQUIRED));
  } else {
    problems.push(
      `DATABASE_CLIENT must be pg or better-sqlite3, got "${client}" (backend.database.client)`,
    );
  }
  problems.push(...signInProblems(env));
  problems.push(...eventsProblems(env));
  return [...problems, ...invalidValues(env)];
}

const SIGN_IN_REQUIRED: RequiredSetting[] = [
  {
    variables: [
      'OPENCHOREO_AUTH_METADATA_URL',
      'OPENCHOREO_AUTH_AUTHORIZATION_URL',
    ],
    configKey: 'auth.providers.openchoreo.production.metadataUrl',
    what: "the identity provider's OIDC discovery document (or its authorization endpoint, whose origin serves /.well-known/openid-configuration)",
  },
  {
    variables: ['OPENCHOREO_AUTH_CLIENT_ID'],
    configKey: 'auth.providers.openchoreo.production.clientId',
    what: "the portal's sign-in client at the identity provider",
  },
  {
    variables: ['OPENCHOREO_AUTH_CLIENT_SECRET'],
    configKey: 'auth.providers.openchoreo.production.clientSecret',
    what: "the sign-in client's secret",
  },
];

/**
 * The sign-in's settings: with OPENCHOREO_FEATURES_AUTH_ENABLED (default true) people sign in
 * through OpenChoreo's identity provider, which needs its discovery document and the sign-in
 * client; user tokens need that sign-in.
 */
function signInProblems(env: Environment): string[] {
  const authEnabled = readFlag(env, 'OPENCHOREO_FEATURES_AUTH_ENABLED') ?? true;
  if (!authEnabled) {
    return readFlag(env, 'PORTAL_OPENCHOREO_USER_TOKENS')
      ? [
          'PORTAL_OPENCHOREO_USER_TOKENS=true needs the OpenChoreo sign-in, but OPENCHOREO_FEATURES_AUTH_ENABLED is false (guests have no OpenChoreo token): unset it or enable the sign-in',
        ]
      : [];
  }
  const problems = SIGN_IN_REQUIRED.flatMap(setting => missing(env, setting));
  for (const name of [
    'OPENCHOREO_AUTH_METADATA_URL',
    'OPENCHOREO_AUTH_AUTHORIZATION_URL',
  ]) {
    const value = read(env, name);
    if (value !== undefined && !isHttpUrl(value)) {
      problems.push(`${name} must be an http(s) URL, got "${value}"`);
    }
  }
  return problems;
}

/**
 * OpenChoreo's event forwarder (OPENCHOREO_EVENTS_ENABLED) posts to an endpoint anyone could
 * reach: it must prove itself with OPENCHOREO_EVENTS_SECRET (never echoed: it is a secret).
 */
function eventsProblems(env: Environment): string[] {
  if (!readFlag(env, 'OPENCHOREO_EVENTS_ENABLED')) return [];
  const secret = read(env, 'OPENCHOREO_EVENTS_SECRET');
  if (!secret) {
    return [
      'OPENCHOREO_EVENTS_SECRET is not set (openchoreo.events.secret): OPENCHOREO_EVENTS_ENABLED=true needs the shared secret the event forwarder sends, at least 16 characters, e.g. the output of `openssl rand -hex 24`',
    ];
  }
  if (secret.length < 16 || /\s/.test(secret)) {
    return [
      'OPENCHOREO_EVENTS_SECRET must be at least 16 characters without spaces, e.g. the output of `openssl rand -hex 24`',
    ];
  }
  return [];
}

/** The message the backend stops with when {@link checkChartEnvironment} finds problems. */
export function describeChartEnvironmentProblems(problems: string[]): string {
  return [
    `The backend cannot start with ${PRODUCTION_OVERLAY}:`,
    ...problems.map(problem => `  - ${problem}`),
    'Set these environment variables (the OpenChoreo Helm chart sets them); the README\'s "Production deployment" lists them all.',
  ].join('\n');
}
