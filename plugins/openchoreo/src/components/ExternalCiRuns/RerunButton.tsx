import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import {
  isCiRunActive,
  type ExternalCiRun,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { ActionAvailability } from '../../hooks/useComponentActions';
import { runTitle } from './platforms';

/**
 * Re-runs a finished run; shown only when the portal's token may re-run, and disabled with the
 * reason on hover when the user may not (`externalCiBuild` of the component's actions).
 */
export function RerunButton(props: {
  run: ExternalCiRun;
  pending: boolean;
  /** Whether the user may re-run the component's External CI. */
  access: ActionAvailability;
  onRerun: (run: ExternalCiRun) => void;
}) {
  const { run, access } = props;
  const refused = !access.loading && !access.allowed;
  return (
    <Tooltip title={refused ? access.reason ?? '' : ''}>
      <span>
        <Button
          size="small"
          variant="outlined"
          disabled={
            props.pending ||
            isCiRunActive(run.status) ||
            access.loading ||
            !access.allowed
          }
          onClick={() => props.onRerun(run)}
          aria-label={`Re-run ${runTitle(run)}`}
        >
          {props.pending ? 'Re-running…' : 'Re-run'}
        </Button>
      </span>
    </Tooltip>
  );
}
