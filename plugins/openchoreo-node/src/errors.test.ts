import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  OpenChoreoApiError,
  OpenChoreoUnavailableError,
} from '@openchoreo-ci/openchoreo-client';
import {
  describeOpenChoreoError,
  isOpenChoreoOperationalError,
  OpenChoreoFailedError,
  redactSecrets,
  toBackstageError,
} from './errors';
import { ClientCredentialsTokenError } from './tokenProvider';

const URL_OF_COMPONENT =
  'http://api.internal:8080/api/v1/namespaces/default/components/api';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl';
const ACTION = 'read component "default/api"';

function apiError(
  status: number,
  code: string,
  message: string,
  details?: Array<{ field?: string; message?: string }>,
) {
  return new OpenChoreoApiError({
    status,
    code,
    message,
    method: 'GET',
    url: URL_OF_COMPONENT,
    details,
  });
}

describe('toBackstageError', () => {
  it.each([
    [
      400,
      'BAD_REQUEST',
      InputError,
      'Could not read component "default/api": invalid label selector',
    ],
    [
      422,
      'UNPROCESSABLE_CONTENT',
      InputError,
      'Could not read component "default/api": invalid label selector',
    ],
    [
      404,
      'NOT_FOUND',
      NotFoundError,
      'Could not read component "default/api": invalid label selector',
    ],
    [
      409,
      'CONFLICT',
      ConflictError,
      'Could not read component "default/api": OpenChoreo reports a conflict (invalid label selector). Reload to see the current state, then try again.',
    ],
    [
      401,
      'INVALID_TOKEN',
      NotAllowedError,
      `The portal's service account is not allowed to read component "default/api": OpenChoreo did not accept its token (401 INVALID_TOKEN: invalid label selector). An administrator must check that OpenChoreo trusts the service account's client (openchoreo.auth.clientId).`,
    ],
    [
      403,
      'FORBIDDEN',
      NotAllowedError,
      `The portal's service account is not allowed to read component "default/api": OpenChoreo refused it (403 FORBIDDEN: invalid label selector). An administrator must grant the service account's client (openchoreo.auth.clientId) this permission in OpenChoreo.`,
    ],
    [
      502,
      'HTTP_502',
      ServiceUnavailableError,
      'Could not read component "default/api": OpenChoreo is unavailable (answered 502: invalid label selector). Try again later.',
    ],
    [
      503,
      'HTTP_503',
      ServiceUnavailableError,
      'Could not read component "default/api": OpenChoreo is unavailable (answered 503: invalid label selector). Try again later.',
    ],
    [
      504,
      'HTTP_504',
      ServiceUnavailableError,
      'Could not read component "default/api": OpenChoreo is unavailable (answered 504: invalid label selector). Try again later.',
    ],
    [
      500,
      'INTERNAL_ERROR',
      OpenChoreoFailedError,
      'Could not read component "default/api": OpenChoreo failed (answered 500 INTERNAL_ERROR: invalid label selector). Try again later; if it keeps failing, an administrator should check OpenChoreo\'s logs.',
    ],
    [
      418,
      'HTTP_418',
      Error,
      'Could not read component "default/api": OpenChoreo answered 418 HTTP_418: invalid label selector',
    ],
  ] as const)(
    'service account, upstream %s → %p',
    (status, code, type, message) => {
      const mapped = toBackstageError(
        apiError(status, code, 'invalid label selector'),
        { action: ACTION },
      );
      expect(mapped).toBeInstanceOf(type);
      expect(mapped.message).toBe(message);
    },
  );

  it('user 401 → AuthenticationError: sign in again', () => {
    const mapped = toBackstageError(
      apiError(401, 'INVALID_TOKEN', 'token expired'),
      { action: ACTION, caller: 'user' },
    );
    expect(mapped).toBeInstanceOf(AuthenticationError);
    expect(mapped.message).toBe(
      'Could not read component "default/api": OpenChoreo did not accept your sign-in (401 INVALID_TOKEN: token expired). Sign in again.',
    );
  });

  it('user 403 → NotAllowedError saying what OpenChoreo does not allow', () => {
    const mapped = toBackstageError(
      apiError(403, 'FORBIDDEN', 'missing action component:view'),
      { action: ACTION, caller: 'user' },
    );
    expect(mapped).toBeInstanceOf(NotAllowedError);
    expect(mapped.message).toBe(
      'OpenChoreo does not allow you to read component "default/api" (403 FORBIDDEN: missing action component:view). Ask a platform engineer for access.',
    );
  });

  it('upstream 500 and other server errors → OpenChoreoFailedError answered as 502', () => {
    for (const status of [500, 501, 507]) {
      const mapped = toBackstageError(apiError(status, 'X', 'boom'), {
        action: ACTION,
      });
      expect(mapped).toBeInstanceOf(OpenChoreoFailedError);
      expect(mapped.name).toBe('OpenChoreoFailedError');
      expect((mapped as OpenChoreoFailedError).statusCode).toBe(502);
    }
  });

  it('names invalid fields', () => {
    const mapped = toBackstageError(
      apiError(422, 'UNPROCESSABLE_CONTENT', 'Component is invalid', [
        { field: 'metadata.name', message: 'too long' },
        { message: 'no project' },
      ]),
      { action: 'create component "default/api"' },
    );
    expect(mapped.message).toBe(
      'Could not create component "default/api": Component is invalid (metadata.name: too long; no project)',
    );
  });

  it('never carries a token or the API address', () => {
    for (const status of [400, 401, 403, 404, 409, 500, 503]) {
      for (const caller of ['service-account', 'user'] as const) {
        const { message } = toBackstageError(
          apiError(status, 'X', `rejected Bearer abc.def and ${JWT}`, [
            { field: 'token', message: JWT },
          ]),
          { action: ACTION, caller },
        );
        expect(message).not.toContain(JWT);
        expect(message).not.toContain('abc.def');
        expect(message).not.toContain('api.internal');
      }
    }
  });

  it('a request without an answer → ServiceUnavailableError with the cause, not the address', () => {
    const timeout = new OpenChoreoUnavailableError({
      reason: 'timeout',
      method: 'GET',
      url: URL_OF_COMPONENT,
      timeoutMs: 400,
      cause: new DOMException('aborted', 'AbortError'),
    });
    const refused = new OpenChoreoUnavailableError({
      reason: 'network',
      method: 'GET',
      url: URL_OF_COMPONENT,
      timeoutMs: 400,
      cause: new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:8080'), {
          code: 'ECONNREFUSED',
        }),
      }),
    });
    const timedOut = toBackstageError(timeout, { action: ACTION });
    expect(timedOut).toBeInstanceOf(ServiceUnavailableError);
    expect(timedOut.message).toBe(
      'Could not read component "default/api": OpenChoreo is unavailable (no response within 400 ms). Try again later; if this persists, an administrator should check openchoreo.baseUrl.',
    );
    const notConnected = toBackstageError(refused, { action: ACTION });
    expect(notConnected.message).toContain(
      'OpenChoreo is unavailable (connection refused (ECONNREFUSED))',
    );
    expect(notConnected.message).not.toContain('10.0.0.7');
    expect(notConnected.message).not.toContain('api.internal');
  });

  it('service-account token refused by the identity provider → NotAllowedError naming the settings', () => {
    const mapped = toBackstageError(
      new ClientCredentialsTokenError({
        reason: 'rejected',
        status: 401,
        tokenUrl: 'http://idp.internal/oauth2/token',
        message: 'The identity provider refused ... http://idp.internal',
        detail: 'HTTP 401 invalid_client: client authentication failed',
      }),
      { action: ACTION },
    );
    expect(mapped).toBeInstanceOf(NotAllowedError);
    expect(mapped.message).toBe(
      `The portal's service account is not allowed to read component "default/api": the identity provider refused its credentials (HTTP 401 invalid_client: client authentication failed). An administrator must check openchoreo.auth.clientId and openchoreo.auth.clientSecret.`,
    );
  });

  it('identity provider unavailable → ServiceUnavailableError naming the setting, not the URL', () => {
    const mapped = toBackstageError(
      new ClientCredentialsTokenError({
        reason: 'unavailable',
        tokenUrl: 'http://idp.internal/oauth2/token',
        message: 'Could not get a token at http://idp.internal/oauth2/token',
        detail: 'no response within 10000 ms',
      }),
      { action: ACTION },
    );
    expect(mapped).toBeInstanceOf(ServiceUnavailableError);
    expect(mapped.message).toBe(
      `Could not read component "default/api": the identity provider that issues the portal's OpenChoreo tokens is unavailable (no response within 10000 ms). Try again later; if this persists, an administrator should check openchoreo.auth.tokenUrl.`,
    );
  });

  it('returns other errors as they are', () => {
    const own = new InputError('Invalid External CI identifier');
    expect(toBackstageError(own, { action: ACTION })).toBe(own);
    expect(toBackstageError('boom', { action: ACTION }).message).toBe('boom');
  });
});

