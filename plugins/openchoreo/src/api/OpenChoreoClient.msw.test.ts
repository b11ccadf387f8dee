/*
 * The OpenChoreo client through its real `fetch`: the plugin's own API factory builds it (as the
 * app does), Backstage's fetch API sends the requests, and msw answers them the way the backend
 * plugin's routes do. What the backend receives (path, encoding, query, headers, body) and what
 * the cards get back (values, paging cursors, errors) are asserted on the wire.
 */
import { HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import {
  ApiBlueprint,
  type DiscoveryApi,
  type FetchApi,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  registerMswTestHooks,
} from '@backstage/frontend-test-utils';
import {
  OPENCHOREO_SIGN_IN_REQUIRED,
  type WorkflowRunPage,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoPlugin } from '../plugin';
import { backendErrorAnswer } from '../__testUtils__/backendAnswer';
import { mswBackend, type Method } from '../__testUtils__/mswBackend';
import type { OpenChoreoApi } from './OpenChoreoApi';
import type { OpenChoreoAuthApi } from './OpenChoreoAuthApi';
import {
  isOpenChoreoRequestError,
  isSignInRequired,
  OpenChoreoRequestError,
} from './OpenChoreoRequestError';

const server = setupServer();
registerMswTestHooks(server);

const BACKEND = 'http://backend.test';
const BASE = `${BACKEND}/api/openchoreo`;
const USER_TOKEN = 'openchoreo-user-access-token';
const BACKSTAGE_TOKEN = 'backstage-user-token';

const route = mswBackend(server, { base: BASE, pathPrefix: '/api/openchoreo' });
const backendError = (
  status: number,
  error: { name: string; message: string; code?: string },
) =>
  backendErrorAnswer(status, error, {
    method: 'GET',
    url: '/api/openchoreo/...',
  });

/** The `openchoreo` auth API as the token source sees it: signed in with `token`, or not. */
function authApi(token: string | undefined) {
  return {
    getAccessToken: jest.fn(async () => token ?? ''),
    sessionState$: () => ({ subscribe: () => ({ unsubscribe() {} }) }),
  } as unknown as OpenChoreoAuthApi & { getAccessToken: jest.Mock };
}

/**
 * The client as the app builds it: the plugin's `api:openchoreo` factory, Backstage's fetch API
 * (which adds the user's Backstage token) and discovery.
 */
function createClient(
  options: { userTokens?: boolean; signedInWith?: string } = {},
) {
  const { userTokens = true, signedInWith = USER_TOKEN } = options;
  const discoveryApi: DiscoveryApi = mockApis.discovery({ baseUrl: BACKEND });
  const fetchApi: FetchApi = mockApis.fetch({
    injectIdentityAuth: { token: BACKSTAGE_TOKEN },
  });
  const auth = authApi(signedInWith || undefined);
  const factory = createExtensionTester(
    openchoreoPlugin.getExtension('api:openchoreo'),
  ).get(ApiBlueprint.dataRefs.factory);
  const client = factory.factory({
    discoveryApi,
    fetchApi,
    configApi: mockApis.config({
      data: { openchoreo: { auth: { userTokens } } },
    }),
    authApi: auth,
  }) as OpenChoreoApi;
  return { client, auth };
}

/** A reference whose every part needs encoding: `/`, `?`, `#`, `%`, space and non-ASCII. */
const AWKWARD = 'a/b?c#d%e f-ü';
const AWKWARD_ENCODED = 'a%2Fb%3Fc%23d%25e%20f-%C3%BC';

const component = { namespace: 'default', component: 'reading-list' };
const run = { namespace: 'default', run: 'reading-list-build-7' };
const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'reading-list',
};

