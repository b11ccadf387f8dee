const CODE_TEXT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

/**
 * Says why a request got no answer, without the host or address it was sent to (those belong in
 * logs, not in messages users see): `no response within 400 ms`, `connection refused
 * (ECONNREFUSED)`. Walks the `cause` chain duck-typed, since errors of Node's fetch may come from
 * another realm (e.g. under Jest).
 */
export function describeNetworkFailure(error: unknown): string {
  const seen = new Set<unknown>();
  let current: unknown = error;
  let innermost = '';
  while (isRecord(current) && !seen.has(current)) {
    seen.add(current);
    const message = typeof current.message === 'string' ? current.message : '';
    const timeout = /no response within \d+ ms/.exec(message);
    if (timeout) {
      return timeout[0];
    }
    if (current.name === 'TimeoutError') {
      return 'no response in time';
    }
    if (
      typeof current.code === 'string' &&
      /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(current.code)
    ) {
      return `${CODE_TEXT[current.code] ?? 'connection failed'} (${
        current.code
      })`;
    }
    innermost = message;
    current = current.cause;
  }
  // E.g. undici's "bad port"; anything naming a host or URL stays out.
  return innermost && !/[/:@]|\d+\.\d+/.test(innermost)
    ? `connection failed: ${innermost}`
    : 'connection failed';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