describe('describeOpenChoreoError', () => {
  it('adds the failed request for the log, still without tokens', () => {
    expect(
      describeOpenChoreoError(apiError(503, 'HTTP_503', `down ${JWT}`), {
        action: ACTION,
      }),
    ).toBe(
      `Could not read component "default/api": OpenChoreo is unavailable (answered 503: down [redacted token]). Try again later. [GET ${URL_OF_COMPONENT} answered 503 HTTP_503]`,
    );
    expect(
      describeOpenChoreoError(
        new ClientCredentialsTokenError({
          reason: 'unavailable',
          tokenUrl: 'http://idp.internal/oauth2/token',
          message: 'x',
          detail: 'connection refused (ECONNREFUSED)',
        }),
        { action: ACTION },
      ),
    ).toMatch(/\[token endpoint http:\/\/idp\.internal\/oauth2\/token\]$/);
  });

  it('describes other errors with their name', () => {
    expect(
      describeOpenChoreoError(new TypeError(`bad ${JWT}`), { action: ACTION }),
    ).toBe('TypeError: bad [redacted token]');
  });
});

describe('isOpenChoreoOperationalError', () => {
  it('is true for outages and refusals of the service account only', () => {
    expect(isOpenChoreoOperationalError(apiError(503, 'X', 'x'))).toBe(true);
    expect(isOpenChoreoOperationalError(apiError(500, 'X', 'x'))).toBe(true);
    expect(isOpenChoreoOperationalError(apiError(403, 'X', 'x'))).toBe(true);
    expect(isOpenChoreoOperationalError(apiError(403, 'X', 'x'), 'user')).toBe(
      false,
    );
    expect(isOpenChoreoOperationalError(apiError(401, 'X', 'x'), 'user')).toBe(
      false,
    );
    for (const status of [400, 404, 409, 422]) {
      expect(isOpenChoreoOperationalError(apiError(status, 'X', 'x'))).toBe(
        false,
      );
    }
    expect(isOpenChoreoOperationalError(new InputError('x'))).toBe(false);
  });
});

describe('redactSecrets', () => {
  it('cuts JWTs and bearer credentials', () => {
    expect(redactSecrets(`Authorization: Bearer opaque-123, jwt ${JWT}`)).toBe(
      'Authorization: Bearer [redacted], jwt [redacted token]',
    );
  });
});
