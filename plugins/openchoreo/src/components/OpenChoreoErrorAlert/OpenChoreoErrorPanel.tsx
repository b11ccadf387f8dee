import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { ResponseErrorPanel } from '@backstage/core-components';
import {
  isOpenChoreoRequestError,
  isSignInRequired,
  OpenChoreoRequestError,
} from '../../api';
import { OpenChoreoErrorAlert } from './OpenChoreoErrorAlert';

/**
 * A failed OpenChoreo request in the build views: Backstage's `ResponseErrorPanel` titled with
 * what failed and the backend's message (the response status, request and server error in its
 * details), with "Retry" when given. A missing sign-in ("Sign in again") and a refusal (what was
 * refused and why) stay the {@link OpenChoreoErrorAlert} the user acts on.
 */
export function OpenChoreoErrorPanel(props: {
  error: Error;
  /** What the portal tried, following "Could not", e.g. `load the builds`. */
  action: string;
  onRetry?: () => void;
}) {
  const { error, action, onRetry } = props;
  if (isSignInRequired(error) || isOpenChoreoRequestError(error, 403)) {
    return <OpenChoreoErrorAlert {...props} />;
  }
  return (
    <Box>
      <ResponseErrorPanel
        title={`Could not ${action}: ${error.message}`}
        error={
          error instanceof OpenChoreoRequestError ? error.responseError : error
        }
      />
      {onRetry && (
        <Box mt={1} display="flex" justifyContent="flex-end">
          <Button variant="outlined" size="small" onClick={onRetry}>
            Retry
          </Button>
        </Box>
      )}
    </Box>
  );
}
