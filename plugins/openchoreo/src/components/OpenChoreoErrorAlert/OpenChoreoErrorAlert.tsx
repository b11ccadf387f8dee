import { useState } from 'react';
import Button from '@material-ui/core/Button';
import { Alert, AlertTitle } from '@material-ui/lab';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import {
  isOpenChoreoRequestError,
  isSignInRequired,
  openchoreoAuthApiRef,
} from '../../api';

/**
 * Shows a failed OpenChoreo request the way the user can act on it: a missing or expired
 * OpenChoreo sign-in offers "Sign in again" (then retries), a refusal (403) says what was refused
 * and why, anything else says what failed and offers "Retry".
 */
export function OpenChoreoErrorAlert(props: {
  error: Error;
  /** What the portal tried, following "Could not", e.g. `load the builds`. */
  action: string;
  onRetry?: () => void;
}) {
  const { error, action, onRetry } = props;
  const authApi = useApiHolder().get(openchoreoAuthApiRef);
  const [signingIn, setSigningIn] = useState(false);
  const [signInError, setSignInError] = useState<string>();

  if (isSignInRequired(error)) {
    const signIn = async () => {
      setSigningIn(true);
      setSignInError(undefined);
      try {
        // Opened from the click: the browser allows the identity provider's popup at once.
        await authApi!.getAccessToken(undefined, { instantPopup: true });
        onRetry?.();
      } catch (e) {
        setSignInError(e instanceof Error ? e.message : String(e));
      } finally {
        setSigningIn(false);
      }
    };
    return (
      <Alert
        severity="info"
        action={
          authApi ? (
            <Button
              color="inherit"
              size="small"
              disabled={signingIn}
              onClick={signIn}
            >
              {signingIn ? 'Signing in…' : 'Sign in again'}
            </Button>
          ) : undefined
        }
      >
        <AlertTitle>Sign in with OpenChoreo to {action}</AlertTitle>
        {error.message}
        {signInError ? ` The sign-in did not complete: ${signInError}` : ''}
      </Alert>
    );
  }
  if (isOpenChoreoRequestError(error, 403)) {
    return (
      <Alert severity="warning">
        <AlertTitle>You may not {action}</AlertTitle>
        {error.message}
      </Alert>
    );
  }
  return (
    <Alert
      severity="error"
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        ) : undefined
      }
    >
      Could not {action}: {error.message}
    </Alert>
  );
}
