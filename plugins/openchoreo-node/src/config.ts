import type { Config } from '@backstage/config';
import { DEFAULT_OPENCHOREO_TIMEOUT_MS } from '@openchoreo-ci/openchoreo-client';
import {
  BUILT_IN_CI_ENABLED_KEY,
  isBuiltInCiEnabled,
} from '@openchoreo-ci/plugin-openchoreo-common';

/** The portal's validated connection settings for OpenChoreo (`openchoreo.*` in app-config). @public */
export interface OpenChoreoConfig {
  /** API root as configured (a trailing `/api/v1` is fine, the client strips it). */
  baseUrl: string;
  /** The service account's client-credentials settings. */
  auth: {
    tokenUrl: string;
    clientId: string;
    clientSecret: string;
    scope?: string;
  };
  /** Deadline of one API request in milliseconds. */
  requestTimeoutMs: number;
}

/** Config key of `OPENCHOREO_EVENTS_ENABLED`: OpenChoreo's event forwarder pushes change events. */
const EVENTS_ENABLED_KEY = 'openchoreo.events.enabled';

/** The chart's feature flags as the plugins honour them (`openchoreo.features.*`, `openchoreo.events.*`). @public */
export interface OpenChoreoFeatures {
  /** Built-in CI workflows (default true); false hides and refuses them, External CI stays. */
  workflows: boolean;
  /** OpenChoreo's event forwarder posts change events to the portal (default false). */
  events: boolean;
}

interface KeyInfo {
  env: string;
  what: string;
}

// The environment variables the upstream Helm chart sets; named in errors so admins know what to fix.
const KEYS: Record<string, KeyInfo> = {
  'openchoreo.baseUrl': {
    env: 'OPENCHOREO_API_URL',
    what: 'the OpenChoreo API URL, e.g. https://api.openchoreo.example.com/api/v1',
  },
  'openchoreo.auth.tokenUrl': {
    env: 'OPENCHOREO_AUTH_TOKEN_URL',
    what: "the identity provider's OAuth2 token endpoint, e.g. https://thunder.example.com/oauth2/token",
  },
  'openchoreo.auth.clientId': {
    env: 'OPENCHOREO_SERVICE_CLIENT_ID (or OPENCHOREO_AUTH_CLIENT_ID)',
    what: "the OAuth2 client id of the portal's service account",
  },
  'openchoreo.auth.clientSecret': {
    env: 'OPENCHOREO_SERVICE_CLIENT_SECRET (or OPENCHOREO_AUTH_CLIENT_SECRET)',
    what: "the OAuth2 client secret of the portal's service account",
  },
  'openchoreo.auth.scope': {
    env: 'OPENCHOREO_AUTH_SCOPE',
    what: 'space-separated OAuth2 scopes',
  },
  'openchoreo.requestTimeoutMs': {
    env: 'OPENCHOREO_REQUEST_TIMEOUT_MS',
    what: 'a positive number of milliseconds',
  },
  [BUILT_IN_CI_ENABLED_KEY]: {
    env: 'OPENCHOREO_FEATURES_WORKFLOWS_ENABLED',
    what: 'true or false',
  },
  [EVENTS_ENABLED_KEY]: {
    env: 'OPENCHOREO_EVENTS_ENABLED',
    what: 'true or false',
  },
};

/** Thrown by {@link readOpenChoreoConfig}: names the missing or invalid key and what to set. @public */
export class OpenChoreoConfigError extends Error {
  override readonly name = 'OpenChoreoConfigError';
  /** The offending app-config key, e.g. `openchoreo.auth.tokenUrl`. */
  readonly key: string;

  constructor(key: string, problem: string) {
    const info = KEYS[key];
    const hint = info
      ? `: set ${info.env} (app-config key ${key}) to ${info.what}`
      : '';
    super(`${key} ${problem}${hint}`);
    this.key = key;
  }
}

/**
 * Reads and validates `openchoreo.*`; throws {@link OpenChoreoConfigError} naming the first
 * missing or invalid key, so a misconfigured portal fails at start-up with an actionable message.
 * @public
 */
export function readOpenChoreoConfig(config: Config): OpenChoreoConfig {
  const baseUrl = readHttpUrl(config, 'openchoreo.baseUrl');
  const tokenUrl = readHttpUrl(config, 'openchoreo.auth.tokenUrl');
  const clientId = readRequiredString(config, 'openchoreo.auth.clientId');
  const clientSecret = readRequiredString(
    config,
    'openchoreo.auth.clientSecret',
  );
  const scope = readOptionalString(config, 'openchoreo.auth.scope');
  const requestTimeoutMs = readTimeout(config, 'openchoreo.requestTimeoutMs');
  return {
    baseUrl,
    auth: { tokenUrl, clientId, clientSecret, ...(scope ? { scope } : {}) },
    requestTimeoutMs,
  };
}

function readOptionalString(config: Config, key: string): string | undefined {
  let value: string | undefined;
  try {
    value = config.getOptionalString(key);
  } catch {
    // Never echo the value: the key may hold a secret.
    throw new OpenChoreoConfigError(key, 'must be a string');
  }
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function readRequiredString(config: Config, key: string): string {
  const value = readOptionalString(config, key);
  if (!value) {
    throw new OpenChoreoConfigError(key, 'is missing');
  }
  return value;
}

function readHttpUrl(config: Config, key: string): string {
  const value = readRequiredString(config, key);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OpenChoreoConfigError(key, `is not a valid URL ("${value}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OpenChoreoConfigError(
      key,
      `must be an http(s) URL, got "${value}"`,
    );
  }
  return value;
}

function readTimeout(config: Config, key: string): number {
  let value: number | undefined;
  try {
    value = config.getOptionalNumber(key);
  } catch {
    throw new OpenChoreoConfigError(key, 'must be a number');
  }
  if (value === undefined) {
    return DEFAULT_OPENCHOREO_TIMEOUT_MS;
  }
  if (!Number.isFinite(value) || value <= 0) {
    throw new OpenChoreoConfigError(key, `must be positive, got ${value}`);
  }
  return value;
}

/**
 * Reads the chart's feature flags once, validated; throws {@link OpenChoreoConfigError} naming
 * the key and its environment variable when a value is not a boolean.
 * @public
 */
export function readOpenChoreoFeatures(config: Config): OpenChoreoFeatures {
  let workflows: boolean;
  try {
    workflows = isBuiltInCiEnabled(config);
  } catch {
    throw new OpenChoreoConfigError(
      BUILT_IN_CI_ENABLED_KEY,
      'is not a boolean',
    );
  }
  let events: boolean;
  try {
    events = config.getOptionalBoolean(EVENTS_ENABLED_KEY) ?? false;
  } catch {
    throw new OpenChoreoConfigError(EVENTS_ENABLED_KEY, 'is not a boolean');
  }
  return { workflows, events };
}
