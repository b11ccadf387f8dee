import type { RootHttpRouterConfigureContext } from '@backstage/backend-defaults/rootHttpRouter';
import type { Socket } from 'node:net';

/**
 * How long open connections (a task's event stream, the signals socket, a slow request) may
 * outlive the start of the server's shutdown. Kubernetes kills a pod 30 s after SIGTERM.
 */
export const CONNECTION_CLOSE_DEADLINE_MS = 5_000;

/**
 * The root HTTP router's `configure` for Backstage's defaults plus a deadline on shutdown:
 * Backstage's server stop closes idle connections and then waits for every open one, and
 * streams such as a watched scaffolder task's event stream never end on their own, so a
 * SIGTERM could wait as long as someone watches. After `deadlineMs` the connections still open
 * (upgraded ones included) are closed.
 */
export function configureWithConnectionDeadline(
  deadlineMs: number = CONNECTION_CLOSE_DEADLINE_MS,
) {
  return (context: RootHttpRouterConfigureContext) => {
    const { server, lifecycle, logger } = context;
    context.applyDefaults();
    const sockets = new Set<Socket>();
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    lifecycle.addShutdownHook(async () => {
      if (sockets.size === 0) return;
      const allClosed = new Promise<void>(resolve => {
        const check = () => {
          if (sockets.size === 0) resolve();
        };
        for (const socket of sockets) socket.once('close', check);
      });
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>(resolve => {
        timer = setTimeout(() => {
          logger.info(
            `Closing ${sockets.size} connection(s) still open ${deadlineMs} ms into the shutdown`,
          );
          server.closeAllConnections();
          for (const socket of sockets) socket.destroy();
          resolve();
        }, deadlineMs);
        timer.unref();
      });
      await Promise.race([allClosed, deadline]);
      clearTimeout(timer);
    });
  };
}
