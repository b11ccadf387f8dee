import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { Alert, AlertTitle } from '@material-ui/lab';
import { Link } from '@backstage/core-components';
import type { ExternalCiRunsResponse } from '@openchoreo-ci/plugin-openchoreo-common';
import { formatRelativeTime, formatTimestamp } from '../../utils/time';
import { unavailableTitle } from './platforms';

type Unavailable = Extract<ExternalCiRunsResponse, { state: 'unavailable' }>;

const SEVERITY = {
  'not-configured': 'info',
  'not-found': 'warning',
  unauthorized: 'error',
  'rate-limited': 'warning',
  forbidden: 'warning',
  unreachable: 'error',
} as const;

/**
 * Why a component's GitHub Actions runs or GitLab CI pipelines cannot be shown, with the
 * backend's message (what happened and what to do); a rate limit also says when it resets.
 */
export function ExternalCiStatePanel(props: {
  response: Unavailable;
  onRetry: () => void;
}) {
  const { response, onRetry } = props;
  const retryable =
    response.reason === 'unreachable' || response.reason === 'rate-limited';
  return (
    <Alert
      severity={SEVERITY[response.reason]}
      data-reason={response.reason}
      action={
        retryable ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>
        {unavailableTitle(response.platform, response.reason)}
      </AlertTitle>
      {response.message}
      {response.resetAt && (
        <Box mt={1}>
          Resets {formatRelativeTime(response.resetAt)} (
          {formatTimestamp(response.resetAt)}).
        </Box>
      )}
      {response.project?.webUrl && (
        <Box mt={1}>
          <Link to={response.project.webUrl}>{response.project.slug}</Link>
        </Box>
      )}
    </Alert>
  );
}
