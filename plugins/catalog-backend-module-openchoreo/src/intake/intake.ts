/*
 * The HTTP intake of OpenChoreo's event forwarder, POST /api/events/http/openchoreo, served by
 * this package's events-backend module in front of the events backend's generic HTTP ingress
 * (which answers 500 to a missing content type or bad JSON and has no authentication).
 *
 * Order of checks, each answering before anything is done:
 *   401 no or wrong shared secret (OPENCHOREO_EVENTS_SECRET), 415 not application/json (utf-8),
 *   413 body over 16 KiB, 400 bad JSON, nesting deeper than 8, or an event that breaks
 *   OpenChoreo's name rules; 202 accepted.
 * Accepted component events are coalesced (EventCoalescer) and published on the events service
 * topic `openchoreo`, where the catalog provider re-reads the component.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  jsonNestingDepth,
  parseForwardedEvent,
  OpenChoreoForwardedEvent,
} from './forwardedEvent';

/** Largest body the intake reads; the forwarder's events are under 300 bytes. */
export const INTAKE_MAX_BODY_BYTES = 16 * 1024;
/** Deepest JSON nesting the intake parses; the forwarder's events are flat objects. */
export const INTAKE_MAX_JSON_DEPTH = 8;
/** Path of the intake inside the events backend (`/api/events`). */
export const INTAKE_PATH = '/http/openchoreo';

class IntakeError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** The shared secret, compared in constant time (both sides hashed to equal lengths). */
export function secretMatches(
  authorization: string | undefined,
  secret: string,
): boolean {
  if (!authorization) return false;
  let given: string | undefined;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (bearer) {
    given = bearer[1];
  } else if (basic) {
    // OpenChoreo's forwarder sends no headers of its own; Go's HTTP client turns the user info
    // of the endpoint URL (https://openchoreo:<secret>@portal/...) into Basic authentication.
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    given = colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  if (!given) return false;
  const digest = (value: string) =>
    createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(secret));
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (error: Error) => {
      if (done) return;
      done = true;
      // Stop reading; the connection is closed after the answer.
      request.removeAllListeners('data');
      request.resume();
      reject(error);
    };
    request.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        fail(
          new IntakeError(
            413,
            'PayloadTooLarge',
            `The event body is larger than ${limit} bytes`,
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks));
    });
    request.on('error', () =>
      fail(
        new IntakeError(400, 'BadRequest', 'The event body could not be read'),
      ),
    );
  });
}

/** `application/json` with no charset or utf-8; anything else is a 415. */
function checkContentType(header: string | undefined): void {
  const match =
    /^\s*application\/json\s*(?:;\s*charset\s*=\s*"?([^";\s]+)"?\s*)?$/i.exec(
      header ?? '',
    );
  if (!match || (match[1] !== undefined && !/^utf-?8$/i.test(match[1]))) {
    throw new IntakeError(
      415,
      'UnsupportedMediaType',
      'OpenChoreo events must be sent as Content-Type: application/json (utf-8)',
    );
  }
}

async function readEvent(
  request: IncomingMessage,
): Promise<OpenChoreoForwardedEvent> {
  checkContentType(request.headers['content-type']);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > INTAKE_MAX_BODY_BYTES) {
    throw new IntakeError(
      413,
      'PayloadTooLarge',
      `The event body is larger than ${INTAKE_MAX_BODY_BYTES} bytes`,
    );
  }
  const body = await readBody(request, INTAKE_MAX_BODY_BYTES);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new IntakeError(
      400,
      'BadRequest',
      'The event body is not valid UTF-8',
    );
  }
  if (jsonNestingDepth(text) > INTAKE_MAX_JSON_DEPTH) {
    throw new IntakeError(
      400,
      'BadRequest',
      `The event body nests deeper than ${INTAKE_MAX_JSON_DEPTH} levels`,
    );
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    throw new IntakeError(
      400,
      'BadRequest',
      'The event body is not valid JSON',
    );
  }
  const parsed = parseForwardedEvent(payload);
  if ('problem' in parsed) {
    throw new IntakeError(
      400,
      'BadRequest',
      `Refused OpenChoreo event: ${parsed.problem}`,
    );
  }
  return parsed.event;
}

function answer(
  response: ServerResponse,
  status: number,
  body: object,
  close = false,
): void {
  if (response.headersSent) return;
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  if (close) response.setHeader('connection', 'close');
  response.end(JSON.stringify(body));
}

/** Options of {@link createEventsIntakeHandler}. */
export interface EventsIntakeOptions {
  /** The shared secret (`openchoreo.events.secret`); undefined: every post is refused with 401. */
  secret?: string;
  logger: LoggerService;
  /** Called with each accepted event; answers whether it was handed on or coalesced. */
  accept(
    event: OpenChoreoForwardedEvent,
  ): Promise<'accepted' | 'coalesced' | 'ignored'>;
}

/**
 * A request handler (express-compatible) for POST {@link INTAKE_PATH}; every other request is
 * passed on with `next()`. It never answers 5xx for what the caller sent.
 */
export function createEventsIntakeHandler(options: EventsIntakeOptions) {
  const { secret, logger, accept } = options;
  return (
    request: IncomingMessage & { path?: string },
    response: ServerResponse,
    next: (error?: unknown) => void,
  ): void => {
    const path = request.path ?? (request.url ?? '').split('?')[0];
    if (path !== INTAKE_PATH && path !== `${INTAKE_PATH}/`) {
      next();
      return;
    }
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      answer(response, 405, {
        error: { name: 'MethodNotAllowed', message: 'Only POST is accepted' },
      });
      return;
    }
    if (!secret || !secretMatches(request.headers.authorization, secret)) {
      // Nothing of the request is read or logged: it may carry anything.
      answer(
        response,
        401,
        {
          error: {
            name: 'AuthenticationError',
            message:
              'OpenChoreo events must carry the shared secret (OPENCHOREO_EVENTS_SECRET) as Basic or Bearer authorization',
          },
        },
        true,
      );
      request.resume();
      return;
    }
    readEvent(request)
      .then(async event => {
        const status = await accept(event);
        answer(response, 202, { status });
      })
      .catch(error => {
        if (error instanceof IntakeError) {
          answer(
            response,
            error.status,
            { error: { name: error.reason, message: error.message } },
            error.status === 413,
          );
          return;
        }
        // Accepted, but handing it on failed: the next full sync brings the change.
        logger.warn(
          `Could not hand on an OpenChoreo event; the next full sync will bring the change: ${error}`,
        );
        answer(response, 202, { status: 'deferred' });
      });
  };
}
