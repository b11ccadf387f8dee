import request from 'supertest';
import { startGitHubEmulator } from './startGitHubEmulator';
import {
  DEFAULT_GITHUB_TOKEN_VALUES as TOKENS,
  GITOPS_REPOSITORY,
  STOREFRONT_REPOSITORY,
} from './seedRepositories';
import { GitHubEmulator } from './types';

describe('GitHub emulator: tokens and rate limits', () => {
  let github: GitHubEmulator;
  const repoPath = `/repos/${STOREFRONT_REPOSITORY}`;

  beforeEach(async () => {
    github = await startGitHubEmulator({ rateLimit: 3 });
  });
  afterEach(() => github.close());

  it('accepts the token as "Bearer" and as "token", and reports the rate limit', async () => {
    for (const scheme of ['Bearer', 'token']) {
      const res = await request(github.url)
        .get(repoPath)
        .set('Authorization', `${scheme} ${TOKENS.write}`);
      expect(res.status).toBe(200);
      expect(res.body.permissions).toMatchObject({ push: true, pull: true });
      expect(res.headers['x-ratelimit-limit']).toBe('3');
      expect(res.headers['x-ratelimit-resource']).toBe('core');
      expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(
        Date.now() / 1000,
      );
    }
    const third = await request(github.url)
      .get(repoPath)
      .set('Authorization', `token ${TOKENS.readOnly}`);
    // Budgets are per user: the reader has its own.
    expect(third.headers['x-ratelimit-remaining']).toBe('2');
    expect(third.body.permissions).toMatchObject({ push: false, pull: true });
  });

  it('answers 401 "Bad credentials" for a revoked or unknown token', async () => {
    for (const token of [TOKENS.revoked, 'ghp_not_a_token']) {
      const res = await request(github.url)
        .get(repoPath)
        .set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
    }
  });

  it('serves public repositories without a token and hides private ones', async () => {
    const open = await request(github.url).get(repoPath);
    expect(open.status).toBe(200);
    expect(open.body.permissions).toBeUndefined();
    expect(open.headers['x-ratelimit-limit']).toBe('60');
    const hidden = await request(github.url).get(`/repos/${GITOPS_REPOSITORY}`);
    expect(hidden.status).toBe(404);
    const seen = await request(github.url)
      .get(`/repos/${GITOPS_REPOSITORY}`)
      .set('Authorization', `Bearer ${TOKENS.write}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ private: true, visibility: 'private' });
  });

  it('answers the rate-limit 403 once a budget is used up', async () => {
    const call = () =>
      request(github.url)
        .get(repoPath)
        .set('Authorization', `Bearer ${TOKENS.write}`);
    expect((await call()).headers['x-ratelimit-remaining']).toBe('2');
    await call();
    const last = await call();
    expect(last.status).toBe(200);
    expect(last.headers['x-ratelimit-remaining']).toBe('0');
    const refused = await call();
    expect(refused.status).toBe(403);
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');
    expect(refused.headers['x-ratelimit-used']).toBe('3');
    expect(refused.body).toEqual({
      message: expect.stringMatching(
        /^API rate limit exceeded for user ID \d+\.$/,
      ),
      documentation_url:
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      status: '403',
    });
  });

  it('rate-limits the seeded busy token always, and everyone behind the switch', async () => {
    const busy = await request(github.url)
      .get(repoPath)
      .set('Authorization', `Bearer ${TOKENS.rateLimited}`);
    expect(busy.status).toBe(403);
    expect(busy.headers['x-ratelimit-remaining']).toBe('0');

    github.setRateLimitExhausted(true);
    const anonymous = await request(github.url).get(repoPath);
    expect(anonymous.status).toBe(403);
    expect(anonymous.body.message).toMatch(
      /^API rate limit exceeded for .*Authenticated requests get a higher rate limit/,
    );
    github.setRateLimitExhausted(false);
    expect((await request(github.url).get(repoPath)).status).toBe(200);
  });
});
