import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResourceObject } from '../store';
import type { WorkflowRunStatus } from './conditions';
import { COMMIT, seededStore, waitFor, workflowRun } from './testFixtures';
import {
  WORKLOAD_ANNOTATION,
  WorkflowRunSimulator,
} from './WorkflowRunSimulator';

interface Recorded {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

const IMAGE = `registry.openchoreo.localhost:10082/cart:${COMMIT.slice(0, 7)}`;

/** A stand-in API + token endpoint that records requests; POST answers 409 when `existing`. */
async function startApi(options: {
  existing?: ResourceObject;
  tokenStatus?: number;
}) {
  const requests: Recorded[] = [];
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    requests.push({
      method: req.method!,
      url: req.url!,
      authorization: req.headers.authorization,
      body,
    });
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (req.url === '/oauth2/token') {
      const form = new URLSearchParams(body);
      const valid =
        form.get('grant_type') === 'client_credentials' &&
        form.get('client_id') === 'publisher' &&
        form.get('client_secret') === 's3cret';
      if (!valid || options.tokenStatus) {
        reply(options.tokenStatus ?? 400, { error: 'invalid_client' });
        return;
      }
      reply(200, {
        access_token: 'tok-1',
        token_type: 'Bearer',
        expires_in: 3600,
      });
    } else if (req.method === 'POST') {
      if (options.existing)
        reply(409, { error: 'Workload already exists', code: 'CONFLICT' });
      else reply(201, JSON.parse(body));
    } else if (req.method === 'GET') {
      reply(200, options.existing);
    } else {
      reply(200, JSON.parse(body));
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    requests,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise(resolve => {
    let data = '';
    req.on('data', chunk => (data += chunk));
    req.on('end', () => resolve(data));
  });
}

describe('publishing the Workload over HTTP', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let simulator: WorkflowRunSimulator;

  afterEach(async () => {
    simulator.stop();
    await api.close();
  });

  async function build(options: Parameters<typeof startApi>[0], apiPath = '') {
    api = await startApi(options);
    const store = seededStore();
    simulator = new WorkflowRunSimulator({
      store,
      timeScale: 0.001,
      publisher: {
        apiUrl: `${api.url}${apiPath}`,
        tokenUrl: `${api.url}/oauth2/token`,
        clientId: 'publisher',
        clientSecret: 's3cret',
      },
    });
    simulator.start();
    store.create(workflowRun('cart-run-1'));
    const run = await waitFor(() => {
      const current = store.get('WorkflowRun', 'default', 'cart-run-1');
      return (current?.status as WorkflowRunStatus | undefined)?.completedAt
        ? current
        : undefined;
    }, 'the run to complete');
    return { store, run: run!, status: run!.status as WorkflowRunStatus };
  }

  it('POSTs the Workload with a client-credentials token', async () => {
    const { store, run } = await build({}, '/api/v1/');

    expect(api.requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'POST /oauth2/token',
      'POST /api/v1/namespaces/default/workloads',
    ]);
    expect(api.requests[1].authorization).toBe('Bearer tok-1');
    expect(JSON.parse(api.requests[1].body)).toEqual({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'Workload',
      metadata: { name: 'cart-workload', namespace: 'default' },
      spec: {
        owner: { projectName: 'shop', componentName: 'cart' },
        container: { image: IMAGE },
      },
    });
    expect(store.list('Workload', 'default')).toEqual([]);
    expect(JSON.parse(run.metadata.annotations![WORKLOAD_ANNOTATION])).toEqual(
      JSON.parse(api.requests[1].body),
    );
  });

  it('on 409 takes the existing Workload, changes only its image and PUTs it', async () => {
    const existing: ResourceObject = {
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'Workload',
      metadata: { name: 'cart-workload', namespace: 'default', uid: 'u-1' },
      spec: {
        owner: { projectName: 'shop', componentName: 'cart' },
        container: {
          image: 'old:1',
          env: [{ key: 'LOG_LEVEL', value: 'info' }],
        },
        endpoints: { http: { type: 'HTTP', port: 8080 } },
      },
    };
    const { run, status } = await build({ existing });

    expect(
      status.conditions?.find(c => c.type === 'WorkflowSucceeded')?.status,
    ).toBe('True');
    expect(api.requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'POST /oauth2/token',
      'POST /api/v1/namespaces/default/workloads',
      'GET /api/v1/namespaces/default/workloads/cart-workload',
      'PUT /api/v1/namespaces/default/workloads/cart-workload',
    ]);
    expect(
      api.requests.slice(1).every(r => r.authorization === 'Bearer tok-1'),
    ).toBe(true);
    const put = JSON.parse(api.requests[3].body);
    expect(put.spec).toEqual({
      owner: { projectName: 'shop', componentName: 'cart' },
      container: { image: IMAGE, env: [{ key: 'LOG_LEVEL', value: 'info' }] },
      endpoints: { http: { type: 'HTTP', port: 8080 } },
    });
    expect(JSON.parse(run.metadata.annotations![WORKLOAD_ANNOTATION])).toEqual(
      put,
    );
    expect(
      simulator
        .logs('default', 'cart-run-1', { task: 'generate-workload' })!
        .map(l => l.log),
    ).toEqual(
      expect.arrayContaining([
        `POST ${api.url}/api/v1/namespaces/default/workloads -> 409`,
        `PUT ${api.url}/api/v1/namespaces/default/workloads/cart-workload -> 200`,
      ]),
    );
  });

  it('fails generate-workload with the reason when the token is refused', async () => {
    const { run, status } = await build({ tokenStatus: 401 });

    expect(status.tasks?.map(t => t.phase)).toEqual([
      'Succeeded',
      'Succeeded',
      'Succeeded',
      'Failed',
    ]);
    expect(status.tasks![3].message).toMatch(
      /^Error \(exit code 1\): token request to .*\/oauth2\/token for client publisher failed: 401/,
    );
    expect(
      status.conditions?.find(c => c.type === 'WorkflowFailed')?.status,
    ).toBe('True');
    expect(run.metadata.annotations?.[WORKLOAD_ANNOTATION]).toBeUndefined();
    expect(api.requests.map(r => r.url)).toEqual(['/oauth2/token']);
  });
});
