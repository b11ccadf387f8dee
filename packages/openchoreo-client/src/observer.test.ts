import { createOpenChoreoClient } from './client';
import { OpenChoreoApiError } from './errors';

describe('Observer client', () => {
  const calls: Array<{ url: string; auth: string | null; body: unknown }> = [];
  const answers: Response[] = [];
  const fetchMock = (async (input: Request) => {
    calls.push({
      url: input.url,
      auth: input.headers.get('Authorization'),
      body: await input.json(),
    });
    return answers.shift()!;
  }) as unknown as typeof fetch;
  const client = createOpenChoreoClient({
    baseUrl: 'http://api.test/api/v1',
    getToken: async () => 'user-token',
    fetch: fetchMock,
  });

  beforeEach(() => {
    calls.length = 0;
  });

  it('posts log and event queries to the Observer with the client’s token', async () => {
    answers.push(
      Response.json({ logs: [{ timestamp: 't', log: 'x' }], total: 1 }),
      Response.json({ events: [], total: 0 }),
    );
    const observer = client.observer('http://observer.test:8080/');
    const query = {
      startTime: '2026-03-01T00:00:00Z',
      endTime: '2026-03-02T00:00:00Z',
      searchScope: { namespace: 'default', workflowRunName: 'r' },
      sortOrder: 'asc' as const,
      limit: 1000,
    };
    expect(await observer.queryLogs(query)).toEqual({
      logs: [{ timestamp: 't', log: 'x' }],
      total: 1,
    });
    await observer.queryEvents(query);
    expect(calls).toEqual([
      {
        url: 'http://observer.test:8080/api/v1/logs/query',
        auth: 'Bearer user-token',
        body: query,
      },
      {
        url: 'http://observer.test:8080/api/v1/events/query',
        auth: 'Bearer user-token',
        body: query,
      },
    ]);
  });

  it('turns the Observer’s {title, errorCode, message} errors into OpenChoreoApiError', async () => {
    answers.push(
      Response.json(
        {
          title: 'forbidden',
          errorCode: '',
          message: 'Subject eve has no permission to view logs',
        },
        { status: 403 },
      ),
    );
    const error = await client
      .observer('http://observer.test')
      .queryLogs({
        startTime: 'a',
        endTime: 'b',
        searchScope: { namespace: 'default' },
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(OpenChoreoApiError);
    expect(error).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      message: 'Subject eve has no permission to view logs',
    });
  });
});
