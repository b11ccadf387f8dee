import { RequestHandler, Response } from 'express';
import { GITHUB_DOCS, sendGitHubError } from './errors';
import { SeedGitHubToken } from './types';

/** Who is calling: a token's user, or nobody (public repositories only). */
export type GitHubCaller =
  | { kind: 'user'; login: string; id: number; write: boolean }
  | { kind: 'anonymous' };

const HOUR_MS = 3_600_000;
const ANONYMOUS_LIMIT = 60;

/** The caller that {@link githubAuth} attached to the response. */
export function callerOf(res: Response): GitHubCaller {
  return res.locals.githubCaller as GitHubCaller;
}

/** `Bearer <token>` or `token <token>`, as GitHub accepts both. */
function presentedToken(header: string | undefined): string | undefined {
  const match = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** Hourly request budgets per caller, and the switch that exhausts them all. */
export class RateLimits {
  exhausted = false;
  private windowStart = Date.now();
  private readonly used = new Map<string, number>();

  constructor(private readonly authenticatedLimit: number) {}

  /** Counts one request of `key` and returns the headers' values after it. */
  take(key: string, authenticated: boolean, alwaysExhausted: boolean) {
    const now = Date.now();
    if (now - this.windowStart >= HOUR_MS) {
      this.windowStart = now;
      this.used.clear();
    }
    const limit = authenticated ? this.authenticatedLimit : ANONYMOUS_LIMIT;
    const forced = alwaysExhausted || this.exhausted;
    const before = forced ? limit : this.used.get(key) ?? 0;
    const exceeded = before >= limit;
    const used = exceeded ? limit : before + 1;
    // A forced exhaustion leaves the real count alone, so switching it off restores it.
    if (!forced) this.used.set(key, used);
    return {
      limit,
      used,
      remaining: limit - used,
      reset: Math.ceil((this.windowStart + HOUR_MS) / 1000),
      exceeded,
    };
  }
}

/**
 * Identifies the caller from `Authorization`, answers 401 "Bad credentials" for unknown or revoked
 * tokens, counts the request against the caller's rate limit (`x-ratelimit-*` headers on every
 * answer) and answers GitHub's 403 once it is used up.
 */
export function githubAuth(
  tokens: SeedGitHubToken[],
  limits: RateLimits,
): RequestHandler {
  const byToken = new Map(tokens.map(t => [t.token, t]));
  const userIds = new Map<string, number>();
  const idOf = (login: string) => {
    if (!userIds.has(login)) userIds.set(login, 583_000 + userIds.size);
    return userIds.get(login)!;
  };
  return (req, res, next) => {
    const presented = presentedToken(req.headers.authorization);
    const seed = presented === undefined ? undefined : byToken.get(presented);
    if (req.headers.authorization !== undefined && (!seed || seed.revoked)) {
      const budget = limits.take(`ip:${req.ip}`, false, false);
      setRateLimitHeaders(res, budget);
      sendGitHubError(res, 401, 'Bad credentials');
      return;
    }
    const caller: GitHubCaller = seed
      ? {
          kind: 'user',
          login: seed.login,
          id: idOf(seed.login),
          write: seed.access === 'write',
        }
      : { kind: 'anonymous' };
    const budget =
      caller.kind === 'user'
        ? limits.take(`user:${caller.login}`, true, seed?.rateLimited ?? false)
        : limits.take(`ip:${req.ip}`, false, false);
    setRateLimitHeaders(res, budget);
    if (budget.exceeded) {
      const message =
        caller.kind === 'user'
          ? `API rate limit exceeded for user ID ${caller.id}.`
          : `API rate limit exceeded for ${req.ip}. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)`;
      sendGitHubError(res, 403, message, GITHUB_DOCS.rateLimits);
      return;
    }
    res.locals.githubCaller = caller;
    next();
  };
}

function setRateLimitHeaders(
  res: Response,
  budget: { limit: number; remaining: number; used: number; reset: number },
) {
  res.setHeader('x-ratelimit-limit', String(budget.limit));
  res.setHeader('x-ratelimit-remaining', String(budget.remaining));
  res.setHeader('x-ratelimit-reset', String(budget.reset));
  res.setHeader('x-ratelimit-used', String(budget.used));
  res.setHeader('x-ratelimit-resource', 'core');
}
