import express, { type Request, type Response, type Router } from 'express';
import { importJWK, jwtVerify } from 'jose';
import { findUserById, userClaims } from './seed';
import type { SigningKey } from './signingKey';

/**
 * The userinfo endpoint, answering for the access tokens this IdP issues to signed-in users.
 *
 * oidc-provider's own endpoint refuses every access token that has an audience, and all of ours
 * have one (the OpenChoreo API, so the portal can call the API with the user's token). OIDC
 * clients such as Backstage's OIDC provider call userinfo with exactly that token at sign-in, so
 * this route verifies it itself: RS256 with our key, our issuer, a seeded user as subject.
 */
export function createUserinfoRouter(
  path: string,
  issuer: string,
  signingKey: SigningKey,
): Router {
  const { d, p, q, dp, dq, qi, ...publicJwk } = signingKey;
  const publicKey = importJWK(publicJwk, 'RS256');
  const router = express.Router();

  const refuse = (res: Response, description: string) => {
    res
      .status(401)
      .set('www-authenticate', `Bearer error="invalid_token"`)
      .json({ error: 'invalid_token', error_description: description });
  };

  const answer = async (req: Request, res: Response) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match) {
      refuse(res, 'a Bearer access token is required');
      return;
    }
    let subject: unknown;
    try {
      const { payload } = await jwtVerify(match[1], await publicKey, {
        issuer,
        algorithms: ['RS256'],
      });
      subject = payload.sub;
    } catch {
      refuse(res, 'invalid token provided');
      return;
    }
    const user =
      typeof subject === 'string' ? findUserById(subject) : undefined;
    if (!user) {
      refuse(res, 'the token was not issued to a signed-in user');
      return;
    }
    res.set('cache-control', 'no-store').json(userClaims(user));
  };

  router.get(path, (req, res, next) => {
    answer(req, res).catch(next);
  });
  router.post(path, (req, res, next) => {
    answer(req, res).catch(next);
  });
  return router;
}
