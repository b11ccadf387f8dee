import type { ErrorRequestHandler, RequestHandler } from 'express';

/** Logs one line per request: method, path (without query), status and duration. */
export function createRequestLogger(
  log: (line: string) => void,
): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const path = req.originalUrl.split('?')[0];
      log(`${req.method} ${path} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    next();
  };
}

/** Answers errors of the interaction routes as OAuth2-style error JSON instead of an HTML page. */
export const oauthErrorHandler: ErrorRequestHandler = (
  error,
  _req,
  res,
  next,
) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const status = Number(error?.statusCode ?? error?.status) || 500;
  res.status(status).json({
    error: error?.error ?? 'server_error',
    error_description:
      error?.error_description ?? error?.message ?? 'unexpected error',
  });
};
