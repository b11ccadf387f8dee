import request from 'supertest';
import { startGitLabEmulator } from './startGitLabEmulator';
import {
  DEFAULT_GITLAB_TOKEN_VALUES as TOKENS,
  GITOPS_PROJECT,
} from './seedProjects';
import { GitLabEmulator } from './types';

const MRS = `/api/v4/projects/${encodeURIComponent(
  GITOPS_PROJECT,
)}/merge_requests`;
const release = {
  source_branch: 'release/checkout-api-20260901-101500',
  target_branch: 'main',
  title: 'Release checkout-api: registry.example.com/checkout-api:19',
  description: 'Published by GitLab CI pipeline 1870000042',
};

describe('GitLab emulator: GitOps release merge requests', () => {
  let gitlab: GitLabEmulator;
  const get = (path: string) =>
    request(gitlab.url).get(path).set('PRIVATE-TOKEN', TOKENS.write);
  const create = (body: object, token = TOKENS.write) =>
    request(gitlab.url).post(MRS).set('PRIVATE-TOKEN', token).send(body);

  beforeEach(async () => {
    gitlab = await startGitLabEmulator();
  });
  afterEach(() => gitlab.close());

  it('opens a merge request (JSON or form body) and answers 201', async () => {
    const res = await create(release);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      iid: 1,
      state: 'opened',
      title: release.title,
      description: release.description,
      source_branch: release.source_branch,
      target_branch: 'main',
      author: { username: 'devstack-bot' },
      references: { full: `${GITOPS_PROJECT}!1` },
      web_url: `${gitlab.url}/${GITOPS_PROJECT}/-/merge_requests/1`,
    });
    const form = await request(gitlab.url)
      .post(MRS)
      .set('PRIVATE-TOKEN', TOKENS.write)
      .type('form')
      .send({ ...release, source_branch: 'release/other-1' });
    expect(form.status).toBe(201);
    expect(form.body.iid).toBe(2);
    expect(gitlab.mergeRequests(GITOPS_PROJECT).map(mr => mr.iid)).toEqual([
      2, 1,
    ]);
  });

  it('finds the open merge request of a branch, and all of them by default', async () => {
    await create(release);
    await create({ ...release, source_branch: 'release/other-1' });
    const mine = await get(
      `${MRS}?source_branch=${encodeURIComponent(
        release.source_branch,
      )}&state=opened`,
    );
    expect(mine.body.map((mr: { iid: number }) => mr.iid)).toEqual([1]);
    expect(mine.headers['x-total']).toBe('1');

    gitlab.mergeMergeRequest(GITOPS_PROJECT, 1);
    const stillOpen = await get(
      `${MRS}?source_branch=${encodeURIComponent(
        release.source_branch,
      )}&state=opened`,
    );
    expect(stillOpen.body).toEqual([]);
    const all = await get(MRS);
    expect(all.body.map((mr: { state: string }) => mr.state)).toEqual([
      'opened',
      'merged',
    ]);
    expect((await get(`${MRS}?state=merged`)).body[0].merged_at).toEqual(
      expect.any(String),
    );
    expect((await get(`${MRS}?state=done`)).status).toBe(400);
  });

  it('refuses a duplicate, equal branches and missing fields with GitLab messages', async () => {
    await create(release);
    const duplicate = await create(release);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({
      message: [
        'Another open merge request already exists for this source branch: !1',
      ],
    });
    const same = await create({ ...release, source_branch: 'main' });
    expect(same.status).toBe(422);
    expect(same.body.message).toEqual([
      "You can't use same project/branch for source and target",
    ]);
    const missing = await create({ title: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({
      error: 'source_branch is missing, target_branch is missing',
    });
  });

  it('refuses a merge request below Developer access or without a token', async () => {
    const reporter = await create(release, TOKENS.readOnly);
    expect(reporter.status).toBe(403);
    // The GitOps project is private: without a token it does not exist.
    const anonymous = await request(gitlab.url).post(MRS).send(release);
    expect(anonymous.status).toBe(404);
    expect(gitlab.mergeRequests(GITOPS_PROJECT)).toEqual([]);
  });
});
