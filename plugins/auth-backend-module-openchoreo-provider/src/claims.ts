import type { OidcAuthResult } from '@backstage/plugin-auth-backend-module-oidc-provider';

/** Who signed in, as the identity provider describes them. */
export interface IdentityClaims {
  subject?: string;
  /** Only when the identity provider does not say it is unverified. */
  email?: string;
  /** `preferred_username`, without an email domain. */
  username?: string;
  /** The `groups` claim: what OpenChoreo's role bindings and the portal's ownership use. */
  groups: string[];
}

type Claims = Record<string, unknown>;

/**
 * Reads the claims of a sign-in: the verified ID token first, then userinfo, then the access
 * token's payload (the token OpenChoreo authorizes; decoded only, it came straight from the
 * token endpoint). `groups` is the first non-empty list of strings among them.
 */
export function readIdentityClaims(result: OidcAuthResult): IdentityClaims {
  const sources = [
    idTokenClaims(result),
    (result.userinfo ?? {}) as Claims,
    jwtPayload(result.tokenset?.access_token),
  ];
  const first = (key: string) =>
    sources
      .map(source => source[key])
      .find((value): value is string => typeof value === 'string' && !!value);
  const emailUnverified = sources.some(
    source => source.email_verified === false,
  );
  const email = emailUnverified ? undefined : first('email')?.toLowerCase();
  const preferred = first('preferred_username');
  const groups =
    sources
      .map(source => source.groups)
      .map(value =>
        Array.isArray(value)
          ? value.filter((g): g is string => typeof g === 'string' && !!g)
          : [],
      )
      .find(list => list.length > 0) ?? [];
  return {
    subject: first('sub'),
    ...(email ? { email } : {}),
    ...(preferred ? { username: preferred.split('@')[0] } : {}),
    groups,
  };
}

function idTokenClaims(result: OidcAuthResult): Claims {
  try {
    return result.tokenset?.id_token
      ? (result.tokenset.claims() as Claims)
      : {};
  } catch {
    return {};
  }
}

function jwtPayload(token: string | undefined): Claims {
  const payload = token?.split('.')[1];
  if (!payload) return {};
  try {
    const parsed: unknown = JSON.parse(
      Buffer.from(payload, 'base64url').toString('utf8'),
    );
    return typeof parsed === 'object' && parsed !== null
      ? (parsed as Claims)
      : {};
  } catch {
    return {};
  }
}

/**
 * A catalog entity name made from an identity provider value: lowercase letters, digits and
 * `-_.`, starting and ending with a letter or digit, at most 63 characters (`/team/dev` becomes
 * `team-dev`). Undefined when nothing usable is left.
 */
export function toEntityName(value: string): string | undefined {
  const name = value
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 63)
    .replace(/[^a-z0-9]+$/, '');
  return name || undefined;
}
