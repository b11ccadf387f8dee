import { OPENCHOREO_SIGN_IN_REQUIRED } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  isSignInRequired,
  OpenChoreoRequestError,
} from './OpenChoreoRequestError';

const backendAnswer = (status: number, error: Record<string, unknown>) =>
  new Response(
    JSON.stringify({
      error,
      request: { method: 'GET', url: '/x' },
      response: { statusCode: status },
    }),
    { status, headers: { 'Content-Type': 'application/json' } },
  );

describe('OpenChoreoRequestError', () => {
  it("keeps the backend's sign-in-required code, which the UI answers with Sign in again", async () => {
    const error = await OpenChoreoRequestError.fromResponse(
      backendAnswer(401, {
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
      backendAnswer(401, { name: 'AuthenticationError', message: 'no token' }),
    );
    expect(backstage401.code).toBeUndefined();
    expect(isSignInRequired(backstage401)).toBe(false);
    const refused = await OpenChoreoRequestError.fromResponse(
      backendAnswer(403, {
        name: 'NotAllowedError',
        message: 'OpenChoreo does not allow you to start a build',
      }),
    );
    expect(isSignInRequired(refused)).toBe(false);
    expect(refused.statusCode).toBe(403);
  });
});
