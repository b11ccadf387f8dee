import { SessionState } from '@backstage/frontend-plugin-api';
import {
  createUserTokenSource,
  type OpenChoreoAuthApi,
} from './OpenChoreoAuthApi';

function fakeAuthApi(tokens: Array<string | Error>) {
  let listener: ((state: SessionState) => void) | undefined;
  const getAccessToken = jest.fn(async () => {
    const next = tokens.shift() ?? '';
    if (next instanceof Error) throw next;
    return next;
  });
  const api = {
    getAccessToken,
    sessionState$: () => ({
      subscribe: (fn: (state: SessionState) => void) => {
        listener = fn;
        return { unsubscribe() {}, closed: false };
      },
    }),
  } as unknown as OpenChoreoAuthApi;
  return {
    api,
    getAccessToken,
    signIn: () => listener?.(SessionState.SignedIn),
  };
}

describe('createUserTokenSource', () => {
  afterEach(() => jest.useRealTimers());

  it('asks for the token without a popup and returns it', async () => {
    const auth = fakeAuthApi(['user-token']);
    await expect(createUserTokenSource(auth.api)()).resolves.toBe('user-token');
    expect(auth.getAccessToken).toHaveBeenCalledWith(undefined, {
      optional: true,
    });
  });

  it('without an OpenChoreo session (a guest), stops asking for a while, and again once signed in', async () => {
    jest.useFakeTimers();
    const auth = fakeAuthApi(['', new Error('refresh failed'), 'fresh-token']);
    const token = createUserTokenSource(auth.api);
    await expect(token()).resolves.toBeUndefined();
    await expect(token()).resolves.toBeUndefined();
    expect(auth.getAccessToken).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(31_000);
    await expect(token()).resolves.toBeUndefined();
    expect(auth.getAccessToken).toHaveBeenCalledTimes(2);
    auth.signIn();
    await expect(token()).resolves.toBe('fresh-token');
  });
});
