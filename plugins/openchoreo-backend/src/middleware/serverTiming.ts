import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';

/** The parts of a request's time the plugin measures. */
export type TimingPart = 'identity' | 'permission' | 'upstream';

interface Timings {
  started: bigint;
  parts: Record<TimingPart, number>;
}

const storage = new AsyncLocalStorage<Timings>();

/**
 * Runs `work`, adding its duration to `part` of the request being served (when timing is on;
 * otherwise just runs it). Overlapping works of one part add up (parallel upstream reads count
 * each), so the parts can exceed the total.
 */
export async function timed<T>(
  part: TimingPart,
  work: () => Promise<T>,
): Promise<T> {
  const timings = storage.getStore();
  if (!timings) return work();
  const start = process.hrtime.bigint();
  try {
    return await work();
  } finally {
    timings.parts[part] += Number(process.hrtime.bigint() - start) / 1e6;
  }
}

/**
 * Answers every request with a `Server-Timing` header (`openchoreo.diagnostics.serverTiming`):
 * time spent verifying the caller (`identity`), asking the permission service (`permission`),
 * waiting for OpenChoreo (`upstream`), the rest (`mapping`: validation, mapping, JSON) and the
 * `total` until the answer's headers, in ms. Durations only, never what was read or decided.
 */
export function createServerTimingMiddleware(): RequestHandler {
  return (_req, res, next) => {
    const timings: Timings = {
      started: process.hrtime.bigint(),
      parts: { identity: 0, permission: 0, upstream: 0 },
    };
    const writeHead = res.writeHead;
    res.writeHead = function writeHeadWithTiming(
      this: typeof res,
      ...args: Parameters<typeof res.writeHead>
    ) {
      const total = Number(process.hrtime.bigint() - timings.started) / 1e6;
      const { identity, permission, upstream } = timings.parts;
      const mapping = Math.max(0, total - identity - permission - upstream);
      if (!res.headersSent) {
        res.setHeader(
          'Server-Timing',
          [
            ['identity', identity],
            ['permission', permission],
            ['upstream', upstream],
            ['mapping', mapping],
            ['total', total],
          ]
            .map(([name, ms]) => `${name};dur=${(ms as number).toFixed(2)}`)
            .join(', '),
        );
      }
      return writeHead.apply(this, args);
    } as typeof res.writeHead;
    storage.run(timings, next);
  };
}
