import { startDevstack, type Devstack } from '../devstack';
import { clientCredentialsToken } from '../idp';
import { ResourceStore, type ResourceObject } from './store';

const RUNS = '/api/v1/namespaces/default/workflowruns';
const selector = (component: string) =>
  `labelSelector=${encodeURIComponent(
    `openchoreo.dev/component=${component}`,
  )}`;

function run(name: string, component: string): ResourceObject {
  return {
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind: 'WorkflowRun',
    metadata: {
      name,
      namespace: 'default',
      labels: { 'openchoreo.dev/component': component },
    },
  };
}

describe('ResourceStore pages: the cost of a page is the page', () => {
  it('visits only the page (and one more) from the cursor position, whatever the number stored', () => {
    const store = new ResourceStore();
    store.batch(() => {
      for (let i = 0; i < 5000; i++) {
        store.create(run(`big-${i}`, i % 1000 === 0 ? 'rare' : 'big'));
      }
    });
    let visited = 0;
    const matches = () => {
      visited += 1;
      return true;
    };
    // Far into the list: a cursor is a position, not a count to skip.
    const first = store.page('WorkflowRun', 'default', { limit: 100, matches });
    expect(visited).toBe(101);
    let next = first.next;
    for (let page = 1; page < 45; page++) {
      next = store.page('WorkflowRun', 'default', {
        from: next,
        limit: 100,
      }).next;
    }
    visited = 0;
    const late = store.page('WorkflowRun', 'default', {
      from: next,
      limit: 100,
      matches,
    });
    expect(visited).toBe(101);
    expect(late.items[0].metadata.name).toBe('big-4500');

    // An equality label visits only the objects carrying it.
    visited = 0;
    const rare = store.page('WorkflowRun', 'default', {
      limit: 100,
      label: { key: 'openchoreo.dev/component', value: 'rare' },
      matches,
    });
    expect(visited).toBe(5);
    expect(rare.items.map(r => r.metadata.name)).toEqual([
      'big-0',
      'big-1000',
      'big-2000',
      'big-3000',
      'big-4000',
    ]);
    expect(rare.next).toBeUndefined();
  });

  it('keeps the label index right through relabelling and deletion', () => {
    const store = new ResourceStore();
    store.create(run('a', 'x'));
    store.create(run('b', 'y'));
    store.create(run('c', 'x'));
    const label = (value: string) => ({
      limit: 10,
      label: { key: 'openchoreo.dev/component', value },
    });
    const names = (value: string) =>
      store
        .page('WorkflowRun', 'default', label(value))
        .items.map(r => r.metadata.name);
    store.replace(run('a', 'y'));
    expect(names('x')).toEqual(['c']);
    expect(names('y')).toEqual(['a', 'b']);
    store.delete('WorkflowRun', 'default', 'b');
    expect(names('y')).toEqual(['a']);
    expect(
      store.list('WorkflowRun', 'default').map(r => r.metadata.name),
    ).toEqual(['a', 'c']);
  });
});

describe('API test control (/_devstack): runs and big logs at scale', () => {
  let devstack: Devstack;
  let api: (path: string, init?: RequestInit) => Promise<Response>;

  beforeAll(async () => {
    devstack = await startDevstack({
      apiPort: 0,
      idpPort: 0,
      jenkinsPort: 0,
      // Slow time: a started build stays in its first step.
      timeScale: 1000,
    });
    const token = await clientCredentialsToken(
      devstack.idp.tokenUrl,
      devstack.idp.clients.portal,
    );
    api = (path, init) =>
      fetch(`${devstack.api.url}${path}`, {
        ...init,
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          ...init?.headers,
        },
      });
  });
  afterAll(() => devstack?.close());

  const control = (path: string, body: unknown) =>
    fetch(`${devstack.api.url}/_devstack${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('seeds N runs of a new component, listed oldest first in pages that follow each other', async () => {
    const seeded = await control(
      '/namespaces/default/components/scale-seeded/runs',
      { count: 250 },
    );
    expect(seeded.status).toBe(201);
    const body = await seeded.json();
    expect(body).toMatchObject({ component: 'scale-seeded', count: 250 });

    expect(
      (await api('/api/v1/namespaces/default/components/scale-seeded')).status,
    ).toBe(200);
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await (
        await api(
          `${RUNS}?${selector('scale-seeded')}&limit=100${
            cursor ? `&cursor=${cursor}` : ''
          }`,
        )
      ).json();
      names.push(...page.items.map((r: ResourceObject) => r.metadata.name));
      cursor = page.pagination.nextCursor;
    } while (cursor);
    expect(names).toHaveLength(250);
    expect(new Set(names).size).toBe(250);
    expect(names[0]).toBe(body.oldest);
    expect(names[249]).toBe(body.newest);
    const newest = await (await api(`${RUNS}/${body.newest}/status`)).json();
    expect(newest.status).toBe('Succeeded');
  });

  it('refuses bad input and changes nothing', async () => {
    const bad = await control('/namespaces/default/components/x-bad/runs', {
      count: 0,
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/count/);
    const missing = await control('/namespaces/default/components/x-bad/runs', {
      count: 1,
      from: 'no-such-component',
    });
    expect(missing.status).toBe(404);
    expect(
      (await api('/api/v1/namespaces/default/components/x-bad')).status,
    ).toBe(404);
    const cursor = await api(`${RUNS}?cursor=not-a-cursor`);
    expect(cursor.status).toBe(400);
  });

  it('appends a log of N lines to a running step, in order after what it had', async () => {
    const created = await api(RUNS, {
      method: 'POST',
      body: JSON.stringify({
        metadata: {
          name: 'scale-logs-run',
          labels: {
            'openchoreo.dev/project': 'demo-project',
            'openchoreo.dev/component': 'greeting-service',
          },
        },
        spec: {
          workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
        },
      }),
    });
    expect(created.status).toBe(201);
    const notStarted = await control(
      '/namespaces/default/workflowruns/scale-logs-run/logs',
      { task: 'checkout-source', count: 5 },
    );
    expect(notStarted.status).toBe(404);

    // Started: the simulation picks the run up within its (slowed) pick-up delay.
    devstack.simulator.stop();
    const stored = devstack.api.store.get(
      'WorkflowRun',
      'default',
      'scale-logs-run',
    )!;
    devstack.api.store.replace({
      ...stored,
      status: {
        tasks: [
          {
            name: 'checkout-source',
            phase: 'Running',
            startedAt: new Date(Date.now() - 1000).toISOString(),
          },
        ],
      },
    });
    devstack.simulator.start();
    const appended = await control(
      '/namespaces/default/workflowruns/scale-logs-run/logs',
      { task: 'checkout-source', count: 2000 },
    );
    expect(appended.status).toBe(201);
    const lines = await (
      await api(`${RUNS}/scale-logs-run/logs?task=checkout-source`)
    ).json();
    const seeded = lines.filter((l: { log: string }) =>
      l.log.includes('seeded line'),
    );
    expect(seeded).toHaveLength(2000);
    expect(seeded[0].log).toContain('seeded line 1 of 2000');
    expect(seeded[1999].log).toContain('seeded line 2000 of 2000');
  });
});
