import { startDevstack, type Devstack } from '../../devstack';
import { clientCredentialsToken } from '../../idp';

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  const until = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise(r => setTimeout(r, 20));
  }
}

describe('WorkflowRun routes: live logs end, runs stay', () => {
  let devstack: Devstack;
  let api: (path: string, init?: RequestInit) => Promise<Response>;
  const runs = '/api/v1/namespaces/default/workflowruns';

  beforeAll(async () => {
    devstack = await startDevstack({
      apiPort: 0,
      idpPort: 0,
      jenkinsPort: 0,
      timeScale: 0.002,
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

  /** Starts a standalone run of `workflow` and waits until it completed. */
  async function finishedRun(name: string, workflow: string) {
    const created = await api(runs, {
      method: 'POST',
      body: JSON.stringify({
        metadata: { name },
        spec: { workflow: { kind: 'ClusterWorkflow', name: workflow } },
      }),
    });
    expect(created.status).toBe(201);
    await waitFor(
      async () => (await api(`${runs}/${name}/status`)).json(),
      status => status.status === 'Succeeded' || status.status === 'Failed',
    );
  }

  it('answers hasLiveObservability false and a 500 for logs and events once the pods are collected', async () => {
    await finishedRun('standalone-run-a1', 'dockerfile-builder');
    const live = await (await api(`${runs}/standalone-run-a1/status`)).json();
    expect(live.hasLiveObservability).toBe(true);
    expect((await api(`${runs}/standalone-run-a1/logs`)).status).toBe(200);

    expect(devstack.simulator.expireLogs('default', 'standalone-run-a1')).toBe(
      true,
    );

    const gone = await (await api(`${runs}/standalone-run-a1/status`)).json();
    expect(gone).toMatchObject({
      status: 'Succeeded',
      hasLiveObservability: false,
    });
    const logs = await api(`${runs}/standalone-run-a1/logs`);
    expect(logs.status).toBe(500);
    expect(await logs.json()).toEqual({
      error: 'Failed to get workflow run logs',
      code: 'INTERNAL_ERROR',
    });
    expect((await api(`${runs}/standalone-run-a1/events`)).status).toBe(500);
    expect((await api(`${runs}/standalone-run-a1`)).status).toBe(200);
  });

  it('keeps listing and serving the runs of a deleted workflow, without live logs', async () => {
    const source = devstack.api.store.get(
      'ClusterWorkflow',
      undefined,
      'dockerfile-builder',
    )!;
    devstack.api.store.create({
      ...source,
      metadata: { name: 'short-lived-builder' },
    });
    await finishedRun('standalone-run-b2', 'short-lived-builder');
    expect(
      devstack.api.store.delete(
        'ClusterWorkflow',
        undefined,
        'short-lived-builder',
      ),
    ).toBe(true);

    const list = await (
      await api(`${runs}?workflow=short-lived-builder`)
    ).json();
    expect(
      list.items.map((r: { metadata: { name: string } }) => r.metadata.name),
    ).toEqual(['standalone-run-b2']);
    const run = await api(`${runs}/standalone-run-b2`);
    expect(run.status).toBe(200);
    const status = await (await api(`${runs}/standalone-run-b2/status`)).json();
    expect(status).toMatchObject({
      status: 'Succeeded',
      hasLiveObservability: false,
    });
    expect((await api(`${runs}/standalone-run-b2/logs`)).status).toBe(500);
  });
});
