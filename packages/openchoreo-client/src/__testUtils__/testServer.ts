import { createServer, IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the test server received it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, still percent-encoded as sent. */
  path: string;
  /** Raw request target, as sent on the wire. */
  rawUrl: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the handler wants the server to do with a request. */
export type Reply =
  | { status?: number; json?: unknown; text?: string }
  /** Never answer. */
  | 'hang'
  /** Send the status line and half a body, then stall. */
  | 'hang-mid-body';

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a real HTTP server on 127.0.0.1 and an ephemeral port. */
export async function startTestServer(
  handler: (request: RecordedRequest) => Reply,
): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const rawUrl = req.url ?? '/';
      const parsed = new URL(rawUrl, 'http://placeholder');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: parsed.pathname,
        rawUrl,
        query: parsed.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      send(res, handler(recorded));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL on which nothing listens (a port that was just released). */
export async function refusedUrl(): Promise<string> {
  const server = await startTestServer(() => ({ status: 500 }));
  await server.close();
  return server.url;
}

function send(res: ServerResponse, reply: Reply) {
  if (reply === 'hang') {
    return;
  }
  if (reply === 'hang-mid-body') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"items": [');
    return;
  }
  const status = reply.status ?? 200;
  if (reply.json !== undefined) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.json));
  } else {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(reply.text ?? '');
  }
}
