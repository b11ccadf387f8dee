/** An injected upstream answer for requests matching `method` and `path`. */
export interface UpstreamFault {
  method?: string;
  /** Matched against the URL's path, e.g. `/\/components$/`. */
  path: RegExp;
  /** A status and JSON body, or `unreachable`: the connection is refused. */
  respond: { status: number; body: unknown } | 'unreachable';
}

/** What {@link createFaultyFetch} returns: the fetch, and the requests it answered itself. */
export interface FaultyFetch {
  fetch: typeof fetch;
  /** `METHOD /path` of every request a fault answered. */
  faulted: string[];
}

/**
 * A fetch that answers requests matching a fault itself and passes every other request on to
 * the real server (the devstack), so a test can make one upstream call fail the way OpenChoreo
 * or the network would.
 */
export function createFaultyFetch(faults: UpstreamFault[]): FaultyFetch {
  const faulted: string[] = [];
  const faultyFetch = async (
    input: Parameters<typeof fetch>[0],
    init?: RequestInit,
  ): Promise<Response> => {
    const request = new Request(input, init);
    const { pathname } = new URL(request.url);
    const fault = faults.find(
      f => (!f.method || f.method === request.method) && f.path.test(pathname),
    );
    if (!fault) {
      return fetch(request);
    }
    faulted.push(`${request.method} ${pathname}`);
    if (fault.respond === 'unreachable') {
      // What Node's fetch throws for a refused connection.
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 10.9.8.7:8080'), {
          code: 'ECONNREFUSED',
        }),
      });
    }
    return new Response(JSON.stringify(fault.respond.body), {
      status: fault.respond.status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { fetch: faultyFetch as typeof fetch, faulted };
}
