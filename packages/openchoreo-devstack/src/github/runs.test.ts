import request from 'supertest';
import { waitFor } from '../emulatorKit/waitFor';
import { startGitHubEmulator } from './startGitHubEmulator';
import {
  DEFAULT_GITHUB_TOKEN_VALUES as TOKENS,
  STOREFRONT_REPOSITORY,
} from './seedRepositories';
import { GitHubEmulator } from './types';

const RUNS = `/repos/${STOREFRONT_REPOSITORY}/actions/runs`;

describe('GitHub emulator: Actions workflow runs', () => {
  let github: GitHubEmulator;
  const get = (path: string, token = TOKENS.write) =>
    request(github.url).get(path).set('Authorization', `Bearer ${token}`);
  const post = (path: string, token = TOKENS.write) =>
    request(github.url).post(path).set('Authorization', `Bearer ${token}`);

  beforeEach(async () => {
    github = await startGitHubEmulator({ runDurationMs: 200 });
  });
  afterEach(() => github.close());

  it('lists the seeded runs newest first with the real fields', async () => {
    const res = await get(RUNS);
    expect(res.status).toBe(200);
    expect(res.body.total_count).toBe(5);
    expect(res.headers.link).toBeUndefined();
    const [running, latestSuccess, failed] = res.body.workflow_runs;
    expect(running).toMatchObject({
      name: 'Build and publish',
      display_title: 'Show delivery estimates',
      status: 'in_progress',
      conclusion: null,
      head_branch: 'main',
      event: 'push',
      run_attempt: 1,
      actor: { login: 'alice-dev' },
      path: '.github/workflows/build-and-publish.yml',
      html_url: `${github.url}/${STOREFRONT_REPOSITORY}/actions/runs/${running.id}`,
      url: `${github.url}${RUNS}/${running.id}`,
    });
    expect(running.run_number).toBe(4);
    expect(running.head_sha).toMatch(/^[0-9a-f]{40}$/);
    for (const field of ['created_at', 'updated_at', 'run_started_at']) {
      expect(running[field]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    expect(typeof running.workflow_id).toBe('number');
    expect(latestSuccess).toMatchObject({
      status: 'completed',
      conclusion: 'success',
    });
    expect(failed).toMatchObject({
      conclusion: 'failure',
      head_branch: 'feature/checkout-redesign',
      event: 'pull_request',
    });
    const lint = res.body.workflow_runs.find(
      (run: { name: string }) => run.name === 'Lint',
    );
    expect(lint.run_number).toBe(1);
    expect(lint.workflow_id).not.toBe(running.workflow_id);
  });

  it('pages with per_page and page, with a link header', async () => {
    const first = await get(`${RUNS}?per_page=2`);
    expect(first.body.total_count).toBe(5);
    expect(first.body.workflow_runs).toHaveLength(2);
    expect(first.headers.link).toBe(
      [
        `<${github.url}${RUNS}?per_page=2&page=2>; rel="next"`,
        `<${github.url}${RUNS}?per_page=2&page=3>; rel="last"`,
      ].join(', '),
    );
    const middle = await get(`${RUNS}?per_page=2&page=2`);
    expect(middle.headers.link).toBe(
      ['prev', 'next', 'last', 'first']
        .map(
          (rel, i) =>
            `<${github.url}${RUNS}?per_page=2&page=${
              [1, 3, 3, 1][i]
            }>; rel="${rel}"`,
        )
        .join(', '),
    );
    const last = await get(`${RUNS}?per_page=2&page=3`);
    expect(last.body.workflow_runs).toHaveLength(1);
    expect(last.headers.link).not.toContain('rel="next"');
    const ids = [first, middle, last].flatMap(r =>
      r.body.workflow_runs.map((run: { id: number }) => run.id),
    );
    expect(new Set(ids).size).toBe(5);
  });

  it('filters by branch and by status or conclusion', async () => {
    const branch = await get(`${RUNS}?branch=feature/checkout-redesign`);
    expect(branch.body.total_count).toBe(2);
    const running = await get(`${RUNS}?status=in_progress`);
    expect(running.body.total_count).toBe(1);
    const failures = await get(`${RUNS}?status=failure`);
    expect(
      failures.body.workflow_runs.map(
        (r: { conclusion: string }) => r.conclusion,
      ),
    ).toEqual(['failure']);
    const completed = await get(`${RUNS}?status=completed&branch=main`);
    expect(completed.body.total_count).toBe(2);
  });

  it('serves one run and its jobs with steps', async () => {
    const list = await get(`${RUNS}?status=failure`);
    const id = list.body.workflow_runs[0].id;
    const run = await get(`${RUNS}/${id}`);
    expect(run.status).toBe(200);
    expect(run.body).toEqual(list.body.workflow_runs[0]);

    const jobs = await get(`${RUNS}/${id}/jobs`);
    expect(jobs.status).toBe(200);
    expect(jobs.body.total_count).toBe(1);
    const [job] = jobs.body.jobs;
    expect(job).toMatchObject({
      run_id: id,
      status: 'completed',
      conclusion: 'failure',
      workflow_name: 'Build and publish',
      head_branch: 'feature/checkout-redesign',
      run_attempt: 1,
    });
    expect(
      job.steps.map((s: { name: string; conclusion: string }) => [
        s.name,
        s.conclusion,
      ]),
    ).toEqual([
      ['Set up job', 'success'],
      ['Check out repository', 'success'],
      ['Build and push image', 'failure'],
      ['Publish Workload to OpenChoreo', 'skipped'],
      ['Post Check out repository', 'success'],
      ['Complete job', 'success'],
    ]);
    expect(job.steps[0]).toMatchObject({ number: 1, status: 'completed' });

    const runningId = (await get(`${RUNS}?status=in_progress`)).body
      .workflow_runs[0].id;
    const runningJob = (await get(`${RUNS}/${runningId}/jobs`)).body.jobs[0];
    expect(runningJob.completed_at).toBeNull();
    expect(runningJob.steps.map((s: { status: string }) => s.status)).toEqual([
      'completed',
      'completed',
      'in_progress',
      'queued',
      'queued',
      'queued',
    ]);
  });

  it('answers GitHub 404s for unknown repositories and runs', async () => {
    const repo = await get('/repos/openchoreo/no-such-repo/actions/runs');
    expect(repo.status).toBe(404);
    expect(repo.body).toEqual({
      message: 'Not Found',
      documentation_url:
        'https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-repository',
      status: '404',
    });
    expect((await get('/repos/openchoreo/no-such-repo')).body.message).toBe(
      'Not Found',
    );
    expect((await get(`${RUNS}/1`)).status).toBe(404);
    expect((await get(`${RUNS}/abc/jobs`)).status).toBe(404);
    expect((await get('/no/such/route')).status).toBe(404);
  });

  it('serves the same API under the GitHub Enterprise prefix /api/v3', async () => {
    const res = await get(`/api/v3${RUNS}?per_page=1`);
    expect(res.status).toBe(200);
    const [run] = res.body.workflow_runs;
    expect(run.url).toBe(`${github.enterpriseApiUrl}${RUNS}/${run.id}`);
    expect(run.html_url).toBe(
      `${github.url}/${STOREFRONT_REPOSITORY}/actions/runs/${run.id}`,
    );
    expect(res.headers.link).toContain(
      `<${github.url}/api/v3${RUNS}?per_page=1&page=2>; rel="next"`,
    );
    const repo = await get(`/api/v3/repos/${STOREFRONT_REPOSITORY}`);
    expect(repo.body.url).toBe(
      `${github.enterpriseApiUrl}/repos/${STOREFRONT_REPOSITORY}`,
    );
    const page = await request(github.url).get(new URL(run.html_url).pathname);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Build and publish #4');
  });

  it('re-runs a finished run as its next attempt, which completes later', async () => {
    const failed = (await get(`${RUNS}?status=failure`)).body.workflow_runs[0];
    const rerun = await post(`${RUNS}/${failed.id}/rerun`);
    expect(rerun.status).toBe(201);
    expect(rerun.body).toEqual({});
    const started = (await get(`${RUNS}/${failed.id}`)).body;
    expect(started).toMatchObject({
      run_attempt: 2,
      conclusion: null,
      run_number: failed.run_number,
    });
    expect(['queued', 'in_progress']).toContain(started.status);
    const again = await post(`${RUNS}/${failed.id}/rerun`);
    expect(again.status).toBe(403);
    expect(again.body.message).toBe('This workflow is already running');

    const done = await waitFor(async () => {
      const run = (await get(`${RUNS}/${failed.id}`)).body;
      return run.status === 'completed' ? run : undefined;
    });
    expect(done).toMatchObject({ conclusion: 'success', run_attempt: 2 });
    const jobs = (await get(`${RUNS}/${failed.id}/jobs`)).body.jobs;
    expect(jobs[0]).toMatchObject({ run_attempt: 2, conclusion: 'success' });
  });

  it('refuses a re-run without write access', async () => {
    const run = (await get(`${RUNS}?status=success`)).body.workflow_runs[0];
    const readOnly = await post(`${RUNS}/${run.id}/rerun`, TOKENS.readOnly);
    expect(readOnly.status).toBe(403);
    expect(readOnly.body).toEqual({
      message: 'Resource not accessible by personal access token',
      documentation_url:
        'https://docs.github.com/rest/actions/workflow-runs#re-run-a-workflow',
      status: '403',
    });
    const anonymous = await request(github.url).post(`${RUNS}/${run.id}/rerun`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.message).toBe('Requires authentication');
    expect((await get(`${RUNS}/${run.id}`)).body.run_attempt).toBe(1);
  });
});
