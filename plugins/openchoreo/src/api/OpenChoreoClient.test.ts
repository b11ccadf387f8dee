import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/frontend-test-utils';
import type { OpenChoreoApi } from './OpenChoreoApi';
import { OpenChoreoClient } from './OpenChoreoClient';
import {
  isOpenChoreoRequestError,
  OpenChoreoRequestError,
} from './OpenChoreoRequestError';

const BASE = 'http://backend.test/api/openchoreo';
const component = { namespace: 'default', component: 'reading-list' };
const run = { namespace: 'default', run: 'reading-list-build-7' };

function json(body: unknown, status = 200, statusText = 'OK'): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText,
    headers: { 'content-type': 'application/json' },
  });
}

/** The body Backstage's error middleware sends for a thrown `ConflictError`. */
function backstageError(status: number, name: string, message: string) {
  return {
    error: { name, message },
    request: { method: 'PUT', url: '/api/openchoreo/...' },
    response: { statusCode: status },
  };
}

function setup(respond: (url: string) => Response = () => json({})) {
  const fetch = jest.fn(async (input: RequestInfo | URL, _init?: RequestInit) =>
    respond(String(input)),
  );
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backend.test' });
  const client = new OpenChoreoClient({
    discoveryApi,
    fetchApi: { fetch: fetch as typeof globalThis.fetch },
  });
  /** The URL and init of the only request sent. */
  const sent = () => {
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0];
    return { url: String(url), init: init ?? {} };
  };
  return { client, fetch, sent };
}

