import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** An express app listening on a local port. */
export interface ListeningApp {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:8083`. */
  url: string;
  close(): Promise<void>;
}

/** Starts `app` on `host:port` (port 0 picks a free one) and resolves once it listens. */
export async function listen(
  app: Express,
  options: { host: string; port: number },
): Promise<ListeningApp> {
  const server = await new Promise<ReturnType<Express['listen']>>(
    (resolve, reject) => {
      const listening = app.listen(options.port, options.host, () =>
        resolve(listening),
      );
      listening.once('error', reject);
    },
  );
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}
