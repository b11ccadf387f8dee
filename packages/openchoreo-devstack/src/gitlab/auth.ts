import { RequestHandler, Response } from 'express';
import { SeedGitLabToken } from './types';

/** Who is calling: a token's user with an access level, or nobody (public projects only). */
export type GitLabCaller =
  | { kind: 'user'; username: string; accessLevel: number }
  | { kind: 'anonymous' };

/** The caller that {@link gitlabAuth} attached to the response. */
export function callerOf(res: Response): GitLabCaller {
  return res.locals.gitlabCaller as GitLabCaller;
}

/** The rate-limit simulation: while `exhausted`, every API request is throttled. */
export class Throttle {
  exhausted = false;
}

/**
 * Identifies the caller from `PRIVATE-TOKEN` or `Authorization: Bearer`, answers GitLab's 401s
 * (an unknown token, or a revoked one with `invalid_token`), and GitLab's 429 "Retry later" while
 * the rate-limit simulation is on.
 */
export function gitlabAuth(
  tokens: SeedGitLabToken[],
  throttle: Throttle,
): RequestHandler {
  const byToken = new Map(tokens.map(t => [t.token, t]));
  return (req, res, next) => {
    if (throttle.exhausted) {
      const reset = Math.ceil(Date.now() / 1000) + 60;
      res
        .status(429)
        .set({
          'RateLimit-Name': 'throttle_authenticated_api',
          'RateLimit-Limit': '2000',
          'RateLimit-Observed': '2001',
          'RateLimit-Remaining': '0',
          'RateLimit-Reset': String(reset),
          'Retry-After': '60',
        })
        .type('text/plain')
        .send('Retry later\n');
      return;
    }
    const bearer = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const presented = req.header('private-token') ?? bearer?.[1];
    const seed = presented === undefined ? undefined : byToken.get(presented);
    if (presented !== undefined && !seed) {
      res.status(401).json({ message: '401 Unauthorized' });
      return;
    }
    if (seed?.revoked) {
      res.status(401).json({
        error: 'invalid_token',
        error_description:
          'Token was revoked. You have to re-authorize from the user.',
      });
      return;
    }
    res.locals.gitlabCaller = seed
      ? { kind: 'user', username: seed.username, accessLevel: seed.accessLevel }
      : { kind: 'anonymous' };
    next();
  };
}
