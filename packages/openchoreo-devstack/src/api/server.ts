import type { AddressInfo } from 'node:net';
import {
  createOpenChoreoApiRouter,
  type OpenChoreoApiRouterOptions,
} from './router';
import { ResourceStore } from './store';

/** Options of `startOpenChoreoApi`: the router's options plus where to listen. */
export interface OpenChoreoApiOptions extends OpenChoreoApiRouterOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
}

/** A running stand-in: its base URL (no trailing slash), its state, and how to stop it. */
export interface RunningOpenChoreoApi {
  url: string;
  store: ResourceStore;
  close(): Promise<void>;
}

/** Starts the local stand-in of the OpenChoreo v1 API at the real API's paths. */
export async function startOpenChoreoApi(
  options: OpenChoreoApiOptions,
): Promise<RunningOpenChoreoApi> {
  const store = options.store ?? new ResourceStore();
  const app = createOpenChoreoApiRouter({ ...options, store });
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
    store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}
