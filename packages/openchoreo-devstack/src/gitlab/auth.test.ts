import request from 'supertest';
import { startGitLabEmulator } from './startGitLabEmulator';
import {
  CHECKOUT_PROJECT,
  CHECKOUT_PROJECT_ID,
  DEFAULT_GITLAB_TOKEN_VALUES as TOKENS,
  GITOPS_PROJECT,
} from './seedProjects';
import { GitLabEmulator } from './types';

const project = (path: string) =>
  `/api/v4/projects/${encodeURIComponent(path)}`;

describe('GitLab emulator: tokens, visibility and throttling', () => {
  let gitlab: GitLabEmulator;

  beforeEach(async () => {
    gitlab = await startGitLabEmulator();
  });
  afterEach(() => gitlab.close());

  it('accepts the token as PRIVATE-TOKEN and as a Bearer token', async () => {
    const byHeader = await request(gitlab.url)
      .get(project(CHECKOUT_PROJECT))
      .set('PRIVATE-TOKEN', TOKENS.write);
    expect(byHeader.status).toBe(200);
    expect(byHeader.body.permissions.project_access.access_level).toBe(40);
    const byBearer = await request(gitlab.url)
      .get(project(CHECKOUT_PROJECT))
      .set('Authorization', `Bearer ${TOKENS.readOnly}`);
    expect(byBearer.body.permissions.project_access.access_level).toBe(20);
  });

  it('answers 401 for an unknown token and for a revoked one', async () => {
    const unknown = await request(gitlab.url)
      .get(project(CHECKOUT_PROJECT))
      .set('PRIVATE-TOKEN', 'glpat-not-a-token');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({ message: '401 Unauthorized' });
    const revoked = await request(gitlab.url)
      .get(project(CHECKOUT_PROJECT))
      .set('PRIVATE-TOKEN', TOKENS.revoked);
    expect(revoked.status).toBe(401);
    expect(revoked.body).toEqual({
      error: 'invalid_token',
      error_description:
        'Token was revoked. You have to re-authorize from the user.',
    });
  });

  it('serves public projects without a token and hides private ones', async () => {
    const open = await request(gitlab.url).get(project(CHECKOUT_PROJECT));
    expect(open.status).toBe(200);
    expect(open.body.permissions).toBeUndefined();
    const hidden = await request(gitlab.url).get(project(GITOPS_PROJECT));
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual({ message: '404 Project Not Found' });
    const seen = await request(gitlab.url)
      .get(project(GITOPS_PROJECT))
      .set('PRIVATE-TOKEN', TOKENS.readOnly);
    expect(seen.body.visibility).toBe('private');
  });

  it('answers 429 "Retry later" while the rate limit is exhausted', async () => {
    gitlab.setRateLimitExhausted(true);
    const res = await request(gitlab.url)
      .get(project(CHECKOUT_PROJECT))
      .set('PRIVATE-TOKEN', TOKENS.write);
    expect(res.status).toBe(429);
    expect(res.text).toBe('Retry later\n');
    expect(res.headers['retry-after']).toBe('60');
    expect(res.headers['ratelimit-remaining']).toBe('0');
    gitlab.setRateLimitExhausted(false);
    const again = await request(gitlab.url).get(
      `/api/v4/projects/${CHECKOUT_PROJECT_ID}`,
    );
    expect(again.status).toBe(200);
  });
});
