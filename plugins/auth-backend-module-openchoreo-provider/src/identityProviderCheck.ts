import { SignInSettingError, type OpenChoreoSignInSettings } from './settings';

/** The endpoints of an OIDC discovery document that the sign-in needs. */
const REQUIRED_ENDPOINTS = [
  'authorization_endpoint',
  'token_endpoint',
  'jwks_uri',
  'userinfo_endpoint',
] as const;

/** What {@link checkIdentityProvider} found out about the identity provider. */
export interface IdentityProviderFacts {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
}

/** Options of {@link checkIdentityProvider}. */
export interface IdentityProviderCheckOptions {
  fetch?: typeof fetch;
  /** Deadline of each request in ms (default 10000). */
  timeoutMs?: number;
}

/** The discovery URL Backstage's OIDC provider reads for `metadataUrl` (an issuer URL gets the well-known path). */
export function discoveryUrlOf(metadataUrl: string): string {
  if (metadataUrl.includes('/.well-known/')) {
    return metadataUrl;
  }
  return `${metadataUrl.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/**
 * Checks at start-up what Backstage's OIDC provider would otherwise only find out at the first
 * sign-in: the discovery document is reachable and complete, and the identity provider accepts
 * the sign-in client's id and secret (a client-credentials request at the token endpoint: an
 * `invalid_client` answer means wrong credentials; any other answer, including a refusal of the
 * grant, means they were accepted). Throws {@link SignInSettingError} naming the setting and its
 * environment variable. The token the probe may receive is dropped unread.
 */
export async function checkIdentityProvider(
  settings: OpenChoreoSignInSettings,
  options: IdentityProviderCheckOptions = {},
): Promise<IdentityProviderFacts> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const { environment } = settings;
  const discoveryUrl = discoveryUrlOf(settings.metadataUrl);
  const fail = (
    setting: 'metadataUrl' | 'clientId' | 'clientSecret',
    problem: string,
  ) => new SignInSettingError(setting, environment, problem);

  let response: Response;
  try {
    response = await fetchImpl(discoveryUrl, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw fail(
      'metadataUrl',
      `could not be read: the identity provider at ${discoveryUrl} is unreachable (${describeNetworkError(
        error,
      )})`,
    );
  }
  if (!response.ok) {
    throw fail(
      'metadataUrl',
      `could not be read: ${discoveryUrl} answered ${response.status}`,
    );
  }
  let document: Record<string, unknown>;
  try {
    const parsed: unknown = await response.json();
    if (
      typeof parsed !== 'object' ||
      parsed === null ||
      Array.isArray(parsed)
    ) {
      throw new Error('not an object');
    }
    document = parsed as Record<string, unknown>;
  } catch {
    throw fail(
      'metadataUrl',
      `is not an OIDC discovery document: ${discoveryUrl} did not answer with a JSON object`,
    );
  }
  const missing = ['issuer', ...REQUIRED_ENDPOINTS].filter(
    key => !isHttpUrl(document[key]),
  );
  if (missing.length > 0) {
    throw fail(
      'metadataUrl',
      `is not a usable OIDC discovery document: ${discoveryUrl} lacks ${missing.join(
        ', ',
      )}`,
    );
  }
  const tokenEndpoint = document.token_endpoint as string;

  let tokenResponse: Response;
  try {
    tokenResponse = await fetchImpl(tokenEndpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(
          `${encodeURIComponent(settings.clientId)}:${encodeURIComponent(
            settings.clientSecret,
          )}`,
        ).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw fail(
      'metadataUrl',
      `names the token endpoint ${tokenEndpoint}, which is unreachable (${describeNetworkError(
        error,
      )})`,
    );
  }
  const answer = (await tokenResponse.json().catch(() => ({}))) as {
    error?: unknown;
  };
  if (tokenResponse.status === 401 || answer.error === 'invalid_client') {
    throw fail(
      'clientSecret',
      `was refused by the identity provider together with client id "${settings.clientId}" (invalid_client); check OPENCHOREO_AUTH_CLIENT_ID too`,
    );
  }
  return {
    issuer: document.issuer as string,
    authorizationEndpoint: document.authorization_endpoint as string,
    tokenEndpoint,
  };
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function describeNetworkError(error: unknown): string {
  // Duck-typed: fetch's errors may come from another realm than this module's Error.
  const failure = error as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (failure?.name === 'TimeoutError') return 'no answer in time';
  return (
    failure?.cause?.code ??
    failure?.cause?.message ??
    failure?.message ??
    String(error)
  );
}
