import request from 'supertest';
import { startGitLabEmulator } from './startGitLabEmulator';
import {
  CHECKOUT_PROJECT_ID,
  DEFAULT_GITLAB_TOKEN_VALUES as TOKENS,
} from './seedProjects';
import { GitLabEmulator } from './types';

describe('GitLab emulator: test control over HTTP (/_devstack)', () => {
  let gitlab: GitLabEmulator;
  const control = () => request(gitlab.url);
  const api = (path: string) =>
    request(gitlab.url)
      .get(`/api/v4${path}`)
      .set('PRIVATE-TOKEN', TOKENS.write);

  beforeEach(async () => {
    gitlab = await startGitLabEmulator();
  });
  afterEach(() => gitlab.close());

  it('adds a project, starts a pipeline in it and completes it', async () => {
    const created = await control()
      .post('/_devstack/projects')
      .send({ path_with_namespace: 'acme/payments', id: 77 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: 77,
      path_with_namespace: 'acme/payments',
    });
    const empty = await api('/projects/77/pipelines');
    expect(empty.body).toEqual([]);
    expect(empty.headers['x-total']).toBe('0');

    const started = await control()
      .post(
        `/_devstack/projects/${encodeURIComponent('acme/payments')}/pipelines`,
      )
      .send({ ref: 'develop', sha: 'b'.repeat(40) });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      iid: 1,
      status: 'running',
      ref: 'develop',
      project_id: 77,
    });

    const done = await control()
      .post(`/_devstack/projects/77/pipelines/${started.body.id}/complete`)
      .send({ status: 'failed' });
    expect(done.status).toBe(200);
    const pipeline = await api(`/projects/77/pipelines/${started.body.id}`);
    expect(pipeline.body).toMatchObject({ status: 'failed' });
    expect(pipeline.body.duration).toEqual(expect.any(Number));
    const again = await control()
      .post(`/_devstack/projects/77/pipelines/${started.body.id}/complete`)
      .send({ status: 'success' });
    expect(again.status).toBe(409);
  });

  it('tells what is wrong with a control request', async () => {
    const bad = await control()
      .post('/_devstack/projects')
      .send({ path_with_namespace: 'lonely' });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/group\/project/);
    const unknown = await control().post('/_devstack/projects/9/pipelines');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/POST \/_devstack\/projects/);
    const { id } = gitlab.addPipeline(CHECKOUT_PROJECT_ID);
    const badStatus = await control()
      .post(
        `/_devstack/projects/${CHECKOUT_PROJECT_ID}/pipelines/${id}/complete`,
      )
      .send({ status: 'great' });
    expect(badStatus.status).toBe(422);
    expect(badStatus.body.message).toBe(
      'status must be one of success, failed, canceled',
    );
  });

  it('toggles the rate limit and merges merge requests', async () => {
    await control().put('/_devstack/rate-limit').send({ exhausted: true });
    expect((await api(`/projects/${CHECKOUT_PROJECT_ID}`)).status).toBe(429);
    await control().put('/_devstack/rate-limit').send({ exhausted: false });
    expect((await api(`/projects/${CHECKOUT_PROJECT_ID}`)).status).toBe(200);

    await request(gitlab.url)
      .post(`/api/v4/projects/${CHECKOUT_PROJECT_ID}/merge_requests`)
      .set('PRIVATE-TOKEN', TOKENS.write)
      .send({
        source_branch: 'release/a-1',
        target_branch: 'main',
        title: 't',
      });
    const merged = await control().post(
      `/_devstack/projects/${CHECKOUT_PROJECT_ID}/merge_requests/1/merge`,
    );
    expect(merged.body).toEqual({ iid: 1, state: 'merged' });
  });

  it('exposes the same control in code', async () => {
    const ref = gitlab.addPipeline('openchoreo-demo/checkout-api', {
      status: 'pending',
    });
    expect(ref.webUrl).toBe(
      `${gitlab.url}/openchoreo-demo/checkout-api/-/pipelines/${ref.id}`,
    );
    const pending = await api(
      `/projects/${CHECKOUT_PROJECT_ID}/pipelines/${ref.id}`,
    );
    expect(pending.body).toMatchObject({ status: 'pending', started_at: null });
    gitlab.completePipeline(CHECKOUT_PROJECT_ID, ref.id, 'canceled');
    const canceled = await api(
      `/projects/${CHECKOUT_PROJECT_ID}/pipelines/${ref.id}`,
    );
    expect(canceled.body.status).toBe('canceled');
    expect(() => gitlab.addPipeline('nobody/nothing')).toThrow(
      /No GitLab project 'nobody\/nothing'/,
    );
  });
});
