import { timingSafeEqual } from 'node:crypto';
import { RequestHandler } from 'express';

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Requires HTTP Basic auth with the user's API token, answering 401 like Jenkins otherwise. */
export function requireApiToken(
  username: string,
  apiToken: string,
): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Basic\s+(.+)$/i.exec(header);
    const decoded = match
      ? Buffer.from(match[1], 'base64').toString('utf8')
      : '';
    const separator = decoded.indexOf(':');
    const user = decoded.slice(0, separator);
    const password = decoded.slice(separator + 1);
    if (separator > 0 && same(user, username) && same(password, apiToken)) {
      res.setHeader('X-You-Are-Authenticated-As', username);
      next();
      return;
    }
    res
      .status(401)
      .setHeader('WWW-Authenticate', 'Basic realm="Jenkins"')
      .type('text/html')
      .send(
        match
          ? `<html><body><h2>HTTP ERROR 401 Invalid password/token for user: ${
              user || 'anonymous'
            }</h2></body></html>`
          : '<html><body><h2>HTTP ERROR 401 Authentication required</h2></body></html>',
      );
  };
}
