import request from 'supertest';
import type { Express } from 'express';
import { startTestIdp, type TestIdp } from '../api/__testUtils__/testIdp';
import {
  contractClient,
  type ContractClient,
} from '../api/__testUtils__/contractClient';
import { ObserverArchive, type ArchivedRun } from './archive';
import { createObserverRouter } from './router';

const SHOP = { namespace: 'default', project: 'shop', component: 'cart' };

function archivedRun(
  name: string,
  hierarchy = SHOP,
  lines: Array<[string, string, string]> = [],
): ArchivedRun {
  return {
    namespace: hierarchy.namespace,
    name,
    hierarchy,
    lines: lines.map(([timestamp, task, log]) => ({ timestamp, task, log })),
    events: [
      {
        timestamp: '2026-03-01T10:00:00Z',
        type: 'Normal',
        reason: 'WorkflowRunning',
        message: 'Workflow Running',
        objectName: name,
        objectNamespace: 'workflows-default',
      },
      {
        timestamp: '2026-03-01T10:00:01Z',
        type: 'Normal',
        reason: 'Pulled',
        message: 'Container image "alpine/git:2.45.2" already present',
        task: 'checkout-source',
        objectName: `${name}-checkout-source`,
        objectNamespace: 'workflows-default',
      },
    ],
  };
}

const T = (second: number) =>
  `2026-03-01T10:00:${String(second).padStart(2, '0')}Z`;
const WINDOW = {
  startTime: '2026-03-01T00:00:00Z',
  endTime: '2026-03-02T00:00:00Z',
};
const RUN_1 = { namespace: 'default', workflowRunName: 'cart-run-1' };

let idp: TestIdp;
let app: Express;
let observer: ContractClient;
let archive: ObserverArchive;

beforeAll(async () => {
  idp = await startTestIdp();
  archive = new ObserverArchive();
  archive.put(
    archivedRun('cart-run-1', SHOP, [
      [T(1), 'checkout-source', 'Cloning into /mnt/vol/source'],
      [T(2), 'checkout-source', 'HEAD is now at 1a2b3c4'],
      [T(5), 'build-image', '#7 RUN npm ci'],
      [T(5), 'build-image', 'npm ERR! ETIMEDOUT registry.npmjs.org'],
      [T(9), 'build-image', '#9 exporting to image'],
    ]),
  );
  archive.put(
    archivedRun(
      'secret-run-1',
      { namespace: 'default', project: 'vault', component: 'keys' },
      [[T(1), 'build-image', 'npm ERR! in vault']],
    ),
  );
  app = createObserverRouter({
    auth: { issuer: idp.issuer, jwksUri: idp.jwksUri },
    archive,
  });
  observer = contractClient(app, await idp.token(), 'observer-api');
});

afterAll(() => idp.close());

const logsOf = (body: any) => body.logs.map((l: any) => l.log);

