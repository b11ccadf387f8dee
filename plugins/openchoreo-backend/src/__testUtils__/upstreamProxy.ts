import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** A canned answer for matching requests: a status and JSON body, or no answer at all. */
export interface FaultRule {
  method?: string;
  /** Matched against the path without query. */
  path: RegExp;
  respond: { status: number; body: unknown } | 'hang';
  /** Answer only this many matching requests, then forward them (default: every one). */
  times?: number;
}

/**
 * A real HTTP proxy in front of the devstack API for tests: counts requests per
 * `METHOD /path` and answers matching requests with injected faults instead of forwarding.
 */
export interface UpstreamProxy {
  url: string;
  rules: FaultRule[];
  /** Requests seen per `METHOD /path`. */
  counts: Map<string, number>;
  count(method: string, path: string): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startUpstreamProxy(
  target: string,
): Promise<UpstreamProxy> {
  const targetUrl = new URL(target);
  const proxy: UpstreamProxy = {
    url: '',
    rules: [],
    counts: new Map(),
    count: (method, path) => proxy.counts.get(`${method} ${path}`) ?? 0,
    reset() {
      proxy.rules = [];
      proxy.counts.clear();
    },
    close: async () => undefined,
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const key = `${req.method} ${path}`;
    proxy.counts.set(key, (proxy.counts.get(key) ?? 0) + 1);
    const rule = proxy.rules.find(
      r =>
        (!r.method || r.method === req.method) &&
        r.path.test(path) &&
        (r.times === undefined || r.times > 0),
    );
    if (rule) {
      if (rule.times !== undefined) rule.times -= 1;
      if (rule.respond === 'hang') {
        return; // never answer; closed by close()
      }
      res.writeHead(rule.respond.status, {
        'Content-Type': 'application/json',
      });
      res.end(JSON.stringify(rule.respond.body));
      return;
    }
    const upstream = httpRequest(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: targetUrl.host },
      },
      upstreamRes => {
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
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}

/**
 * A token endpoint in front of the devstack IdP that counts requests and rewrites
 * `expires_in`, so tests decide when real tokens are due for refresh without waiting for a clock.
 */
export interface TokenProxy {
  tokenUrl: string;
  requests(): number;
  /** The lifetime announced from now on (seconds; a tiny one makes a token stale at once). */
  setExpiresIn(seconds: number): void;
  close(): Promise<void>;
}

export async function startTokenProxy(
  tokenUrl: string,
  initialExpiresIn: number,
): Promise<TokenProxy> {
  let count = 0;
  let expiresIn = initialExpiresIn;
  const server = createServer(async (req, res) => {
    count += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: Buffer.concat(chunks).toString('utf8'),
    });
    const body = (await response.json()) as Record<string, unknown>;
    if (response.ok) body.expires_in = expiresIn;
    res.writeHead(response.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    tokenUrl: `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/oauth2/token`,
    requests: () => count,
    setExpiresIn(seconds) {
      expiresIn = seconds;
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
