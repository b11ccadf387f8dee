import type { RequestHandler } from 'express';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  jwtVerify,
  type JWTPayload,
} from 'jose';

/** How the stand-in verifies bearer tokens: the IdP's issuer and JWKS, and optionally the audience. */
export interface ApiAuthOptions {
  issuer: string;
  jwksUri: string;
  audience?: string;
}

/** The JWT layer's 401 codes, as the real server sends them in `{"error": code, "message": ...}`. */
export type AuthErrorCode =
  | 'MISSING_TOKEN'
  | 'INVALID_TOKEN'
  | 'INVALID_CLAIMS';

class AuthFailure extends Error {
  constructor(readonly code: AuthErrorCode, message: string) {
    super(message);
  }
}

async function verify(
  token: string,
  jwks: ReturnType<typeof createRemoteJWKSet>,
  options: ApiAuthOptions,
): Promise<JWTPayload> {
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new AuthFailure('INVALID_TOKEN', 'Malformed token');
  }
  if (header.alg !== 'RS256') {
    throw new AuthFailure(
      'INVALID_TOKEN',
      `Unsupported signing algorithm ${header.alg}`,
    );
  }
  if (!header.kid) {
    throw new AuthFailure('INVALID_TOKEN', 'Token header has no kid');
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, jwks, { algorithms: ['RS256'] }));
  } catch (error) {
    throw new AuthFailure(
      'INVALID_TOKEN',
      `Token validation failed: ${(error as Error).message}`,
    );
  }
  if (payload.iss !== options.issuer) {
    throw new AuthFailure(
      'INVALID_CLAIMS',
      `Invalid issuer ${JSON.stringify(payload.iss)}`,
    );
  }
  if (options.audience !== undefined) {
    const audiences = ([] as string[]).concat(payload.aud ?? []);
    if (!audiences.includes(options.audience)) {
      throw new AuthFailure(
        'INVALID_CLAIMS',
        'Token audience does not include this API',
      );
    }
  }
  return payload;
}

/**
 * Express middleware that requires a Bearer JWT signed RS256 by a key of the IdP's JWKS (with a
 * `kid`), issued by `issuer` (and for `audience` when configured). Puts the claims on
 * `res.locals.claims`; otherwise answers the real server's 401 body.
 */
export function createAuthMiddleware(
  options: ApiAuthOptions,
  /** The 401 body for a failure (default: the API's `{error: code, message}`). */
  unauthorizedBody: (code: AuthErrorCode, message: string) => object = (
    code,
    message,
  ) => ({ error: code, message }),
): RequestHandler {
  const jwks = createRemoteJWKSet(new URL(options.jwksUri));
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const reject = (failure: AuthFailure) =>
      res.status(401).json(unauthorizedBody(failure.code, failure.message));
    if (!match) {
      reject(
        new AuthFailure(
          'MISSING_TOKEN',
          'Authorization header with a Bearer token is required',
        ),
      );
      return;
    }
    verify(match[1], jwks, options).then(
      claims => {
        res.locals.claims = claims;
        next();
      },
      error => {
        if (error instanceof AuthFailure) reject(error);
        else next(error);
      },
    );
  };
}
