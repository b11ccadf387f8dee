import type { RootHttpRouterConfigureContext } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { configureWithConnectionDeadline } from './connectionDeadline';

/** A server configured as the backend's, with the shutdown hooks it registers. */
async function configuredServer(deadlineMs: number) {
  const hooks: (() => Promise<void> | void)[] = [];
  const server: Server = createServer((_req, res) => {
    // An event stream that never ends on its own.
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.write('event: log\ndata: {}\n\n');
  });
  const applyDefaults = jest.fn();
  configureWithConnectionDeadline(deadlineMs)({
    server,
    applyDefaults,
    logger: mockServices.logger.mock(),
    lifecycle: {
      addShutdownHook: (hook: () => Promise<void>) => hooks.push(hook),
    },
  } as unknown as RootHttpRouterConfigureContext);
  expect(applyDefaults).toHaveBeenCalled();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { server, hooks, url };
}

describe('the shutdown deadline of open connections', () => {
  it('closes an event stream that would keep the server from stopping', async () => {
    const { server, hooks, url } = await configuredServer(0);
    let opened!: () => void;
    const streamOpened = new Promise<void>(resolve => {
      opened = resolve;
    });
    const streamEnded = new Promise<void>(resolve => {
      get(url, res => {
        res.once('data', () => opened());
        res.on('close', () => resolve());
      });
    });
    await streamOpened;
    const serverClosed = new Promise<void>(resolve =>
      server.close(() => resolve()),
    );
    await waitUntil(() => server.listening === false);

    expect(hooks).toHaveLength(1);
    await hooks[0]();

    await streamEnded;
    await serverClosed;
  });

  it('returns at once when no connection is open', async () => {
    const { server, hooks } = await configuredServer(60_000);
    server.close();
    await expect(hooks[0]()).resolves.toBeUndefined();
  });
});

async function waitUntil(condition: () => boolean) {
  while (!condition()) await new Promise(resolve => setImmediate(resolve));
}
