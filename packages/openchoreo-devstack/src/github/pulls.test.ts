import request from 'supertest';
import { startGitHubEmulator } from './startGitHubEmulator';
import {
  DEFAULT_GITHUB_TOKEN_VALUES as TOKENS,
  GITOPS_REPOSITORY,
} from './seedRepositories';
import { GitHubEmulator } from './types';

const PULLS = `/repos/${GITOPS_REPOSITORY}/pulls`;
const release = {
  title: 'Release storefront-web: ghcr.io/acme/storefront:8',
  head: 'release/storefront-web-20260901-101500',
  base: 'main',
  body: 'Published by GitHub Actions run 42',
};

describe('GitHub emulator: GitOps release pull requests', () => {
  let github: GitHubEmulator;
  const call = (method: 'get' | 'post', path: string, token = TOKENS.write) =>
    request(github.url)[method](path).set('Authorization', `Bearer ${token}`);

  beforeEach(async () => {
    github = await startGitHubEmulator();
  });
  afterEach(() => github.close());

  it('opens a pull request and answers 201 with its location', async () => {
    const res = await call('post', PULLS).send(release);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`${github.url}${PULLS}/1`);
    expect(res.body).toMatchObject({
      number: 1,
      state: 'open',
      draft: false,
      title: release.title,
      body: release.body,
      html_url: `${github.url}/${GITOPS_REPOSITORY}/pull/1`,
      user: { login: 'devstack-bot' },
      head: { ref: release.head, label: `openchoreo:${release.head}` },
      base: { ref: 'main', repo: { full_name: GITOPS_REPOSITORY } },
      merged_at: null,
    });
    expect(github.pullRequests(GITOPS_REPOSITORY)).toEqual([
      expect.objectContaining({ number: 1, head: release.head, base: 'main' }),
    ]);
  });

  it('finds the open pull request of a branch with head=owner:branch', async () => {
    await call('post', PULLS).send(release);
    await call('post', PULLS).send({ ...release, head: 'release/other-1' });
    const mine = await call(
      'get',
      `${PULLS}?head=openchoreo:${release.head}&state=open`,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.map((p: { number: number }) => p.number)).toEqual([1]);
    // GitHub ignores a head filter without the owner: a classic client bug, kept visible here.
    const bare = await call('get', `${PULLS}?head=${release.head}`);
    expect(bare.body).toHaveLength(2);
    const paged = await call('get', `${PULLS}?per_page=1`);
    expect(paged.body.map((p: { number: number }) => p.number)).toEqual([2]);
    expect(paged.headers.link).toContain('rel="next"');

    github.mergePullRequest(GITOPS_REPOSITORY, 1);
    expect(
      (await call('get', `${PULLS}?head=openchoreo:${release.head}`)).body,
    ).toEqual([]);
    const closed = await call('get', `${PULLS}?state=closed`);
    expect(closed.body[0]).toMatchObject({ number: 1, state: 'closed' });
    expect(closed.body[0].merged_at).toEqual(expect.any(String));
    expect((await call('get', `${PULLS}?state=all`)).body).toHaveLength(2);
  });

  it('refuses a second open pull request for the same branch, and head equal to base', async () => {
    await call('post', PULLS).send(release);
    const duplicate = await call('post', PULLS).send({
      ...release,
      head: `openchoreo:${release.head}`,
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body).toMatchObject({
      message: 'Validation Failed',
      errors: [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: `A pull request already exists for openchoreo:${release.head}.`,
        },
      ],
    });
    const same = await call('post', PULLS).send({ ...release, head: 'main' });
    expect(same.status).toBe(422);
    expect(same.body.errors[0].message).toBe(
      'No commits between main and main',
    );
  });

  it('names the missing fields and refuses a fork head', async () => {
    const missing = await call('post', PULLS).send({ title: 'x' });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toBe(
      'Invalid request.\n\n"head", "base" weren\'t supplied.',
    );
    const fork = await call('post', PULLS).send({
      ...release,
      head: 'someone-else:feature',
    });
    expect(fork.status).toBe(422);
    expect(fork.body.errors).toEqual([
      { resource: 'PullRequest', field: 'head', code: 'invalid' },
    ]);
    const broken = await call('post', PULLS)
      .set('Content-Type', 'application/json')
      .send('{"title":');
    expect(broken.status).toBe(400);
    expect(broken.body.message).toBe('Problems parsing JSON');
  });

  it('refuses pull requests without write access or a token', async () => {
    const readOnly = await call('post', PULLS, TOKENS.readOnly).send(release);
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.message).toBe(
      'Resource not accessible by personal access token',
    );
    // The GitOps repository is private: without a token it does not exist.
    const anonymous = await request(github.url).post(PULLS).send(release);
    expect(anonymous.status).toBe(404);
    expect(github.pullRequests(GITOPS_REPOSITORY)).toEqual([]);
  });
});
