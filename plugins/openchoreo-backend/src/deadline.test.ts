import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { readEditableAnnotations } from './__testUtils__/annotations';
import { startTestDevstack, type TestDevstack } from './__testUtils__/devstack';
import {
  startOpenChoreoTestBackend,
  type OpenChoreoTestBackend,
} from './__testUtils__/testBackend';
import {
  startUpstreamProxy,
  type UpstreamProxy,
} from './__testUtils__/upstreamProxy';
import { runNameForKey } from './service/BuildTriggerService';

const USER = mockCredentials.user.header();
const USER_REF = 'user:default/mock';
const API = '/api/openchoreo';
const COMPONENT_PATH = '/api/v1/namespaces/default/components/greeting-service';
const SUMMARY = `${API}/components/default/greeting-service/summary`;
const ANNOTATIONS = `${API}/components/default/greeting-service/annotations`;
const RUNS = `${API}/components/default/greeting-service/workflow-runs`;
const DEADLINE_MS = 1500;

/** The route deadline, the 502 mapping and repeat-safety of writes, with deterministic faults. */
describe('deadlines and faults between the backend and OpenChoreo', () => {
  let stack: TestDevstack;
  let proxy: UpstreamProxy;
  let backend: OpenChoreoTestBackend;

  beforeAll(async () => {
    stack = await startTestDevstack();
    proxy = await startUpstreamProxy(stack.devstack.api.url);
    backend = await startOpenChoreoTestBackend({
      baseUrl: proxy.url,
      tokenUrl: stack.devstack.idp.tokenUrl,
      ...stack.devstack.idp.clients.portal,
      statusTtlMs: 0,
      // Each upstream call may take far longer than the route may.
      requestTimeoutMs: 30_000,
      requestDeadlineMs: DEADLINE_MS,
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await proxy?.close();
    await stack?.devstack.close();
  });
  beforeEach(() => proxy.reset());

  const editableAnnotations = () =>
    readEditableAnnotations(stack.client, 'default', 'greeting-service');

  it('answers 504 with a message at the deadline when OpenChoreo does not answer', async () => {
    proxy.rules.push({
      method: 'GET',
      path: /greeting-service$/,
      respond: 'hang',
    });
    const started = Date.now();
    const res = await request(backend.server)
      .get(SUMMARY)
      .set('Authorization', USER);
    const took = Date.now() - started;
    expect(res.status).toBe(504);
    expect(res.body.error.name).toBe('DeadlineExceededError');
    expect(res.body.error.message).toContain(
      'OpenChoreo did not answer in time: the portal stopped waiting after 1.5 s',
    );
    expect(res.body.error.message).not.toContain(proxy.url.slice(7));
    expect(took).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(took).toBeLessThan(DEADLINE_MS + 1000);
  });

  it('writes nothing after the deadline: the annotation PUT waiting behind a slow read is never sent', async () => {
    proxy.rules.push({
      method: 'GET',
      path: /greeting-service$/,
      respond: 'hang',
    });
    const expected = await editableAnnotations();
    const res = await request(backend.server)
      .put(ANNOTATIONS)
      .set('Authorization', USER)
      .send({ expected, annotations: { ...expected, late: 'write' } });
    expect(res.status).toBe(504);
    // Long after the deadline: the read is cancelled and the write never started.
    proxy.reset();
    await new Promise(r => setTimeout(r, 500));
    expect(proxy.count('PUT', COMPONENT_PATH)).toBe(0);
    expect((await editableAnnotations()).late).toBeUndefined();
  });

  it('reports an upstream 500 as 502 "OpenChoreo failed", without the API address', async () => {
    proxy.rules.push({
      method: 'GET',
      path: /greeting-service$/,
      respond: {
        status: 500,
        body: { error: 'etcd timeout', code: 'INTERNAL_ERROR' },
      },
    });
    const res = await request(backend.server)
      .get(SUMMARY)
      .set('Authorization', USER);
    expect(res.status).toBe(502);
    expect(res.body.error.name).toBe('OpenChoreoFailedError');
    expect(res.body.error.message).toContain(
      'Could not read component "default/greeting-service": OpenChoreo failed (answered 500 INTERNAL_ERROR: etcd timeout)',
    );
    expect(JSON.stringify(res.body)).not.toContain(proxy.url.slice(7));
    // The fan-out read was retried once before giving up.
    expect(proxy.count('GET', COMPONENT_PATH)).toBe(2);
  });

  it('retries a fan-out read once after a transient failure, then answers 200', async () => {
    proxy.rules.push({
      method: 'GET',
      path: /greeting-service$/,
      respond: { status: 503, body: { error: 'busy', code: 'UNAVAILABLE' } },
      times: 1,
    });
    const res = await request(backend.server)
      .get(SUMMARY)
      .set('Authorization', USER);
    expect(res.status).toBe(200);
    expect(res.body.component.name).toBe('greeting-service');
    expect(proxy.count('GET', COMPONENT_PATH)).toBe(2);
  });

  it('a build repeated with its Idempotency-Key after its run landed replays that run (OpenChoreo answers 500 for the duplicate)', async () => {
    const key = `late-${Date.now()}`;
    const name = runNameForKey('default', 'greeting-service', {
      userEntityRef: USER_REF,
      idempotencyKey: key,
    });
    // The first attempt's POST reached OpenChoreo, but its answer never reached the user.
    const component = await stack.client.components.get(
      'default',
      'greeting-service',
    );
    await stack.client.workflowRuns.create('default', {
      metadata: {
        name,
        namespace: 'default',
        labels: {
          'openchoreo.dev/project': 'demo-project',
          'openchoreo.dev/component': 'greeting-service',
        },
      },
      spec: { workflow: component.spec!.workflow! },
    });
    const res = await request(backend.server)
      .post(RUNS)
      .set('Authorization', USER)
      .set('Idempotency-Key', key);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ replayed: true, run: { name } });
    expect(proxy.count('POST', '/api/v1/namespaces/default/workflowruns')).toBe(
      1,
    );
    const runs = await stack.client.workflowRuns.listAll('default', {
      labelSelector: 'openchoreo.dev/component=greeting-service',
    });
    expect(runs.filter(r => r.metadata.name === name)).toHaveLength(1);
  });

  it('builds without a key stay unique', async () => {
    const [a, b] = await Promise.all(
      [1, 2].map(() =>
        request(backend.server).post(RUNS).set('Authorization', USER),
      ),
    );
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.run.name).not.toBe(b.body.run.name);
  });

  it('an annotation edit repeated after it was applied answers 200 without writing again', async () => {
    const expected = await editableAnnotations();
    const edit = { expected, annotations: { ...expected, repeated: 'yes' } };
    const first = await request(backend.server)
      .put(ANNOTATIONS)
      .set('Authorization', USER)
      .send(edit);
    expect(first.status).toBe(200);
    proxy.reset();
    const repeat = await request(backend.server)
      .put(ANNOTATIONS)
      .set('Authorization', USER)
      .send(edit);
    expect(repeat.status).toBe(200);
    expect(repeat.body.annotations).toEqual(edit.annotations);
    expect(proxy.count('PUT', COMPONENT_PATH)).toBe(0);
  });

  it('a 409 names only what others changed, never the caller’s own edit', async () => {
    const expected = await editableAnnotations();
    const mine = { ...expected, mine: 'applied' };
    // My edit landed (its answer was lost), then someone else changed another key.
    const component = await stack.client.components.get(
      'default',
      'greeting-service',
    );
    await stack.client.components.replace('default', 'greeting-service', {
      ...component,
      metadata: {
        ...component.metadata,
        annotations: {
          ...component.metadata.annotations,
          mine: 'applied',
          theirs: 'changed',
        },
      },
    });
    const res = await request(backend.server)
      .put(ANNOTATIONS)
      .set('Authorization', USER)
      .send({ expected, annotations: mine });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('(theirs)');
    expect(res.body.error.message).not.toContain('mine');
  });
});
