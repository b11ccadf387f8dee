import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the proxy saw. */
export interface SeenRequest {
  method: string;
  path: string;
  authorization?: string;
  body: string;
}

/** An injected answer instead of forwarding. */
export interface InjectedResponse {
  status: number;
  body?: unknown;
}

/** A counting HTTP proxy in front of one upstream, which can answer in its place. */
export interface FaultProxy {
  url: string;
  requests: SeenRequest[];
  /** Decides per request whether to answer itself; undefined forwards to the upstream. */
  inject?: (request: SeenRequest) => InjectedResponse | undefined;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Starts a proxy on a random port that forwards everything to `upstream` unless told otherwise. */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const proxy: FaultProxy = {
    url: '',
    requests: [],
    close: async () => undefined,
  };
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const seen: SeenRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      authorization: req.headers.authorization,
      body: body.toString('utf8'),
    };
    proxy.requests.push(seen);
    const injected = proxy.inject?.(seen);
    if (injected) {
      res.writeHead(injected.status, { 'content-type': 'application/json' });
      res.end(injected.body === undefined ? '' : JSON.stringify(injected.body));
      return;
    }
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      upstreamRes => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    forwarded.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    forwarded.end(body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  proxy.url = `http://127.0.0.1:${port}`;
  proxy.close = () =>
    new Promise<void>(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}

/** A URL on which nothing listens (a port that was just free), for connection-refused tests. */
export async function unusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