describe('OpenChoreoClient', () => {
  describe('URLs', () => {
    const cases: Array<{
      name: string;
      call: (api: OpenChoreoApi) => Promise<unknown>;
      url: string;
      method?: string;
    }> = [
      {
        name: 'getComponentSummary',
        call: api => api.getComponentSummary(component),
        url: '/components/default/reading-list/summary',
      },
      {
        name: 'getComponentActions',
        call: api => api.getComponentActions(component),
        url: '/components/default/reading-list/actions',
      },
      {
        name: 'listWorkflowRuns',
        call: api => api.listWorkflowRuns(component),
        url: '/components/default/reading-list/workflow-runs',
      },
      {
        name: 'triggerWorkflowRun',
        call: api =>
          api.triggerWorkflowRun(component, { idempotencyKey: 'k-1' }),
        url: '/components/default/reading-list/workflow-runs',
        method: 'POST',
      },
      {
        name: 'searchBuildLogs',
        call: api => api.searchBuildLogs(component, 'exit code 1'),
        url: '/components/default/reading-list/log-search?phrase=exit+code+1',
      },
      {
        name: 'getBuildOptions',
        call: api => api.getBuildOptions(component),
        url: '/components/default/reading-list/build-options',
      },
      {
        name: 'rerunWorkflowRun',
        call: api => api.rerunWorkflowRun(run, { idempotencyKey: 'k-2' }),
        url: '/workflow-runs/default/reading-list-build-7/rerun',
        method: 'POST',
      },
      {
        name: 'cancelWorkflowRun',
        call: api => api.cancelWorkflowRun(run),
        url: '/workflow-runs/default/reading-list-build-7',
        method: 'DELETE',
      },
      {
        name: 'getWorkflowRunLogs from a line',
        call: api =>
          api.getWorkflowRunLogs(run, { task: 'build-image', fromLine: 40 }),
        url: '/workflow-runs/default/reading-list-build-7/logs?task=build-image&fromLine=40',
      },
      {
        name: 'getWorkflowRun',
        call: api => api.getWorkflowRun(run),
        url: '/workflow-runs/default/reading-list-build-7',
      },
      {
        name: 'getWorkflowRunLogs',
        call: api =>
          api.getWorkflowRunLogs(run, {
            task: 'build-image',
            sinceSeconds: 30,
          }),
        url: '/workflow-runs/default/reading-list-build-7/logs?task=build-image&sinceSeconds=30',
      },
      {
        name: 'getWorkflowRunEvents',
        call: api => api.getWorkflowRunEvents(run, { task: 'clone' }),
        url: '/workflow-runs/default/reading-list-build-7/events?task=clone',
      },
      {
        name: 'getWorkload',
        call: api => api.getWorkload(component),
        url: '/components/default/reading-list/workload',
      },
      {
        name: 'getDeployments',
        call: api => api.getDeployments(component),
        url: '/components/default/reading-list/deployments',
      },
      {
        name: 'getAnnotations',
        call: api => api.getAnnotations(component),
        url: '/components/default/reading-list/annotations',
      },
      {
        name: 'updateAnnotations',
        call: api =>
          api.updateAnnotations(component, { expected: {}, annotations: {} }),
        url: '/components/default/reading-list/annotations',
        method: 'PUT',
      },
      {
        name: 'getCiIntegrations',
        call: api => api.getCiIntegrations(),
        url: '/ci-integrations',
      },
      {
        name: 'getCiRuns',
        call: api =>
          api.getCiRuns(
            { kind: 'Component', namespace: 'default', name: 'storefront-web' },
            { page: 2, perPage: 5 },
          ),
        url: '/entities/component/default/storefront-web/ci-runs?page=2&perPage=5',
      },
      {
        name: 'rerunCiRun',
        call: api =>
          api.rerunCiRun(
            { kind: 'Component', namespace: 'default', name: 'storefront-web' },
            '1042',
          ),
        url: '/entities/component/default/storefront-web/ci-runs/1042/rerun',
        method: 'POST',
      },
      {
        name: 'listNamespaces',
        call: api => api.listNamespaces(),
        url: '/namespaces',
      },
      {
        name: 'listProjects',
        call: api => api.listProjects('default'),
        url: '/namespaces/default/projects',
      },
      {
        name: 'listComponentTypes',
        call: api => api.listComponentTypes('default'),
        url: '/namespaces/default/component-types',
      },
      {
        name: 'listAllowedWorkflows (the type name without its workload type)',
        call: api =>
          api.listAllowedWorkflows(
            { kind: 'ClusterComponentType', name: 'deployment/service' },
            'default',
          ),
        url: '/component-types/ClusterComponentType/service/workflows?namespace=default',
      },
      {
        name: 'getWorkflowSchema',
        call: api =>
          api.getWorkflowSchema(
            { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
            'default',
          ),
        url: '/workflows/ClusterWorkflow/dockerfile-builder/schema?namespace=default',
      },
    ];

    it.each(cases)('$name', async ({ call, url, method }) => {
      const { client, sent } = setup();
      await call(client);
      expect(sent().url).toBe(`${BASE}${url}`);
      expect(sent().init.method).toBe(method ?? 'GET');
    });

    it('covers every method of the API', () => {
      const methods = Object.getOwnPropertyNames(
        OpenChoreoClient.prototype,
      ).filter(m => m !== 'constructor' && m !== 'request');
      expect(methods.sort()).toEqual(
        [...new Set(cases.map(c => c.name.split(' ')[0]))].sort(),
      );
    });

    it('encodes path segments', async () => {
      const { client, sent } = setup();
      await client.getAnnotations({ namespace: 'a b', component: 'x/y?z' });
      expect(sent().url).toBe(`${BASE}/components/a%20b/x%2Fy%3Fz/annotations`);
    });
  });

  describe('paging', () => {
    it('sends limit and cursor and returns the next cursor', async () => {
      const page = {
        items: [{ name: 'run-2', namespace: 'default', status: 'Succeeded' }],
        nextCursor: 'opaque/cursor=2',
      };
      const { client, sent } = setup(() => json(page));
      await expect(
        client.listWorkflowRuns(component, { limit: 20, cursor: 'c+1/2' }),
      ).resolves.toEqual(page);
      const url = new URL(sent().url);
      expect(url.searchParams.get('limit')).toBe('20');
      expect(url.searchParams.get('cursor')).toBe('c+1/2');
    });

    it('sends no query for the first page', async () => {
      const { client, sent } = setup(() => json({ items: [] }));
      await expect(client.listWorkflowRuns(component)).resolves.toEqual({
        items: [],
      });
      expect(sent().url).toBe(
        `${BASE}/components/default/reading-list/workflow-runs`,
      );
    });
  });

  describe('requests with a body', () => {
    it('sends the Idempotency-Key of a build', async () => {
      const { client, sent } = setup(() =>
        json({ run: { name: 'r' }, replayed: false }, 201),
      );
      await client.triggerWorkflowRun(component, { idempotencyKey: 'key-42' });
      expect(sent().init.headers).toEqual({
        'Content-Type': 'application/json',
        'Idempotency-Key': 'key-42',
      });
      expect(sent().init.body).toBe('{}');
    });

    it('sends the options of a build with options', async () => {
      const { client, sent } = setup(() =>
        json({ run: { name: 'r' }, replayed: false }, 201),
      );
      const request = {
        commit: '0123456789abcdef0123456789abcdef01234567',
        branch: 'release-1.2',
        parameters: { repository: { appPath: '/v2' } },
      };
      await client.triggerWorkflowRun(component, {
        idempotencyKey: 'key-43',
        request,
      });
      expect(JSON.parse(String(sent().init.body))).toEqual(request);
    });

    it('sends the annotations as JSON', async () => {
      const request = {
        expected: { 'jenkins.io/job-full-name': 'a/b' },
        annotations: { 'jenkins.io/job-full-name': 'a/c' },
      };
      const { client, sent } = setup(() =>
        json({ annotations: request.annotations, reserved: {} }),
      );
      await expect(
        client.updateAnnotations(component, request),
      ).resolves.toEqual({ annotations: request.annotations, reserved: {} });
      expect(JSON.parse(String(sent().init.body))).toEqual(request);
      expect(sent().init.headers).toEqual({
        'Content-Type': 'application/json',
      });
    });
  });

  describe('errors', () => {
    it("keeps the status and the backend's message", async () => {
      const message =
        'The annotations of default/reading-list changed meanwhile: reload them and apply your change again';
      const { client } = setup(() =>
        json(backstageError(409, 'ConflictError', message), 409, 'Conflict'),
      );
      const error = await client
        .updateAnnotations(component, { expected: {}, annotations: {} })
        .catch(e => e);
      expect(error).toBeInstanceOf(OpenChoreoRequestError);
      expect(error.statusCode).toBe(409);
      expect(error.message).toBe(message);
      expect(isOpenChoreoRequestError(error, 409)).toBe(true);
      expect(isOpenChoreoRequestError(error, 404)).toBe(false);
      expect(error.cause).toBeInstanceOf(ResponseError);
      expect((error.cause as ResponseError).body.error.name).toBe(
        'ConflictError',
      );
    });

    it.each([
      [403, 'NotAllowedError', 'You may not read the builds of default/x'],
      [404, 'NotFoundError', 'Component default/x has no workload yet'],
      [503, 'ServiceUnavailableError', 'OpenChoreo is unreachable: retry'],
    ])('reports %s with its message', async (status, name, message) => {
      const { client } = setup(() =>
        json(backstageError(status, name, message), status),
      );
      await expect(client.getWorkload(component)).rejects.toMatchObject({
        name: 'OpenChoreoRequestError',
        statusCode: status,
        message,
      });
    });

    it('reports a response that is not JSON with its status', async () => {
      const { client } = setup(
        () =>
          new Response('upstream connect error', {
            status: 502,
            statusText: 'Bad Gateway',
            headers: { 'content-type': 'text/plain' },
          }),
      );
      await expect(client.listNamespaces()).rejects.toMatchObject({
        statusCode: 502,
        message: expect.stringMatching(
          /502 Bad Gateway.*upstream connect error/,
        ),
      });
    });
  });
});
