import request from 'supertest';
import { waitFor } from '../emulatorKit/waitFor';
import { startGitLabEmulator } from './startGitLabEmulator';
import {
  CHECKOUT_PROJECT,
  CHECKOUT_PROJECT_ID,
  DEFAULT_GITLAB_TOKEN_VALUES as TOKENS,
} from './seedProjects';
import { GitLabEmulator } from './types';

const BY_PATH = `/api/v4/projects/${encodeURIComponent(CHECKOUT_PROJECT)}`;
const PIPELINES = `${BY_PATH}/pipelines`;

type Pipeline = { id: number; status: string; ref: string };

describe('GitLab emulator: pipelines', () => {
  let gitlab: GitLabEmulator;
  const get = (path: string) =>
    request(gitlab.url).get(path).set('PRIVATE-TOKEN', TOKENS.write);
  const retry = (id: number, token = TOKENS.write) =>
    request(gitlab.url)
      .post(`${PIPELINES}/${id}/retry`)
      .set('PRIVATE-TOKEN', token);
  const withStatus = async (status: string): Promise<Pipeline> =>
    (await get(`${PIPELINES}?status=${status}`)).body[0];

  beforeEach(async () => {
    gitlab = await startGitLabEmulator({ pipelineDurationMs: 200 });
  });
  afterEach(() => gitlab.close());

  it('serves the project by URL-encoded path and by id', async () => {
    const byPath = await get(BY_PATH);
    expect(byPath.status).toBe(200);
    expect(byPath.body).toMatchObject({
      id: CHECKOUT_PROJECT_ID,
      path_with_namespace: CHECKOUT_PROJECT,
      name: 'checkout-api',
      default_branch: 'main',
      web_url: `${gitlab.url}/${CHECKOUT_PROJECT}`,
      namespace: { full_path: 'openchoreo-demo', kind: 'group' },
    });
    const byId = await get(`/api/v4/projects/${CHECKOUT_PROJECT_ID}`);
    expect(byId.body).toEqual(byPath.body);
    const unknown = await get('/api/v4/projects/openchoreo-demo%2Fnope');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ message: '404 Project Not Found' });
    // An unencoded slash is another route on GitLab too.
    expect((await get(`/api/v4/projects/${CHECKOUT_PROJECT}`)).status).toBe(
      404,
    );
  });

  it('lists pipelines newest first with the list fields and paging headers', async () => {
    const res = await get(PIPELINES);
    expect(res.status).toBe(200);
    expect(res.body.map((p: Pipeline) => p.status)).toEqual([
      'running',
      'success',
      'failed',
      'success',
    ]);
    expect(Object.keys(res.body[0]).sort()).toEqual(
      [
        'created_at',
        'id',
        'iid',
        'name',
        'project_id',
        'ref',
        'sha',
        'source',
        'status',
        'updated_at',
        'web_url',
      ].sort(),
    );
    expect(res.body[2]).toMatchObject({
      iid: 2,
      project_id: CHECKOUT_PROJECT_ID,
      ref: 'feature/split-payments',
      source: 'merge_request_event',
      web_url: `${gitlab.url}/${CHECKOUT_PROJECT}/-/pipelines/${res.body[2].id}`,
    });
    expect(res.body[0].created_at).toMatch(/^\d{4}-.*T.*\.\d{3}Z$/);
    expect(res.headers).toMatchObject({
      'x-page': '1',
      'x-per-page': '20',
      'x-total': '4',
      'x-total-pages': '1',
      'x-next-page': '',
      'x-prev-page': '',
    });

    const page2 = await get(`${PIPELINES}?per_page=3&page=2`);
    expect(page2.body).toHaveLength(1);
    expect(page2.headers).toMatchObject({
      'x-page': '2',
      'x-total-pages': '2',
      'x-next-page': '',
      'x-prev-page': '1',
    });
    expect(page2.headers.link).toBe(
      ['prev', 'first', 'last']
        .map(
          (rel, i) =>
            `<${gitlab.url}${PIPELINES}?per_page=3&page=${
              [1, 1, 2][i]
            }>; rel="${rel}"`,
        )
        .join(', '),
    );
    const page1 = await get(`${PIPELINES}?per_page=3`);
    expect(page1.headers['x-next-page']).toBe('2');
  });

  it('filters by ref and status and orders as asked', async () => {
    const main = await get(`${PIPELINES}?ref=main`);
    expect(main.body).toHaveLength(3);
    expect((await get(`${PIPELINES}?scope=finished`)).body).toHaveLength(3);
    const asc = await get(`${PIPELINES}?order_by=id&sort=asc`);
    expect(asc.body.map((p: Pipeline) => p.status)).toEqual([
      'success',
      'failed',
      'success',
      'running',
    ]);
    const byRef = await get(`${PIPELINES}?order_by=ref&sort=asc`);
    expect(byRef.body[0].ref).toBe('feature/split-payments');
    const bad = await get(`${PIPELINES}?order_by=name`);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'order_by does not have a valid value' });
    expect((await get(`${PIPELINES}?sort=up`)).body.error).toBe(
      'sort does not have a valid value',
    );
  });

  it('serves one pipeline with the detail fields', async () => {
    const failed = await withStatus('failed');
    const res = await get(`${PIPELINES}/${failed.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: failed.id,
      status: 'failed',
      duration: 133,
      user: { username: 'dave-dev', name: 'Dave Dev' },
      detailed_status: { group: 'failed', label: 'failed' },
      tag: false,
    });
    expect(new Date(res.body.finished_at).getTime()).toBeGreaterThan(
      new Date(res.body.started_at).getTime(),
    );
    const running = await get(
      `${PIPELINES}/${(await withStatus('running')).id}`,
    );
    expect(running.body).toMatchObject({
      finished_at: null,
      duration: null,
      detailed_status: { label: 'running' },
    });
    expect((await get(`${PIPELINES}/1`)).body).toEqual({
      message: '404 Not found',
    });
  });

  it('retries a failed pipeline, which runs and then succeeds', async () => {
    const failed = await withStatus('failed');
    const res = await retry(failed.id);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: failed.id,
      status: 'running',
      finished_at: null,
    });
    const done = await waitFor(async () => {
      const pipeline = (await get(`${PIPELINES}/${failed.id}`)).body;
      return pipeline.status === 'success' ? pipeline : undefined;
    });
    expect(done.finished_at).toEqual(expect.any(String));

    // Nothing to retry in a successful pipeline: unchanged, still 201.
    const success = await withStatus('success');
    const noop = await retry(success.id);
    expect(noop.status).toBe(201);
    expect(noop.body.status).toBe('success');
  });

  it('refuses a retry below Developer access or without a token', async () => {
    const failed = await withStatus('failed');
    const reporter = await retry(failed.id, TOKENS.readOnly);
    expect(reporter.status).toBe(403);
    expect(reporter.body).toEqual({ message: '403 Forbidden' });
    const anonymous = await request(gitlab.url).post(
      `${PIPELINES}/${failed.id}/retry`,
    );
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ message: '401 Unauthorized' });
    expect((await get(`${PIPELINES}/${failed.id}`)).body.status).toBe('failed');
  });

  it('links web pages that exist', async () => {
    const [latest] = (await get(PIPELINES)).body;
    const page = await request(gitlab.url).get(
      new URL(latest.web_url).pathname,
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Pipeline #${latest.id} on main: running`);
    expect((await request(gitlab.url).get(`/${CHECKOUT_PROJECT}`)).status).toBe(
      200,
    );
    expect((await request(gitlab.url).get('/nobody/nothing')).status).toBe(404);
  });
});