describe('OpenChoreoClient on the wire', () => {
  describe('reaches each backend route with the body it answers', () => {
    const cases: Array<{
      name: string;
      method: Method;
      pattern: string;
      call: (api: OpenChoreoApi) => Promise<unknown>;
      path: string;
      search?: string;
      params: Record<string, string>;
      body?: unknown;
    }> = [
      {
        name: 'getComponentSummary',
        method: 'get',
        pattern: '/components/:namespace/:component/summary',
        call: api => api.getComponentSummary(component),
        path: '/components/default/reading-list/summary',
        params: { namespace: 'default', component: 'reading-list' },
      },
      {
        name: 'getComponentActions',
        method: 'get',
        pattern: '/components/:namespace/:component/actions',
        call: api => api.getComponentActions(component),
        path: '/components/default/reading-list/actions',
        params: { namespace: 'default', component: 'reading-list' },
      },
      {
        name: 'listWorkflowRuns',
        method: 'get',
        pattern: '/components/:namespace/:component/workflow-runs',
        call: api => api.listWorkflowRuns(component),
        path: '/components/default/reading-list/workflow-runs',
        params: { namespace: 'default', component: 'reading-list' },
      },
      {
        name: 'triggerWorkflowRun (Build now)',
        method: 'post',
        pattern: '/components/:namespace/:component/workflow-runs',
        call: api =>
          api.triggerWorkflowRun(component, { idempotencyKey: 'key-1' }),
        path: '/components/default/reading-list/workflow-runs',
        params: { namespace: 'default', component: 'reading-list' },
        body: {},
      },
      {
        name: 'triggerWorkflowRun (Build with options)',
        method: 'post',
        pattern: '/components/:namespace/:component/workflow-runs',
        call: api =>
          api.triggerWorkflowRun(component, {
            idempotencyKey: 'key-2',
            request: { branch: 'main', parameters: { docker: { ctx: '.' } } },
          }),
        path: '/components/default/reading-list/workflow-runs',
        params: { namespace: 'default', component: 'reading-list' },
        body: { branch: 'main', parameters: { docker: { ctx: '.' } } },
      },
      {
        name: 'getBuildOptions',
        method: 'get',
        pattern: '/components/:namespace/:component/build-options',
        call: api => api.getBuildOptions(component),
        path: '/components/default/reading-list/build-options',
        params: { namespace: 'default', component: 'reading-list' },
      },
      {
        name: 'rerunWorkflowRun',
        method: 'post',
        pattern: '/workflow-runs/:namespace/:run/rerun',
        call: api => api.rerunWorkflowRun(run, { idempotencyKey: 'key-3' }),
        path: '/workflow-runs/default/reading-list-build-7/rerun',
        params: { namespace: 'default', run: 'reading-list-build-7' },
        body: {},
      },
      {
        name: 'cancelWorkflowRun',
        method: 'delete',
        pattern: '/workflow-runs/:namespace/:run',
        call: api => api.cancelWorkflowRun(run),
        path: '/workflow-runs/default/reading-list-build-7',
        params: { namespace: 'default', run: 'reading-list-build-7' },
      },
      {
        name: 'getWorkflowRun',
        method: 'get',
        pattern: '/workflow-runs/:namespace/:run',
        call: api => api.getWorkflowRun(run),
        path: '/workflow-runs/default/reading-list-build-7',
        params: { namespace: 'default', run: 'reading-list-build-7' },
      },
      {
        name: 'getWorkflowRunLogs of a step from a line',
        method: 'get',
        pattern: '/workflow-runs/:namespace/:run/logs',
        call: api =>
          api.getWorkflowRunLogs(run, {
            task: 'build image',
            sinceSeconds: 30,
            fromLine: 40,
          }),
        path: '/workflow-runs/default/reading-list-build-7/logs',
        search: '?task=build+image&sinceSeconds=30&fromLine=40',
        params: { namespace: 'default', run: 'reading-list-build-7' },
      },
      {
        name: 'getWorkflowRunEvents of a step',
        method: 'get',
        pattern: '/workflow-runs/:namespace/:run/events',
        call: api => api.getWorkflowRunEvents(run, { task: 'clone&push' }),
        path: '/workflow-runs/default/reading-list-build-7/events',
        search: '?task=clone%26push',
        params: { namespace: 'default', run: 'reading-list-build-7' },
      },
      {
        name: 'getWorkload',
        method: 'get',
        pattern: '/components/:namespace/:component/workload',
        call: api => api.getWorkload(component),
        path: '/components/default/reading-list/workload',
        params: { namespace: 'default', component: 'reading-list' },
      },
      {
        name: 'getDeployments',
        method: 'get',
        pattern: '/components/:namespace/:component/deployments',
        call: api => api.getDeployments(component),
        path: '/components/default/reading-list/deployments',
        params: { namespace: 'default', component: 'reading-list' },
      },
      {
        name: 'getAnnotations',
        method: 'get',
        pattern: '/components/:namespace/:component/annotations',
        call: api => api.getAnnotations(component),
        path: '/components/default/reading-list/annotations',
        params: { namespace: 'default', component: 'reading-list' },
      },
      {
        name: 'updateAnnotations',
        method: 'put',
        pattern: '/components/:namespace/:component/annotations',
        call: api =>
          api.updateAnnotations(component, {
            expected: { 'jenkins.io/job-full-name': 'old' },
            annotations: { 'jenkins.io/job-full-name': 'new' },
          }),
        path: '/components/default/reading-list/annotations',
        params: { namespace: 'default', component: 'reading-list' },
        body: {
          expected: { 'jenkins.io/job-full-name': 'old' },
          annotations: { 'jenkins.io/job-full-name': 'new' },
        },
      },
      {
        name: 'getCiIntegrations',
        method: 'get',
        pattern: '/ci-integrations',
        call: api => api.getCiIntegrations(),
        path: '/ci-integrations',
        params: {},
      },
      {
        name: 'getCiRuns (kind in lower case, as catalog routes take it)',
        method: 'get',
        pattern: '/entities/:kind/:namespace/:name/ci-runs',
        call: api => api.getCiRuns(entity, { page: 2, perPage: 10 }),
        path: '/entities/component/default/reading-list/ci-runs',
        search: '?page=2&perPage=10',
        params: {
          kind: 'component',
          namespace: 'default',
          name: 'reading-list',
        },
      },
      {
        name: 'rerunCiRun',
        method: 'post',
        pattern: '/entities/:kind/:namespace/:name/ci-runs/:runId/rerun',
        call: api => api.rerunCiRun(entity, '987654321'),
        path: '/entities/component/default/reading-list/ci-runs/987654321/rerun',
        params: {
          kind: 'component',
          namespace: 'default',
          name: 'reading-list',
          runId: '987654321',
        },
      },
      {
        name: 'listNamespaces',
        method: 'get',
        pattern: '/namespaces',
        call: api => api.listNamespaces(),
        path: '/namespaces',
        params: {},
      },
      {
        name: 'listProjects',
        method: 'get',
        pattern: '/namespaces/:namespace/projects',
        call: api => api.listProjects('default'),
        path: '/namespaces/default/projects',
        params: { namespace: 'default' },
      },
      {
        name: 'listComponentTypes',
        method: 'get',
        pattern: '/namespaces/:namespace/component-types',
        call: api => api.listComponentTypes('default'),
        path: '/namespaces/default/component-types',
        params: { namespace: 'default' },
      },
      {
        name: 'listAllowedWorkflows (the type name without its workload type)',
        method: 'get',
        pattern: '/component-types/:kind/:name/workflows',
        call: api =>
          api.listAllowedWorkflows(
            { kind: 'ClusterComponentType', name: 'deployment/service' },
            'default',
          ),
        path: '/component-types/ClusterComponentType/service/workflows',
        search: '?namespace=default',
        params: { kind: 'ClusterComponentType', name: 'service' },
      },
      {
        name: 'getWorkflowSchema',
        method: 'get',
        pattern: '/workflows/:kind/:name/schema',
        call: api =>
          api.getWorkflowSchema(
            { kind: 'ClusterWorkflow', name: 'docker' },
            'default',
          ),
        path: '/workflows/ClusterWorkflow/docker/schema',
        search: '?namespace=default',
        params: { kind: 'ClusterWorkflow', name: 'docker' },
      },
    ];

    it.each(cases)('$name', async c => {
      const answer = { answeredBy: c.name };
      const received = route(c.method, c.pattern, () => answer);
      const { client } = createClient();

      await expect(c.call(client)).resolves.toEqual(answer);

      expect(received).toHaveLength(1);
      const [request] = received;
      expect(request.method).toBe(c.method.toUpperCase());
      expect(request.path).toBe(c.path);
      expect(request.search).toBe(c.search ?? '');
      expect(request.params).toEqual(c.params);
      expect(request.body).toEqual(c.body);
      expect(request.headers.get('content-type')).toBe(
        c.body === undefined ? null : 'application/json',
      );
    });
  });

  it('encodes every name it puts in a path, so the backend reads the same names back', async () => {
    const awkward = { namespace: AWKWARD, component: AWKWARD };
    const awkwardRun = { namespace: AWKWARD, run: AWKWARD };
    const summary = route('get', '/components/:namespace/:component/summary');
    const details = route('get', '/workflow-runs/:namespace/:run');
    const ciRerun = route(
      'post',
      '/entities/:kind/:namespace/:name/ci-runs/:runId/rerun',
    );
    const projects = route('get', '/namespaces/:namespace/projects');
    const schema = route('get', '/workflows/:kind/:name/schema');
    const { client } = createClient();

    await client.getComponentSummary(awkward);
    await client.getWorkflowRun(awkwardRun);
    await client.rerunCiRun(
      { kind: 'Component', namespace: AWKWARD, name: AWKWARD },
      AWKWARD,
    );
    await client.listProjects(AWKWARD);
    await client.getWorkflowSchema(
      { kind: 'ClusterWorkflow', name: AWKWARD },
      AWKWARD,
    );

    const twice = `${AWKWARD_ENCODED}/${AWKWARD_ENCODED}`;
    expect(summary[0].path).toBe(`/components/${twice}/summary`);
    expect(summary[0].params).toEqual(awkward);
    expect(details[0].path).toBe(`/workflow-runs/${twice}`);
    expect(details[0].params).toEqual(awkwardRun);
    expect(ciRerun[0].path).toBe(
      `/entities/component/${twice}/ci-runs/${AWKWARD_ENCODED}/rerun`,
    );
    expect(ciRerun[0].params).toEqual({
      kind: 'component',
      namespace: AWKWARD,
      name: AWKWARD,
      runId: AWKWARD,
    });
    expect(projects[0].params).toEqual({ namespace: AWKWARD });
    expect(schema[0].path).toBe(
      `/workflows/ClusterWorkflow/${AWKWARD_ENCODED}/schema`,
    );
    expect(schema[0].params).toEqual({
      kind: 'ClusterWorkflow',
      name: AWKWARD,
    });
    expect(new URLSearchParams(schema[0].search).get('namespace')).toBe(
      AWKWARD,
    );
  });

  it('leaves options it was not given out of the query', async () => {
    const runs = route(
      'get',
      '/components/:namespace/:component/workflow-runs',
    );
    const logs = route('get', '/workflow-runs/:namespace/:run/logs');
    const ciRuns = route('get', '/entities/:kind/:namespace/:name/ci-runs');
    const { client } = createClient();

    await client.listWorkflowRuns(component, { limit: 20 });
    await client.getWorkflowRunLogs(run);
    await client.getCiRuns(entity);

    expect(runs[0].search).toBe('?limit=20');
    expect(logs[0].search).toBe('');
    expect(ciRuns[0].search).toBe('');
  });

  describe('headers', () => {
    it("sends the signed-in user's OpenChoreo token next to the Backstage token, on reads and writes", async () => {
      const summary = route('get', '/components/:namespace/:component/summary');
      const trigger = route(
        'post',
        '/components/:namespace/:component/workflow-runs',
      );
      const cancel = route('delete', '/workflow-runs/:namespace/:run');
      const { client } = createClient();

      await client.getComponentSummary(component);
      await client.triggerWorkflowRun(component, { idempotencyKey: 'key-9' });
      await client.cancelWorkflowRun(run);

      for (const [request] of [summary, trigger, cancel]) {
        expect(request.headers.get('x-openchoreo-token')).toBe(USER_TOKEN);
        expect(request.headers.get('authorization')).toBe(
          `Bearer ${BACKSTAGE_TOKEN}`,
        );
      }
      expect(trigger[0].headers.get('idempotency-key')).toBe('key-9');
    });

    it('sends the same idempotency key again when a re-run is repeated, so the backend starts one build', async () => {
      const rerun = route('post', '/workflow-runs/:namespace/:run/rerun');
      const { client } = createClient();

      await client.rerunWorkflowRun(run, { idempotencyKey: 'once' });
      await client.rerunWorkflowRun(run, { idempotencyKey: 'once' });

      expect(rerun.map(r => r.headers.get('idempotency-key'))).toEqual([
        'once',
        'once',
      ]);
    });

    it('sends no OpenChoreo token when the user is not signed in with OpenChoreo', async () => {
      const summary = route('get', '/components/:namespace/:component/summary');
      const { client, auth } = createClient({ signedInWith: '' });

      await client.getComponentSummary(component);

      expect(auth.getAccessToken).toHaveBeenCalled();
      expect(summary[0].headers.has('x-openchoreo-token')).toBe(false);
      expect(summary[0].headers.get('authorization')).toBe(
        `Bearer ${BACKSTAGE_TOKEN}`,
      );
    });

    it('sends no OpenChoreo token, and never asks for one, with openchoreo.auth.userTokens off', async () => {
      const summary = route('get', '/components/:namespace/:component/summary');
      const { client, auth } = createClient({ userTokens: false });

      await client.getComponentSummary(component);

      expect(summary[0].headers.has('x-openchoreo-token')).toBe(false);
      expect(auth.getAccessToken).not.toHaveBeenCalled();
    });
  });

  describe('paging', () => {
    it("walks a component's builds with the backend's opaque cursors, sent back unchanged", async () => {
      const names = ['b5', 'b4', 'b3', 'b2', 'b1'];
      // Cursors with characters a query string must encode (`+`, `/`, `=`, `&`).
      const cursorAt = (offset: number) => `o+${offset}/x==&y`;
      const received = route(
        'get',
        '/components/:namespace/:component/workflow-runs',
        ({ search }) => {
          const query = new URLSearchParams(search);
          const limit = Number(query.get('limit'));
          const cursor = query.get('cursor');
          const offset = cursor === null ? 0 : Number(/\d+/.exec(cursor)![0]);
          const page: WorkflowRunPage = {
            items: names
              .slice(offset, offset + limit)
              .map(name => ({ name } as WorkflowRunPage['items'][number])),
            ...(offset + limit < names.length
              ? { nextCursor: cursorAt(offset + limit) }
              : {}),
          };
          return page as unknown as JsonBodyType;
        },
      );
      const { client } = createClient();

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.listWorkflowRuns(component, {
          limit: 2,
          cursor,
        });
        seen.push(...page.items.map(item => item.name));
        cursor = page.nextCursor;
      } while (cursor);

      expect(seen).toEqual(names);
      expect(
        received.map(r => new URLSearchParams(r.search).get('cursor')),
      ).toEqual([null, cursorAt(2), cursorAt(4)]);
      expect(received[1].search).toBe('?limit=2&cursor=o%2B2%2Fx%3D%3D%26y');
    });

    it("asks for External CI runs page by page, as GitHub's and GitLab's pages are numbered", async () => {
      const received = route(
        'get',
        '/entities/:kind/:namespace/:name/ci-runs',
        ({ search }) => ({ page: new URLSearchParams(search).get('page') }),
      );
      const { client } = createClient();

      const pages = [
        await client.getCiRuns(entity, { perPage: 5 }),
        await client.getCiRuns(entity, { page: 2, perPage: 5 }),
      ];

      expect(received.map(r => r.search)).toEqual([
        '?perPage=5',
        '?page=2&perPage=5',
      ]);
      expect(pages).toEqual([{ page: null }, { page: '2' }]);
    });
  });

  describe('errors, as the cards tell them apart', () => {
    const load = (client: OpenChoreoApi) =>
      client.getComponentSummary(component).then(
        () => {
          throw new Error('expected the call to fail');
        },
        (error: unknown) => error as OpenChoreoRequestError,
      );

    it('a 401 with OPENCHOREO_SIGN_IN_REQUIRED is "sign in again", with the backend\'s message', async () => {
      const message =
        'Your OpenChoreo sign-in has expired or was not accepted: sign in with OpenChoreo again.';
      route('get', '/components/:namespace/:component/summary', () =>
        backendError(401, {
          name: 'AuthenticationError',
          message,
          code: OPENCHOREO_SIGN_IN_REQUIRED,
        }),
      );
      const error = await load(createClient().client);

      expect(error).toBeInstanceOf(OpenChoreoRequestError);
      expect(isSignInRequired(error)).toBe(true);
      expect(error.statusCode).toBe(401);
      expect(error.code).toBe(OPENCHOREO_SIGN_IN_REQUIRED);
      expect(error.message).toBe(message);
    });

    it('a 401 without that code (the Backstage session) is not offered as an OpenChoreo sign-in', async () => {
      route('get', '/components/:namespace/:component/summary', () =>
        backendError(401, {
          name: 'AuthenticationError',
          message: 'Missing credentials',
        }),
      );
      const error = await load(createClient().client);

      expect(isSignInRequired(error)).toBe(false);
      expect(isOpenChoreoRequestError(error, 401)).toBe(true);
      expect(error.message).toBe('Missing credentials');
    });

    it('a 403 carries the reason the user may not act', async () => {
      const reason =
        'OpenChoreo refused: alice@example.com may not view component default/reading-list (role "viewer" in namespace default lacks component:view).';
      route('get', '/components/:namespace/:component/summary', () =>
        backendError(403, { name: 'NotAllowedError', message: reason }),
      );
      const error = await load(createClient().client);

      expect(isOpenChoreoRequestError(error, 403)).toBe(true);
      expect(isSignInRequired(error)).toBe(false);
      expect(error.message).toBe(reason);
    });

    it('a 404 says what is missing', async () => {
      const message = 'OpenChoreo has no component default/reading-list.';
      route('get', '/components/:namespace/:component/summary', () =>
        backendError(404, { name: 'NotFoundError', message }),
      );
      const error = await load(createClient().client);

      expect(isOpenChoreoRequestError(error, 404)).toBe(true);
      expect(error.message).toBe(message);
    });

    it('a 409 on saving annotations is the conflict the editor reloads on', async () => {
      const message =
        'The annotations changed since you opened the editor: reload them and apply your change again.';
      route('put', '/components/:namespace/:component/annotations', () =>
        backendError(409, { name: 'ConflictError', message }),
      );
      const { client } = createClient();

      const error: OpenChoreoRequestError = await client
        .updateAnnotations(component, { expected: {}, annotations: {} })
        .then(
          () => {
            throw new Error('expected the call to fail');
          },
          (e: unknown) => e as OpenChoreoRequestError,
        );

      expect(isOpenChoreoRequestError(error, 409)).toBe(true);
      expect(error.message).toBe(message);
    });

    it("a 502 (OpenChoreo failed) keeps the backend's message and status for the error panel", async () => {
      const message =
        'Could not read component "default/reading-list": OpenChoreo answered 500 Internal Server Error.';
      route('get', '/components/:namespace/:component/summary', () =>
        backendError(502, { name: 'OpenChoreoFailedError', message }),
      );
      const error = await load(createClient().client);

      expect(isOpenChoreoRequestError(error, 502)).toBe(true);
      expect(error.message).toBe(message);
      expect(error.responseError).toMatchObject({
        name: 'ResponseError',
        statusCode: 502,
        body: { error: { name: 'OpenChoreoFailedError', message } },
      });
    });

    it.each([
      [502, 'Bad Gateway'],
      [504, 'Gateway Time-out'],
    ])(
      'a %s page of a proxy in front of the backend (not JSON) keeps its status, with its words and no markup',
      async (status, statusText) => {
        const page = `<html>\r\n<head><title>${status} ${statusText}</title></head>\r\n<body>\r\n<center><h1>${status} ${statusText}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>`;
        route(
          'get',
          '/components/:namespace/:component/summary',
          () =>
            new HttpResponse(page, {
              status,
              statusText,
              headers: { 'Content-Type': 'text/html' },
            }),
        );
        const error = await load(createClient().client);

        expect(isOpenChoreoRequestError(error, status)).toBe(true);
        expect(error.message).toBe(
          `The request failed with ${status} ${statusText} from a proxy or gateway in front of the portal's backend ("${status} ${statusText} ${status} ${statusText} nginx"). Try again in a moment; if it keeps failing, ask the portal's operators.`,
        );
        // The whole answer stays in the error panel's details.
        expect(error.responseError).toMatchObject({ statusCode: status });
      },
    );

    it('a 504 (the request deadline) keeps the advice to repeat the request', async () => {
      const message =
        'OpenChoreo did not answer in time: the portal stopped waiting after 30 s (openchoreo.requestDeadlineMs). If this request changed something, simply repeat it.';
      route('get', '/components/:namespace/:component/summary', () =>
        backendError(504, { name: 'DeadlineExceededError', message }),
      );
      const error = await load(createClient().client);

      expect(isOpenChoreoRequestError(error, 504)).toBe(true);
      expect(error.message).toBe(message);
    });
  });
});
