import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request that passed the proxy, with the claims of the bearer token it carried. */
export interface ProxiedCall {
  method: string;
  path: string;
  /** `sub` of the bearer JWT (decoded only: the upstream verifies it). */
  sub?: unknown;
  /** `groups` of the bearer JWT; absent for service-account tokens. */
  groups?: unknown;
  status?: number;
}

/** A proxy in front of the devstack API that records who called what. */
export interface RecordingProxy {
  url: string;
  calls: ProxiedCall[];
  close(): Promise<void>;
}

function claimsOf(authorization: string | undefined): Record<string, unknown> {
  const payload = authorization?.replace(/^Bearer /i, '').split('.')[1];
  if (!payload) return {};
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return {};
  }
}

/** Starts a recording HTTP proxy to `target` on a free loopback port. */
export async function startRecordingProxy(
  target: string,
): Promise<RecordingProxy> {
  const targetUrl = new URL(target);
  const calls: ProxiedCall[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const claims = claimsOf(req.headers.authorization);
    const call: ProxiedCall = {
      method: req.method ?? '',
      path: (req.url ?? '/').split('?')[0],
      sub: claims.sub,
      groups: claims.groups,
    };
    calls.push(call);
    const upstream = httpRequest(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: targetUrl.host },
      },
      upstreamRes => {
        call.status = upstreamRes.statusCode;
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
