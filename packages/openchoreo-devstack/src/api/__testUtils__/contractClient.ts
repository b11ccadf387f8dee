import type { Express } from 'express';
import request, { type Response } from 'supertest';
import { SpecValidator, type SpecName } from '../contract/specValidator';

/** Loaded once per test file: the real specs (OpenChoreo API, Observer). */
const sharedValidators = new Map<SpecName, SpecValidator>();
function validatorOf(spec: SpecName) {
  let loaded = sharedValidators.get(spec);
  if (!loaded) {
    loaded = SpecValidator.load(spec);
    sharedValidators.set(spec, loaded);
  }
  return loaded;
}

/** Calls the stand-in and checks request and response against the real spec. */
export interface ContractClient {
  call(
    method: string,
    url: string,
    body?: unknown,
    options?: { violatesSpec?: boolean },
  ): Promise<Response>;
  /** Operation ids whose responses were validated so far. */
  covered: Set<string>;
}

/**
 * A supertest client that authenticates with `token`, validates every request body it sends
 * against the spec's request schema and every response against the documented response of that
 * status, and fails the test on the first violation.
 */
export function contractClient(
  app: Express,
  token: string,
  spec: SpecName = 'openchoreo-api',
): ContractClient {
  const covered = new Set<string>();
  const validator = () => validatorOf(spec);
  return {
    covered,
    async call(method, url, body, options = {}) {
      const operation = validator().findOperation(method, url);
      if (!operation)
        throw new Error(`${method} ${url} is not an operation of the spec`);
      if (body !== undefined) {
        const problems = validator().validateRequest(operation, body);
        // A deliberately invalid request must be one the spec itself rejects.
        if (options.violatesSpec && problems.length === 0) {
          throw new Error(
            `request of ${operation.operationId} was meant to violate the spec but does not`,
          );
        }
        if (!options.violatesSpec && problems.length) {
          throw new Error(
            `request of ${
              operation.operationId
            } violates the spec:\n${problems.join('\n')}`,
          );
        }
      }
      let req = request(app)
        [method.toLowerCase() as 'get'](url)
        .set('Authorization', `Bearer ${token}`);
      if (body !== undefined) req = req.send(body as object);
      const res = await req;
      const contentType = String(
        res.headers['content-type'] ?? 'application/json',
      );
      const payload = contentType.startsWith('application/json')
        ? res.body
        : res.text;
      const problems = validator().validateResponse(
        operation,
        res.status,
        payload,
        contentType,
      );
      if (problems.length) {
        throw new Error(
          `${method} ${url} -> ${
            res.status
          } violates the spec:\n${problems.join('\n')}\nbody: ${JSON.stringify(
            res.body,
          ).slice(0, 2000)}`,
        );
      }
      covered.add(`${operation.operationId}:${res.status}`);
      return res;
    },
  };
}

/** Every (method, path) the express app serves, from its router stack. */
export function servedRoutes(app: Express): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          routes.push({ method: method.toUpperCase(), path: layer.route.path });
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as any)._router.stack);
  return routes;
}
