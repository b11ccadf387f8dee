import { OPENCHOREO_SIGN_IN_REQUIRED } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  isSignInRequired,
  OpenChoreoRequestError,
} from './OpenChoreoRequestError';
import { backendErrorAnswer } from '../__testUtils__/backendAnswer';

describe('OpenChoreoRequestError', () => {
  it("keeps the backend's sign-in-required code, which the UI answers with Sign in again", async () => {
    const error = await OpenChoreoRequestError.fromResponse(
      backendErrorAnswer(401, {
        name: 'AuthenticationError',
        message: 'Sign in again with OpenChoreo.',
        code: OPENCHOREO_SIGN_IN_REQUIRED,
      }),
    );
    expect(error).toMatchObject({
      statusCode: 401,
      code: OPENCHOREO_SIGN_IN_REQUIRED,
      message: 'Sign in again with OpenChoreo.',
    });
    expect(isSignInRequired(error)).toBe(true);
  });

  it('tells a Backstage 401 or a 403 apart from a missing OpenChoreo sign-in', async () => {
    const backstage401 = await OpenChoreoRequestError.fromResponse(
      backendErrorAnswer(401, {
        name: 'AuthenticationError',
        message: 'no token',
      }),
    );
    expect(backstage401.code).toBeUndefined();
    expect(isSignInRequired(backstage401)).toBe(false);
    const refused = await OpenChoreoRequestError.fromResponse(
      backendErrorAnswer(403, {
        name: 'NotAllowedError',
        message: 'OpenChoreo does not allow you to start a build',
      }),
    );
    expect(isSignInRequired(refused)).toBe(false);
    expect(refused.statusCode).toBe(403);
  });

  it("carries Backstage's ResponseError (status, request, the server's error) for ResponseErrorPanel", async () => {
    const read = await OpenChoreoRequestError.fromResponse(
      backendErrorAnswer(409, {
        name: 'ConflictError',
        message: 'already finished',
      }),
    );
    expect(read.responseError).toBe(read.cause);
    expect(read.responseError).toMatchObject({
      name: 'ResponseError',
      body: {
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 409 },
      },
      cause: { name: 'ConflictError', message: 'already finished' },
    });

    const made = new OpenChoreoRequestError('OpenChoreo is unavailable', 502);
    expect(made.responseError).toMatchObject({
      name: 'ResponseError',
      body: {
        error: { name: 'Error', message: 'OpenChoreo is unavailable' },
        response: { statusCode: 502 },
      },
      cause: { name: 'Error', message: 'OpenChoreo is unavailable' },
    });
  });
});
