import type { Config } from '@backstage/config';

/** The sign-in provider id; the identity provider must accept `<backend>/api/auth/openchoreo/handler/frame`. */
export const OPENCHOREO_PROVIDER_ID = 'openchoreo';

/** How people sign in: through OpenChoreo's identity provider, or all as the guest user. */
export type SignInProvider = 'openchoreo' | 'guest';

/** The environment variables the OpenChoreo Helm chart sets for each provider setting. */
export const PROVIDER_SETTINGS = {
  metadataUrl: {
    env: 'OPENCHOREO_AUTH_METADATA_URL (or OPENCHOREO_AUTH_AUTHORIZATION_URL)',
    what: "the identity provider's OIDC discovery document, e.g. https://thunder.example.com/.well-known/openid-configuration",
  },
  clientId: {
    env: 'OPENCHOREO_AUTH_CLIENT_ID',
    what: "the portal's sign-in client at the identity provider",
  },
  clientSecret: {
    env: 'OPENCHOREO_AUTH_CLIENT_SECRET',
    what: "the sign-in client's secret",
  },
} as const;

/** A setting of the OpenChoreo sign-in is missing or does not work; names the key and variable. */
export class SignInSettingError extends Error {
  override readonly name = 'SignInSettingError';
  constructor(
    readonly setting: keyof typeof PROVIDER_SETTINGS,
    readonly environment: string,
    problem: string,
  ) {
    const { env, what } = PROVIDER_SETTINGS[setting];
    super(
      `OpenChoreo sign-in: auth.providers.${OPENCHOREO_PROVIDER_ID}.${environment}.${setting} ${problem}. Set ${env} to ${what}.`,
    );
  }
}

/** The validated settings of the OpenChoreo sign-in for the running auth environment. */
export interface OpenChoreoSignInSettings {
  environment: string;
  metadataUrl: string;
  clientId: string;
  clientSecret: string;
}

/**
 * `openchoreo.signIn.provider`: `openchoreo` (default) signs people in through the provider
 * `auth.providers.openchoreo`; `guest` runs without an identity provider (the chart's
 * `OPENCHOREO_FEATURES_AUTH_ENABLED=false`).
 */
export function readSignInProvider(config: Config): SignInProvider {
  const value = config.getOptionalString('openchoreo.signIn.provider');
  if (value === undefined || value === 'openchoreo') return 'openchoreo';
  if (value === 'guest') return 'guest';
  throw new Error(
    `openchoreo.signIn.provider must be "openchoreo" or "guest", got "${value}" (production: derived from OPENCHOREO_FEATURES_AUTH_ENABLED)`,
  );
}

/**
 * Reads `auth.providers.openchoreo.<auth.environment>`; undefined when that environment has no
 * OpenChoreo sign-in configured. Throws {@link SignInSettingError} for a missing or invalid key.
 */
export function readOpenChoreoSignInSettings(
  config: Config,
): OpenChoreoSignInSettings | undefined {
  const environment =
    config.getOptionalString('auth.environment') ?? 'development';
  const provider = config.getOptionalConfig(
    `auth.providers.${OPENCHOREO_PROVIDER_ID}.${environment}`,
  );
  if (!provider) {
    return undefined;
  }
  const read = (setting: keyof typeof PROVIDER_SETTINGS) => {
    const raw = provider.getOptional(setting);
    if (raw !== undefined && typeof raw !== 'string') {
      // Never echo the value: it may be the client secret.
      throw new SignInSettingError(setting, environment, 'must be a string');
    }
    const value = raw?.trim();
    if (!value) {
      throw new SignInSettingError(setting, environment, 'is not set');
    }
    return value;
  };
  const metadataUrl = read('metadataUrl');
  let url: URL | undefined;
  try {
    url = new URL(metadataUrl);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new SignInSettingError(
      'metadataUrl',
      environment,
      `is not an http(s) URL ("${metadataUrl}")`,
    );
  }
  return {
    environment,
    metadataUrl,
    clientId: read('clientId'),
    clientSecret: read('clientSecret'),
  };
}
