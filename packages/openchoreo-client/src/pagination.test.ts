import { startTestServer, TestServer } from './__testUtils__/testServer';
// Imported through the package entry point on purpose: it checks the public exports too.
import { createOpenChoreoClient, OpenChoreoPaginationError } from '.';

const component = (name: string) => ({ metadata: { name } });

describe('listing all pages', () => {
  let server: TestServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const clientFor = (url: string) =>
    createOpenChoreoClient({ baseUrl: url, getToken: async () => 'token' });

  /** Path, cursor, the `filter` query parameter and limit of every request the server saw. */
  const pagesAsked = (filter: string) =>
    server!.requests.map(r => [
      r.path,
      r.query.get('cursor'),
      r.query.get(filter),
      r.query.get('limit'),
    ]);

  it('follows nextCursor until it is absent, keeping the filters on every page', async () => {
    const pages: Record<string, { names: string[]; next?: string }> = {
      first: { names: ['a', 'b'], next: 'c1' },
      c1: { names: ['c', 'd'], next: 'c2' },
      c2: { names: ['e'] },
    };
    server = await startTestServer(request => {
      const page = pages[request.query.get('cursor') ?? 'first'];
      return {
        json: {
          items: page.names.map(component),
          pagination: page.next ? { nextCursor: page.next } : {},
        },
      };
    });

    const items = await clientFor(server.url).components.listAll('default', {
      project: 'shop',
    });

    expect(items.map(c => c.metadata.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pagesAsked('project')).toEqual([
      ['/api/v1/namespaces/default/components', null, 'shop', '100'],
      ['/api/v1/namespaces/default/components', 'c1', 'shop', '100'],
      ['/api/v1/namespaces/default/components', 'c2', 'shop', '100'],
    ]);
  });

  it.each([
    ['namespaces', '/api/v1/namespaces'],
    ['projects', '/api/v1/namespaces/default/projects'],
    ['components', '/api/v1/namespaces/default/components'],
    ['workloads', '/api/v1/namespaces/default/workloads'],
    ['componentTypes', '/api/v1/namespaces/default/componenttypes'],
    ['clusterComponentTypes', '/api/v1/clustercomponenttypes'],
    ['workflows', '/api/v1/namespaces/default/workflows'],
    ['clusterWorkflows', '/api/v1/clusterworkflows'],
    ['workflowRuns', '/api/v1/namespaces/default/workflowruns'],
  ] as const)(
    '%s.listAll follows every page of %s with its label selector',
    async (resource, path) => {
      server = await startTestServer(request => {
        const cursor = request.query.get('cursor');
        return {
          json: {
            items: [component(cursor ?? 'first')],
            pagination: cursor ? {} : { nextCursor: 'second' },
          },
        };
      });
      const client = clientFor(server.url);
      const query = { labelSelector: 'team=a' };
      const items = await (resource === 'namespaces' ||
      resource === 'clusterComponentTypes' ||
      resource === 'clusterWorkflows'
        ? client[resource].listAll(query)
        : client[resource].listAll('default', query));

      expect(items.map(item => item.metadata.name)).toEqual([
        'first',
        'second',
      ]);
      expect(pagesAsked('labelSelector')).toEqual([
        [path, null, 'team=a', '100'],
        [path, 'second', 'team=a', '100'],
      ]);
    },
  );

  it('honours a caller-chosen page size', async () => {
    server = await startTestServer(() => ({
      json: { items: [], pagination: {} },
    }));

    await clientFor(server.url).workflowRuns.listAll('default', { limit: 5 });

    expect(server.requests[0].query.get('limit')).toBe('5');
  });

  it('returns one page of a list with its cursor for the caller to follow', async () => {
    server = await startTestServer(() => ({
      json: { items: [component('a')], pagination: { nextCursor: 'next' } },
    }));

    const page = await clientFor(server.url).components.list('default', {
      limit: 1,
      cursor: 'this',
    });

    expect(page).toEqual({
      items: [component('a')],
      pagination: { nextCursor: 'next' },
    });
    expect(server.requests[0].query.get('cursor')).toBe('this');
    expect(server.requests[0].query.has('project')).toBe(false);
  });

  it('stops with an error when the server repeats a cursor', async () => {
    // A server that ignores `cursor` and always answers with the same page.
    server = await startTestServer(() => ({
      json: { items: [component('a')], pagination: { nextCursor: 'again' } },
    }));

    const listing = clientFor(server.url).components.listAll('default');

    await expect(listing).rejects.toThrow(OpenChoreoPaginationError);
    await expect(listing).rejects.toThrow(
      'returned the pagination cursor "again" twice while listing components in namespace "default"',
    );
    expect(server.requests.map(r => r.query.get('cursor'))).toEqual([
      null,
      'again',
    ]);
  });

  it('detects a cursor that repeats an earlier page, not only the previous one', async () => {
    const next: Record<string, string> = { first: 'x', x: 'y', y: 'x' };
    server = await startTestServer(request => ({
      json: {
        items: [component(request.query.get('cursor') ?? 'first')],
        pagination: {
          nextCursor: next[request.query.get('cursor') ?? 'first'],
        },
      },
    }));

    await expect(
      clientFor(server.url).namespaces.listAll(),
    ).rejects.toMatchObject({ name: 'OpenChoreoPaginationError', cursor: 'x' });
    expect(server.requests).toHaveLength(3);
  });
});
