import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** What fraction of requests the proxy spoils, and how. Rates add up to at most 1. */
export interface FaultPlan {
  /** Answered 500, 502 or 503 without reaching the API. */
  errorRate: number;
  /**
   * Connection reset: half before the request reaches the API (not applied), half after the
   * API answered (applied, answer lost).
   */
  resetRate: number;
  /** Held for a random time in `delayMs`, then forwarded even if the caller gave up. */
  delayRate: number;
  delayMs: [number, number];
  /** Seed of the pseudo-random choices, so a failing run can be repeated. */
  seed: number;
}

/** One answer of the API as the proxy received it (whether or not the caller got it). */
export interface UpstreamAnswer {
  method: string;
  path: string;
  status: number;
  /** `metadata.name` of the answered object, if any. */
  name?: string;
}

/** Counts of what the proxy did. */
export interface FaultStats {
  forwarded: number;
  errors: number;
  resets: number;
  delays: number;
}

/**
 * A real HTTP proxy in front of the devstack API that injects faults the way a bad network and
 * a struggling server do: 5xx answers, resets (before or after the API applied the request) and
 * delays past the caller's deadline, after which the request still lands upstream.
 */
export interface FaultProxy {
  url: string;
  /** The current plan; undefined forwards everything untouched. */
  plan: FaultPlan | undefined;
  stats: FaultStats;
  /** Every answer of the API, e.g. to count the objects it really created. */
  answers: UpstreamAnswer[];
  /** Resolves once every request received so far has reached the API or been dropped. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Starts a {@link FaultProxy} for `target` (the devstack API's URL) on a free port. */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const targetUrl = new URL(target);
  const pending = new Set<Promise<unknown>>();
  let random = mulberry32(1);
  let seededWith: number | undefined;
  const proxy: FaultProxy = {
    url: '',
    plan: undefined,
    stats: { forwarded: 0, errors: 0, resets: 0, delays: 0 },
    answers: [],
    settled: async () => {
      while (pending.size > 0) {
        await Promise.allSettled([...pending]);
      }
    },
    close: async () => undefined,
  };

  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<Upstream | undefined>(resolve => {
      proxy.stats.forwarded += 1;
      const upstream = httpRequest(
        {
          host: targetUrl.hostname,
          port: targetUrl.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: targetUrl.host },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk as Buffer));
          res.on('end', () => {
            const answer = {
              status: res.statusCode ?? 502,
              headers: res.headers,
              body: Buffer.concat(chunks),
            };
            proxy.answers.push({
              method: req.method ?? 'GET',
              path: (req.url ?? '/').split('?')[0],
              status: answer.status,
              name: nameOf(answer.body),
            });
            resolve(answer);
          });
          res.on('error', () => resolve(undefined));
        },
      );
      upstream.on('error', () => resolve(undefined));
      upstream.end(body);
    });

  const answer = (res: ServerResponse, upstream: Upstream | undefined) => {
    if (res.destroyed) return;
    if (!upstream) {
      res.writeHead(502).end();
      return;
    }
    const headers = { ...upstream.headers };
    delete headers['transfer-encoding'];
    headers['content-length'] = String(upstream.body.length);
    res.writeHead(upstream.status, headers).end(upstream.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const plan = proxy.plan;
    if (!plan) {
      answer(res, await forward(req, body));
      return;
    }
    if (seededWith !== plan.seed) {
      random = mulberry32(plan.seed);
      seededWith = plan.seed;
    }
    const draw = random();
    if (draw < plan.errorRate) {
      proxy.stats.errors += 1;
      const status = [500, 502, 503][Math.floor(random() * 3)];
      res
        .writeHead(status, { 'Content-Type': 'application/json' })
        .end(
          JSON.stringify({ error: 'injected fault', code: 'INTERNAL_ERROR' }),
        );
      return;
    }
    if (draw < plan.errorRate + plan.resetRate) {
      proxy.stats.resets += 1;
      if (random() < 0.5) {
        await forward(req, body);
      }
      req.socket.destroy();
      return;
    }
    if (draw < plan.errorRate + plan.resetRate + plan.delayRate) {
      proxy.stats.delays += 1;
      const [min, max] = plan.delayMs;
      await new Promise(r => setTimeout(r, min + random() * (max - min)));
    }
    answer(res, await forward(req, body));
  };

  const server = createServer((req, res) => {
    const done = handle(req, res).catch(() => {
      if (!res.destroyed) res.destroy();
    });
    pending.add(done);
    done.finally(() => pending.delete(done));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = async () => {
    await proxy.settled();
    await new Promise<void>(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  };
  return proxy;
}

function nameOf(body: Buffer): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const name = (parsed as { metadata?: { name?: unknown } })?.metadata?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** A small seeded pseudo-random generator (mulberry32): numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
