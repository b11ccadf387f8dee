import { mockCredentials } from '@backstage/backend-test-utils';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { startTestDevstack, type TestDevstack } from './__testUtils__/devstack';
import {
  startOpenChoreoTestBackend,
  type OpenChoreoTestBackend,
} from './__testUtils__/testBackend';
import {
  startUpstreamProxy,
  type UpstreamProxy,
} from './__testUtils__/upstreamProxy';

const USER = mockCredentials.user.header();
const API = '/api/openchoreo';
const SUMMARY = `${API}/components/default/greeting-service/summary`;
const COMPONENT_PATH = /\/components\/greeting-service$/;

describe('upstream errors become clear Backstage errors', () => {
  let stack: TestDevstack;
  let proxy: UpstreamProxy;
  let backend: OpenChoreoTestBackend;
  const extraBackends: OpenChoreoTestBackend[] = [];

  beforeAll(async () => {
    stack = await startTestDevstack();
    proxy = await startUpstreamProxy(stack.devstack.api.url);
    backend = await startOpenChoreoTestBackend({
      baseUrl: proxy.url,
      tokenUrl: stack.devstack.idp.tokenUrl,
      ...stack.devstack.idp.clients.portal,
      statusTtlMs: 0,
      requestTimeoutMs: 400,
    });
  });
  afterAll(async () => {
    await Promise.all([backend, ...extraBackends].map(b => b?.stop()));
    await proxy?.close();
    await stack?.devstack.close();
  });
  beforeEach(() => {
    proxy.reset();
    backend.logger.warn.mockClear();
  });

  const get = (b: OpenChoreoTestBackend, path = SUMMARY) =>
    request(b.server).get(path).set('Authorization', USER);
  const fail = (
    status: number,
    body: unknown,
    method = 'GET',
    path = COMPONENT_PATH,
  ) => proxy.rules.push({ method, path, respond: { status, body } });

  it('404 → NotFoundError with the upstream message', async () => {
    fail(404, { error: 'Component not found', code: 'NOT_FOUND' });
    const res = await get(backend);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      name: 'NotFoundError',
      message:
        'Could not read component "default/greeting-service": Component not found',
    });
  });

  it('409 → ConflictError with the upstream message', async () => {
    fail(
      409,
      { error: 'WorkflowRun already exists', code: 'CONFLICT' },
      'POST',
      /\/workflowruns$/,
    );
    const res = await request(backend.server)
      .post(`${API}/components/default/greeting-service/workflow-runs`)
      .set('Authorization', USER);
    expect(res.status).toBe(409);
    expect(res.body.error.name).toBe('ConflictError');
    expect(res.body.error.message).toContain('WorkflowRun already exists');
    expect(res.body.error.message).toContain('start a build of component');
  });

  it('400 → InputError with the upstream (plain-text) message', async () => {
    proxy.rules.push({
      method: 'GET',
      path: /\/workflowruns$/,
      respond: { status: 400, body: 'invalid label selector' },
    });
    const res = await get(
      backend,
      `${API}/components/default/greeting-service/workflow-runs`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain('invalid label selector');
  });

  it('422 → InputError naming the invalid fields', async () => {
    fail(
      422,
      {
        error: 'Component is invalid',
        code: 'UNPROCESSABLE_CONTENT',
        details: [{ field: 'metadata.annotations', message: 'too long' }],
      },
      'PUT',
    );
    const current = await get(
      backend,
      `${API}/components/default/greeting-service/annotations`,
    );
    const res = await request(backend.server)
      .put(`${API}/components/default/greeting-service/annotations`)
      .set('Authorization', USER)
      .send({ expected: current.body.annotations, annotations: { a: 'b' } });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(
      'Component is invalid (metadata.annotations: too long)',
    );
  });

  it('upstream 403 → NotAllowedError about the service account', async () => {
    fail(403, { error: 'not authorized to view component', code: 'FORBIDDEN' });
    const res = await get(backend);
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(res.body.error.message).toContain(
      'The portal\'s service account is not allowed to read component "default/greeting-service"',
    );
    expect(res.body.error.message).toContain(
      'not authorized to view component',
    );
  });

  it('upstream 401 is retried once with a new token, then → NotAllowedError without any token', async () => {
    fail(401, {
      error: 'INVALID_TOKEN',
      message: 'token rejected: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln',
    });
    const res = await get(backend);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      "The portal's service account is not allowed to read component",
    );
    expect(res.body.error.message).toContain('[redacted token]');
    expect(JSON.stringify(res.body)).not.toMatch(/eyJ[\w-]+\.eyJ/);
    expect(
      proxy.count(
        'GET',
        '/api/v1/namespaces/default/components/greeting-service',
      ),
    ).toBe(2);
  });

  it('a request that never gets an answer → 503, not a hang; the OpenChoreo URL only in the log', async () => {
    proxy.rules.push({ method: 'GET', path: COMPONENT_PATH, respond: 'hang' });
    const started = Date.now();
    const res = await get(backend);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.status).toBe(503);
    expect(res.body.error.name).toBe('ServiceUnavailableError');
    expect(res.body.error.message).toBe(
      'Could not read component "default/greeting-service": OpenChoreo is unavailable ' +
        '(no response within 400 ms). Try again later; if this persists, an administrator ' +
        'should check openchoreo.baseUrl.',
    );
    expect(backend.logger.warn).toHaveBeenCalledWith(
      `${res.body.error.message} [OpenChoreo API unavailable: GET ${proxy.url}/api/v1/namespaces/default/components/greeting-service: no response within 400 ms]`,
    );
  });

  it('connection refused → 503 with the cause; the OpenChoreo URL only in the log', async () => {
    const closed = createServer();
    await new Promise<void>(r => closed.listen(0, '127.0.0.1', r));
    const deadUrl = `http://127.0.0.1:${
      (closed.address() as AddressInfo).port
    }`;
    await new Promise(r => closed.close(r));
    const dead = await startOpenChoreoTestBackend({
      baseUrl: deadUrl,
      tokenUrl: stack.devstack.idp.tokenUrl,
      ...stack.devstack.idp.clients.portal,
    });
    extraBackends.push(dead);
    const res = await get(dead);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain(
      'OpenChoreo is unavailable (connection refused (ECONNREFUSED))',
    );
    expect(res.body.error.message).not.toContain(deadUrl.slice(7));
    expect(dead.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(`[OpenChoreo API unavailable: GET ${deadUrl}/`),
    );
  });

  it('a wrong client secret → NotAllowedError about the service account, never the secret', async () => {
    const wrong = await startOpenChoreoTestBackend({
      baseUrl: proxy.url,
      tokenUrl: stack.devstack.idp.tokenUrl,
      clientId: stack.devstack.idp.clients.portal.clientId,
      clientSecret: 'wrong-secret-4471',
    });
    extraBackends.push(wrong);
    const res = await get(wrong);
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(res.body.error.message).toContain(
      "The portal's service account is not allowed to",
    );
    expect(res.body.error.message).toContain('invalid_client');
    expect(JSON.stringify(res.body)).not.toContain('wrong-secret-4471');
    expect(proxy.counts.size).toBe(0);
  });

  it('an unreachable identity provider → 503 naming the setting; the token URL only in the log', async () => {
    const noIdp = await startOpenChoreoTestBackend({
      baseUrl: proxy.url,
      tokenUrl: 'http://127.0.0.1:9/oauth2/token',
      clientId: 'portal',
      clientSecret: 'secret-8812',
    });
    extraBackends.push(noIdp);
    const res = await get(noIdp);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain(
      "the identity provider that issues the portal's OpenChoreo tokens is unavailable (connection failed: bad port)",
    );
    expect(res.body.error.message).toContain('check openchoreo.auth.tokenUrl');
    expect(res.body.error.message).not.toContain('127.0.0.1:9');
    expect(JSON.stringify(res.body)).not.toContain('secret-8812');
    expect(noIdp.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        '[token endpoint http://127.0.0.1:9/oauth2/token]',
      ),
    );
  });

  it('a denied permission → 403 before any upstream call', async () => {
    const denying = await startOpenChoreoTestBackend({
      baseUrl: proxy.url,
      tokenUrl: stack.devstack.idp.tokenUrl,
      ...stack.devstack.idp.clients.portal,
      deny: [
        'openchoreo.workflowrun.read',
        'openchoreo.workflowrun.create',
        'openchoreo.annotations.update',
      ],
    });
    extraBackends.push(denying);
    const summary = await get(denying);
    expect(summary.status).toBe(403);
    expect(summary.body.error.message).toContain(
      'not allowed to read component:default/greeting-service (permission openchoreo.workflowrun.read)',
    );
    const trigger = await request(denying.server)
      .post(`${API}/components/default/greeting-service/workflow-runs`)
      .set('Authorization', USER);
    expect(trigger.status).toBe(403);
    const edit = await request(denying.server)
      .put(`${API}/components/default/greeting-service/annotations`)
      .set('Authorization', USER)
      .send({ expected: {}, annotations: {} });
    expect(edit.status).toBe(403);
    expect(proxy.counts.size).toBe(0);
  });
});
