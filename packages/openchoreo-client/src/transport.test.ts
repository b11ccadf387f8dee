import {
  refusedUrl,
  startTestServer,
  TestServer,
} from './__testUtils__/testServer';
import { createOpenChoreoClient } from './client';
import {
  isOpenChoreoApiError,
  isOpenChoreoUnavailableError,
  OpenChoreoApiError,
  OpenChoreoUnavailableError,
} from './errors';
import { apiV1Url, normalizeBaseUrl } from './transport';

const NOT_FOUND_PATH = '/api/v1/namespaces/default/components/missing';

describe('transport', () => {
  let server: TestServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  function clientFor(url: string, timeoutMs?: number) {
    return createOpenChoreoClient({
      baseUrl: url,
      getToken: async () => 'token',
      timeoutMs,
    });
  }

  async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new Error('expected the promise to reject');
  }

  it('sends the token from getToken on every request, asking again each time', async () => {
    server = await startTestServer(() => ({
      json: { metadata: { name: 'p' } },
    }));
    const tokens = ['first', 'second'];
    const client = createOpenChoreoClient({
      baseUrl: server.url,
      getToken: async () => tokens.shift(),
    });

    await client.projects.get('default', 'p');
    await client.projects.get('default', 'p');
    await client.projects.get('default', 'p');

    expect(server.requests.map(r => r.headers.authorization)).toEqual([
      'Bearer first',
      'Bearer second',
      undefined,
    ]);
  });

  it.each([
    ['a bare origin', ''],
    ['a trailing slash', '/'],
    ['the Helm default /api/v1 suffix', '/api/v1'],
    ['/api/v1/', '/api/v1/'],
  ])('accepts a base URL with %s', async (_, suffix) => {
    server = await startTestServer(() => ({
      json: { items: [], pagination: {} },
    }));

    await clientFor(`${server.url}${suffix}`).namespaces.list();

    expect(server.requests[0].path).toBe('/api/v1/namespaces');
  });

  it('keeps a path prefix in front of /api/v1 (API behind a reverse proxy)', async () => {
    server = await startTestServer(() => ({
      json: { items: [], pagination: {} },
    }));

    await clientFor(`${server.url}/openchoreo/api/v1`).namespaces.list();

    expect(server.requests[0].path).toBe('/openchoreo/api/v1/namespaces');
  });

  it('maps a handler error {error, code} to OpenChoreoApiError', async () => {
    server = await startTestServer(() => ({
      status: 404,
      json: { error: 'Component not found', code: 'NOT_FOUND' },
    }));

    const error = await rejectionOf(
      clientFor(server.url).components.get('default', 'missing'),
    );

    expect(error).toBeInstanceOf(OpenChoreoApiError);
    expect(error).toMatchObject({
      name: 'OpenChoreoApiError',
      status: 404,
      code: 'NOT_FOUND',
      message: 'Component not found',
      method: 'GET',
      url: `${server.url}${NOT_FOUND_PATH}`,
    });
    expect(isOpenChoreoApiError(error, 404)).toBe(true);
    expect(isOpenChoreoApiError(error, 409)).toBe(false);
  });

  it('keeps the field details of a validation error', async () => {
    server = await startTestServer(() => ({
      status: 422,
      json: {
        error: 'spec.componentType.name: invalid',
        code: 'UNPROCESSABLE_CONTENT',
        details: [{ field: 'spec.componentType.name', message: 'invalid' }],
      },
    }));

    const error = await rejectionOf(
      clientFor(server.url).components.create('default', {
        metadata: { name: 'api' },
      }),
    );

    expect(error).toMatchObject({
      status: 422,
      code: 'UNPROCESSABLE_CONTENT',
      message: 'spec.componentType.name: invalid',
      details: [{ field: 'spec.componentType.name', message: 'invalid' }],
    });
  });

  it('maps a JWT-layer 401 {error: CODE, message} to OpenChoreoApiError', async () => {
    server = await startTestServer(() => ({
      status: 401,
      json: { error: 'INVALID_TOKEN', message: 'token is expired' },
    }));

    const error = await rejectionOf(clientFor(server.url).namespaces.list());

    expect(error).toBeInstanceOf(OpenChoreoApiError);
    expect(error).toMatchObject({
      status: 401,
      code: 'INVALID_TOKEN',
      message: 'token is expired',
    });
  });

  it('maps a plain-text 400 to OpenChoreoApiError with code BAD_REQUEST', async () => {
    server = await startTestServer(() => ({
      status: 400,
      text: 'invalid limit parameter: strconv.Atoi: parsing "x"\n',
    }));

    const error = await rejectionOf(clientFor(server.url).namespaces.list());

    expect(error).toBeInstanceOf(OpenChoreoApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      message: 'invalid limit parameter: strconv.Atoi: parsing "x"',
    });
  });

  it('maps an empty error body to a code derived from the status', async () => {
    server = await startTestServer(() => ({ status: 502 }));

    const error = await rejectionOf(clientFor(server.url).namespaces.list());

    expect(error).toMatchObject({
      status: 502,
      code: 'HTTP_502',
      message: '502 Bad Gateway',
    });
  });

  it('reports a request that gets no answer in time as unavailable, naming the URL', async () => {
    server = await startTestServer(() => 'hang');

    const error = await rejectionOf(
      clientFor(server.url, 200).components.get('default', 'missing'),
    );

    expect(error).toBeInstanceOf(OpenChoreoUnavailableError);
    expect(isOpenChoreoUnavailableError(error)).toBe(true);
    expect(isOpenChoreoApiError(error)).toBe(false);
    expect(error).toMatchObject({ reason: 'timeout', method: 'GET' });
    expect((error as Error).message).toContain(
      `GET ${server.url}${NOT_FOUND_PATH}`,
    );
    expect((error as Error).message).toContain('no response within 200 ms');
  });

  it('applies the deadline to the response body too', async () => {
    server = await startTestServer(() => 'hang-mid-body');

    const error = await rejectionOf(
      clientFor(server.url, 200).namespaces.list(),
    );

    expect(error).toBeInstanceOf(OpenChoreoUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout' });
  });

  it('reports a refused connection as unavailable, naming the URL', async () => {
    const url = await refusedUrl();

    const error = await rejectionOf(clientFor(url).namespaces.list());

    expect(error).toBeInstanceOf(OpenChoreoUnavailableError);
    expect(error).toMatchObject({
      reason: 'network',
      url: `${url}/api/v1/namespaces`,
    });
    expect((error as Error).message).toContain(`GET ${url}/api/v1/namespaces`);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('refuses an empty path parameter instead of calling the list endpoint', async () => {
    server = await startTestServer(() => ({
      json: { items: [], pagination: {} },
    }));

    await expect(
      clientFor(server.url).components.get('default', ''),
    ).rejects.toThrow('path parameter "componentName"');
    expect(server.requests).toHaveLength(0);
  });
});

describe('normalizeBaseUrl', () => {
  it.each([
    ['https://api.example.com', 'https://api.example.com'],
    ['https://api.example.com/', 'https://api.example.com'],
    ['https://api.example.com/api/v1', 'https://api.example.com'],
    ['https://api.example.com/api/v1//', 'https://api.example.com'],
    ['http://host:8080/proxy/api/v1', 'http://host:8080/proxy'],
    ['http://host/api/v10', 'http://host/api/v10'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalizeBaseUrl(input)).toBe(expected);
  });

  it('rejects a relative or non-http URL with a message naming it', () => {
    expect(() => normalizeBaseUrl('api.example.com')).toThrow(
      'Invalid OpenChoreo API base URL "api.example.com"',
    );
    expect(() => normalizeBaseUrl('ftp://api.example.com')).toThrow(
      'only http and https',
    );
  });
});

describe('apiV1Url', () => {
  it.each([
    ['https://oc.example.com', '', 'https://oc.example.com/api/v1'],
    ['https://oc.example.com/api/v1/', '', 'https://oc.example.com/api/v1'],
    [
      'https://oc.example.com/api/v1',
      '/namespaces/acme',
      'https://oc.example.com/api/v1/namespaces/acme',
    ],
    [
      'http://127.0.0.1:8080//',
      'namespaces/acme/workloads',
      'http://127.0.0.1:8080/api/v1/namespaces/acme/workloads',
    ],
  ])('joins %s and "%s"', (baseUrl, path, expected) => {
    expect(apiV1Url(baseUrl, path)).toBe(expected);
  });
});
