import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local OAuth2 token endpoint for tests: counts requests and issues `token-<n>`. */
export interface TestTokenServer {
  tokenUrl: string;
  /** Number of token requests received so far. */
  requests(): number;
  /** The form bodies received. */
  bodies: URLSearchParams[];
  /** Lifetime to announce in `expires_in` (undefined: none). */
  expiresIn: number | undefined;
  /** Delay before answering, in milliseconds. */
  delayMs: number;
  /** When set, answer with this status and body instead of a token. */
  failWith?: { status: number; body: string };
  close(): Promise<void>;
}

export async function startTestTokenServer(): Promise<TestTokenServer> {
  let count = 0;
  const state: TestTokenServer = {
    tokenUrl: '',
    requests: () => count,
    bodies: [],
    expiresIn: 3600,
    delayMs: 0,
    close: async () => undefined,
  };
  const server: Server = createServer(async (req, res) => {
    count += 1;
    state.bodies.push(new URLSearchParams(await readBody(req)));
    const issued = count;
    setTimeout(() => {
      if (state.failWith) {
        res.writeHead(state.failWith.status, {
          'Content-Type': 'application/json',
        });
        res.end(state.failWith.body);
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          access_token: `token-${issued}`,
          token_type: 'Bearer',
          ...(state.expiresIn === undefined
            ? {}
            : { expires_in: state.expiresIn }),
        }),
      );
    }, state.delayMs);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.tokenUrl = `http://127.0.0.1:${port}/oauth2/token`;
  state.close = () =>
    new Promise<void>(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
