import request from 'supertest';
import { startGitHubEmulator } from './startGitHubEmulator';
import { DEFAULT_GITHUB_TOKEN_VALUES as TOKENS } from './seedRepositories';
import { GitHubEmulator } from './types';

describe('GitHub emulator: test control over HTTP (/_devstack)', () => {
  let github: GitHubEmulator;
  const control = () => request(github.url);
  const api = (path: string) =>
    request(github.url)
      .get(path)
      .set('Authorization', `Bearer ${TOKENS.write}`);

  beforeEach(async () => {
    github = await startGitHubEmulator();
  });
  afterEach(() => github.close());

  it('adds a repository, starts a run in it and completes the run', async () => {
    const repo = await control()
      .post('/_devstack/repos')
      .send({ full_name: 'acme/new-service' });
    expect(repo.status).toBe(201);
    expect((await api('/repos/acme/new-service/actions/runs')).body).toEqual({
      total_count: 0,
      workflow_runs: [],
    });

    const started = await control()
      .post('/_devstack/repos/acme/new-service/runs')
      .send({ head_sha: 'a'.repeat(40), display_title: 'First build' });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      status: 'in_progress',
      conclusion: null,
      run_number: 1,
      head_branch: 'main',
      display_title: 'First build',
    });
    const runs = await api('/repos/acme/new-service/actions/runs');
    expect(runs.body.workflow_runs[0].id).toBe(started.body.id);

    const completed = await control()
      .post(
        `/_devstack/repos/acme/new-service/runs/${started.body.id}/complete`,
      )
      .send({ conclusion: 'failure' });
    expect(completed.status).toBe(200);
    const run = await api(
      `/repos/acme/new-service/actions/runs/${started.body.id}`,
    );
    expect(run.body).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
    });
    const again = await control()
      .post(
        `/_devstack/repos/acme/new-service/runs/${started.body.id}/complete`,
      )
      .send({ conclusion: 'success' });
    expect(again.status).toBe(409);
  });

  it('tells what is wrong with a control request', async () => {
    expect(
      (await control().post('/_devstack/repos').send({ full_name: 'x' })).body
        .message,
    ).toMatch(/owner\/name/);
    const unknown = await control().post('/_devstack/repos/a/b/runs').send({});
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/POST \/_devstack\/repos/);
    const badStatus = await control()
      .post('/_devstack/repos/openchoreo/sample-workloads/runs')
      .send({ status: 'completed' });
    expect(badStatus.status).toBe(422);
    const { id } = github.addRun('openchoreo/sample-workloads');
    const badConclusion = await control()
      .post(`/_devstack/repos/openchoreo/sample-workloads/runs/${id}/complete`)
      .send({ conclusion: 'great' });
    expect(badConclusion.status).toBe(422);
    expect(badConclusion.body.message).toMatch(
      /^conclusion must be one of success, failure/,
    );
  });

  it('toggles the rate limit and merges pull requests', async () => {
    expect(
      (await control().put('/_devstack/rate-limit').send({ exhausted: true }))
        .status,
    ).toBe(200);
    const limited = await api('/repos/openchoreo/sample-workloads');
    expect(limited.status).toBe(403);
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    await control().put('/_devstack/rate-limit').send({ exhausted: false });
    expect((await api('/repos/openchoreo/sample-workloads')).status).toBe(200);
    expect((await control().put('/_devstack/rate-limit').send({})).status).toBe(
      422,
    );

    await request(github.url)
      .post('/repos/openchoreo/sample-gitops/pulls')
      .set('Authorization', `Bearer ${TOKENS.write}`)
      .send({ title: 't', head: 'release/a-1', base: 'main' });
    const merged = await control().post(
      '/_devstack/repos/openchoreo/sample-gitops/pulls/1/merge',
    );
    expect(merged.body).toEqual({ number: 1, state: 'closed', merged: true });
    expect(
      (
        await control().post(
          '/_devstack/repos/openchoreo/sample-gitops/pulls/1/merge',
        )
      ).status,
    ).toBe(404);
  });

  it('exposes the same control in code', async () => {
    const ref = github.addRun('openchoreo/sample-workloads', {
      workflow: 'Nightly',
      branch: 'develop',
    });
    expect(ref.htmlUrl).toBe(
      `${github.url}/openchoreo/sample-workloads/actions/runs/${ref.id}`,
    );
    github.completeRun('openchoreo/sample-workloads', ref.id, 'cancelled');
    const run = await api(
      `/repos/openchoreo/sample-workloads/actions/runs/${ref.id}`,
    );
    expect(run.body).toMatchObject({
      name: 'Nightly',
      path: '.github/workflows/nightly.yml',
      head_branch: 'develop',
      conclusion: 'cancelled',
    });
    expect(() => github.addRun('nobody/nothing')).toThrow(
      /No repository 'nobody\/nothing'/,
    );
  });
});
