import { useCallback, useState } from 'react';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { openchoreoAuthApiRef } from '../api';

/**
 * Signs the user in with OpenChoreo's identity provider from a click (the browser allows the
 * popup at once) and returns the new access token. `available` is false when the app has no
 * OpenChoreo sign-in; `error` says why the last attempt did not complete.
 */
export function useOpenChoreoSignIn() {
  const authApi = useApiHolder().get(openchoreoAuthApiRef);
  const [signingIn, setSigningIn] = useState(false);
  const [error, setError] = useState<string>();
  const signIn = useCallback(async (): Promise<string | undefined> => {
    if (!authApi) return undefined;
    setSigningIn(true);
    setError(undefined);
    try {
      return await authApi.getAccessToken(undefined, { instantPopup: true });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return undefined;
    } finally {
      setSigningIn(false);
    }
  }, [authApi]);
  return { available: !!authApi, signIn, signingIn, error };
}
