import { mockServices } from '@backstage/backend-test-utils';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withOpenChoreoAbortSignal } from './abortScope';
import { createOpenChoreoClientService } from './clientService';
import { createOpenChoreoCall } from './openchoreoCall';

/** An API that answers every request after `delayMs`, recording what arrived and what finished. */
async function startSlowApi(delayMs: number) {
  const arrived: string[] = [];
  const answered: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const what = `${req.method} ${req.url}`;
    arrived.push(what);
    req.resume();
    setTimeout(() => {
      if (res.destroyed) return;
      answered.push(what);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ metadata: { name: 'api' } }));
    }, delayMs);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    arrived,
    answered,
    close: () =>
      new Promise<void>(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('withOpenChoreoAbortSignal', () => {
  const logger = mockServices.logger.mock();
  let api: Awaited<ReturnType<typeof startSlowApi>>;
  beforeEach(async () => {
    api = await startSlowApi(300);
  });
  afterEach(() => api.close());

  const clientFor = () =>
    createOpenChoreoClientService(
      {
        baseUrl: api.url,
        auth: {
          tokenUrl: `${api.url}/token`,
          clientId: 'c',
          clientSecret: 's',
        },
        requestTimeoutMs: 5000,
      },
      { logger },
    ).forUser('user-token');

  it('cancels a read in flight with the reason, not as an OpenChoreo outage', async () => {
    const client = clientFor();
    const call = createOpenChoreoCall({ logger });
    const controller = new AbortController();
    const reason = new Error('deadline passed');
    setTimeout(() => controller.abort(reason), 50);
    const started = Date.now();
    await expect(
      withOpenChoreoAbortSignal(controller.signal, () =>
        call('read component "default/api"', () =>
          client.components.get('default', 'api'),
        ),
      ),
    ).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(250);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('starts no request once the signal has aborted', async () => {
    const client = clientFor();
    const controller = new AbortController();
    const reason = new Error('too late');
    controller.abort(reason);
    await expect(
      withOpenChoreoAbortSignal(controller.signal, () =>
        client.components.replace('default', 'api', {
          metadata: { name: 'api' },
        }),
      ),
    ).rejects.toBeDefined();
    await new Promise(r => setTimeout(r, 50));
    expect(api.arrived).toEqual([]);
  });

  it('lets a write already sent finish, so its outcome is known', async () => {
    const client = clientFor();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('deadline passed')), 50);
    const saved = await withOpenChoreoAbortSignal(controller.signal, () =>
      client.components.replace('default', 'api', {
        metadata: { name: 'api' },
      } as never),
    );
    expect(saved.metadata.name).toBe('api');
    expect(controller.signal.aborted).toBe(true);
    expect(api.answered).toEqual([
      'PUT /api/v1/namespaces/default/components/api',
    ]);
  });

  it('does nothing outside a scope', async () => {
    const client = clientFor();
    await expect(client.components.get('default', 'api')).resolves.toEqual({
      metadata: { name: 'api' },
    });
  });
});
