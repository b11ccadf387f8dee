import type { AddressInfo } from 'node:net';
import { createObserverRouter, type ObserverRouterOptions } from './router';

/** A running Observer stand-in: its base URL (no trailing slash) and how to stop it. */
export interface RunningObserver {
  url: string;
  close(): Promise<void>;
}

/** Starts the Observer stand-in on `port` (0 = a free one). */
export async function startObserver(
  options: ObserverRouterOptions & { port?: number; host?: string },
): Promise<RunningObserver> {
  const app = createObserverRouter(options);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof app.listen>>(
    (resolve, reject) => {
      const listening = app.listen(options.port ?? 0, host, () =>
        resolve(listening),
      );
      listening.once('error', reject);
    },
  );
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}