describe('Observer stand-in against observer-api.yaml', () => {
  it('answers its health check', async () => {
    const res = await observer.call('GET', '/health');
    expect(res.body).toEqual({ status: 'healthy' });
  });

  it('queries the logs of one run, oldest first, within the time window', async () => {
    const res = await observer.call('POST', '/api/v1/logs/query', {
      ...WINDOW,
      searchScope: RUN_1,
      sortOrder: 'asc',
      limit: 1000,
    });
    expect(res.status).toBe(200);
    expect(logsOf(res.body)).toEqual([
      'Cloning into /mnt/vol/source',
      'HEAD is now at 1a2b3c4',
      '#7 RUN npm ci',
      'npm ERR! ETIMEDOUT registry.npmjs.org',
      '#9 exporting to image',
    ]);
    expect(res.body.total).toBe(5);
    expect(res.body.logs[0]).toEqual({
      timestamp: T(1),
      log: 'Cloning into /mnt/vol/source',
    });
  });

  it('defaults to newest first and 100 entries; limit and the inclusive window page through', async () => {
    const newest = await observer.call('POST', '/api/v1/logs/query', {
      ...WINDOW,
      searchScope: RUN_1,
    });
    expect(logsOf(newest.body)[0]).toBe('#9 exporting to image');

    const first = await observer.call('POST', '/api/v1/logs/query', {
      ...WINDOW,
      searchScope: RUN_1,
      sortOrder: 'asc',
      limit: 3,
    });
    expect(logsOf(first.body)).toHaveLength(3);
    expect(first.body.total).toBe(5);
    // The next page starts at the last timestamp seen (inclusive): the caller skips what it has.
    const next = await observer.call('POST', '/api/v1/logs/query', {
      startTime: T(5),
      endTime: WINDOW.endTime,
      searchScope: RUN_1,
      sortOrder: 'asc',
      limit: 3,
    });
    expect(logsOf(next.body)).toEqual([
      '#7 RUN npm ci',
      'npm ERR! ETIMEDOUT registry.npmjs.org',
      '#9 exporting to image',
    ]);
  });

  it('narrows to one task and to a search phrase (case-insensitive)', async () => {
    const task = await observer.call('POST', '/api/v1/logs/query', {
      ...WINDOW,
      searchScope: { ...RUN_1, taskName: 'checkout-source' },
      sortOrder: 'asc',
    });
    expect(logsOf(task.body)).toEqual([
      'Cloning into /mnt/vol/source',
      'HEAD is now at 1a2b3c4',
    ]);
    const phrase = await observer.call('POST', '/api/v1/logs/query', {
      ...WINDOW,
      searchScope: RUN_1,
      searchPhrase: 'NPM err!',
    });
    expect(logsOf(phrase.body)).toEqual([
      'npm ERR! ETIMEDOUT registry.npmjs.org',
    ]);
  });

  it('searches a namespace only in the runs the caller may view', async () => {
    const developer = contractClient(
      app,
      await idp.token({ claims: { sub: 'dev', groups: ['developers'] } }),
      'observer-api',
    );
    const everything = await observer.call('POST', '/api/v1/logs/query', {
      ...WINDOW,
      searchScope: { namespace: 'default' },
      searchPhrase: 'npm ERR!',
    });
    expect(everything.body.total).toBe(2);
    const mine = await developer.call('POST', '/api/v1/logs/query', {
      ...WINDOW,
      searchScope: { namespace: 'other' },
    });
    expect(mine.body).toMatchObject({ logs: [], total: 0 });
  });

  it('refuses a run the caller may not view with 403', async () => {
    const outsider = contractClient(
      app,
      await idp.token({ claims: { sub: 'eve', groups: ['outsiders'] } }),
      'observer-api',
    );
    const res = await outsider.call('POST', '/api/v1/logs/query', {
      ...WINDOW,
      searchScope: RUN_1,
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      title: 'forbidden',
      errorCode: '',
      message:
        'Subject eve has no permission to view logs of Namespace default, Project shop, Component cart, WorkflowRun cart-run-1',
    });
    const events = await outsider.call('POST', '/api/v1/events/query', {
      ...WINDOW,
      searchScope: RUN_1,
    });
    expect(events.status).toBe(403);
  });

  it('answers 401 without a valid token, in its own error shape', async () => {
    const res = await request(app)
      .post('/api/v1/logs/query')
      .send({ ...WINDOW, searchScope: RUN_1 });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      title: 'unauthorized',
      errorCode: '',
      message: 'Authorization header with a Bearer token is required',
    });
  });

  it('rejects what the spec rejects with 400', async () => {
    const missing = await observer.call(
      'POST',
      '/api/v1/logs/query',
      { searchScope: RUN_1 },
      { violatesSpec: true },
    );
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe(
      "Missing required fields 'startTime' and 'endTime'",
    );
    const tooMany = await observer.call(
      'POST',
      '/api/v1/logs/query',
      { ...WINDOW, searchScope: RUN_1, limit: 1001 },
      { violatesSpec: true },
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.title).toBe('badRequest');
    const noScope = await observer.call(
      'POST',
      '/api/v1/events/query',
      { ...WINDOW },
      { violatesSpec: true },
    );
    expect(noScope.status).toBe(400);
  });

  it('has no component logs (a component scope finds nothing)', async () => {
    const res = await observer.call('POST', '/api/v1/logs/query', {
      ...WINDOW,
      searchScope: { namespace: 'default', component: 'cart' },
    });
    expect(res.body).toMatchObject({ logs: [], total: 0 });
  });

  it('queries the events of a run and of one task', async () => {
    const all = await observer.call('POST', '/api/v1/events/query', {
      ...WINDOW,
      searchScope: RUN_1,
      sortOrder: 'asc',
    });
    expect(all.body.events.map((e: any) => e.reason)).toEqual([
      'WorkflowRunning',
      'Pulled',
    ]);
    const task = await observer.call('POST', '/api/v1/events/query', {
      ...WINDOW,
      searchScope: { ...RUN_1, taskName: 'checkout-source' },
    });
    expect(task.body.events).toEqual([
      {
        timestamp: '2026-03-01T10:00:01Z',
        type: 'Normal',
        reason: 'Pulled',
        message: 'Container image "alpine/git:2.45.2" already present',
        metadata: {
          namespaceName: 'default',
          projectName: 'shop',
          componentName: 'cart',
          objectKind: 'Pod',
          objectName: 'cart-run-1-checkout-source',
          objectNamespace: 'workflows-default',
        },
      },
    ]);
    expect(task.body.total).toBe(1);
  });
});
