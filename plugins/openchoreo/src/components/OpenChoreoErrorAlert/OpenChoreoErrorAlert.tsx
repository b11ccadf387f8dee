import Button from '@material-ui/core/Button';
import { Alert, AlertTitle } from '@material-ui/lab';
import { isOpenChoreoRequestError, isSignInRequired } from '../../api';
import { useOpenChoreoSignIn } from '../../hooks/useOpenChoreoSignIn';

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
  const signIn = useOpenChoreoSignIn();

  if (isSignInRequired(error)) {
    return (
      <Alert
        severity="info"
        action={
          signIn.available ? (
            <Button
              color="inherit"
              size="small"
              disabled={signIn.signingIn}
              onClick={async () => {
                if (await signIn.signIn()) onRetry?.();
              }}
            >
              {signIn.signingIn ? 'Signing in…' : 'Sign in again'}
            </Button>
          ) : undefined
        }
      >
        <AlertTitle>Sign in with OpenChoreo to {action}</AlertTitle>
        {error.message}
        {signIn.error ? ` The sign-in did not complete: ${signIn.error}` : ''}
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
