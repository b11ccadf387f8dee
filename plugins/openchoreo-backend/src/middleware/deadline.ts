import type { LoggerService } from '@backstage/backend-plugin-api';
import { CustomErrorBase, serializeError } from '@backstage/errors';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { runInRequestScope } from '../service/requestDeadline';

/** A request ran out of its overall time (`openchoreo.requestDeadlineMs`): answered as 504. */
export class DeadlineExceededError extends CustomErrorBase {
  override name = 'DeadlineExceededError' as const;
  /** The HTTP status Backstage's error handler answers with. */
  readonly statusCode = 504;
}

/** The message of the 504 answered when `deadlineMs` passed. */
export function deadlineMessage(deadlineMs: number): string {
  const seconds = Math.round(deadlineMs / 100) / 10;
  return (
    `OpenChoreo did not answer in time: the portal stopped waiting after ${seconds} s ` +
    `(openchoreo.requestDeadlineMs). If this request changed something, simply repeat it: a ` +
    `repeat either applies the change or confirms that it was already applied.`
  );
}

const ANSWERED = 'openchoreoDeadlineAnswered';

/**
 * Gives every request one overall deadline: when it passes, the request's scope aborts (no
 * OpenChoreo request starts afterwards, reads in flight are cancelled, lock waits end) and the
 * client gets a 504 with a message at once, whatever the handler is still waiting for.
 */
export function createDeadlineMiddleware(options: {
  deadlineMs: number;
  logger: LoggerService;
}): RequestHandler {
  const { deadlineMs, logger } = options;
  return (req, res, next) => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const error = new DeadlineExceededError(deadlineMessage(deadlineMs));
      controller.abort(error);
      if (res.headersSent || res.destroyed) {
        return;
      }
      res.locals[ANSWERED] = true;
      logger.warn(
        `${req.method} ${req.originalUrl} answered 504: no result within ${deadlineMs} ms (openchoreo.requestDeadlineMs)`,
      );
      res.status(504).json({
        error: serializeError(error),
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: 504 },
      });
    }, deadlineMs);
    timer.unref();
    // A client that hangs up does not stop the clock: the work still ends at the deadline.
    res.once('finish', () => clearTimeout(timer));
    runInRequestScope(
      { signal: controller.signal, expiresAt: Date.now() + deadlineMs },
      () => next(),
    );
  };
}

/**
 * Drops what a handler reports after its request was answered with the 504 (its late result or
 * the failure of writing to a finished response); everything else goes on to the error handler.
 */
export function createAfterDeadlineHandler(
  logger: LoggerService,
): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.locals[ANSWERED]) {
      logger.debug(
        `${req.method} ${req.originalUrl} finished after its 504: ${String(
          error,
        )}`,
      );
      return;
    }
    next(error);
  };
}
