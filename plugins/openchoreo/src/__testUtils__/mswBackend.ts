import { http, HttpResponse, type JsonBodyType } from 'msw';
import type { SetupServer } from 'msw/node';

/** What the backend received. */
export interface Received {
  method: string;
  /** The path after the backend's prefix, as sent (still percent-encoded). */
  path: string;
  /** The query string as sent, with its `?`. */
  search: string;
  /** The route's parameters as the backend decodes them. */
  params: Record<string, string>;
  headers: Headers;
  /** The JSON body, when there was one. */
  body?: unknown;
}

/** The HTTP methods the backend plugin's routes use. */
export type Method = 'get' | 'post' | 'put' | 'delete';

/**
 * The backend plugin's routes as msw handlers on `server`: `route(method, pattern)` answers the
 * router's own pattern (under `base`, e.g. `http://backend.test/api/openchoreo`) and records
 * each request, with its path after `pathPrefix`. Anything else is an unhandled request, which
 * `registerMswTestHooks` fails.
 */
export function mswBackend(
  server: Pick<SetupServer, 'use'>,
  options: { base: string; pathPrefix?: string },
) {
  const { base, pathPrefix = '' } = options;
  return function route(
    method: Method,
    pattern: string,
    answer: (received: Received) => Response | JsonBodyType = () => ({}),
  ): Received[] {
    const received: Received[] = [];
    server.use(
      http[method](`${base}${pattern}`, async ({ request, params }) => {
        const url = new URL(request.url);
        const text = await request.text();
        const entry: Received = {
          method: request.method,
          path: url.pathname.startsWith(pathPrefix)
            ? url.pathname.slice(pathPrefix.length)
            : url.pathname,
          search: url.search,
          params: params as Record<string, string>,
          headers: request.headers,
          ...(text ? { body: JSON.parse(text) } : {}),
        };
        received.push(entry);
        const result = answer(entry);
        return result instanceof Response ? result : HttpResponse.json(result);
      }),
    );
    return received;
  };
}
