/*
 * The physical floor of any proxy on loopback: a bare Node http pass-through (keep-alive, no
 * parsing, no auth) in front of `target`. With `delayMs` it holds each answer that long first,
 * standing in for an API that does real work (OpenChoreo reads the Kubernetes API server).
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running pass-through: its URL (same paths as the target) and how to stop it. */
export interface BareHop {
  url: string;
  close(): Promise<void>;
}

/** Starts a pass-through to `target` on a free loopback port. */
export async function startBareHop(
  target: string,
  options: { delayMs?: number } = {},
): Promise<BareHop> {
  const { hostname, port } = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => {
    const upstream = request(
      {
        agent,
        host: hostname,
        port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      answer => {
        const send = () => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        };
        if (options.delayMs) setTimeout(send, options.delayMs);
        else send();
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>(resolve => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
