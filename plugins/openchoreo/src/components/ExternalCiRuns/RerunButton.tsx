import {
  isCiRunActive,
  type ExternalCiRun,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { ActionAvailability } from '../../hooks/useComponentActions';
import { GatedButton } from '../BuildActions/GatedButton';
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
  return (
    <GatedButton
      label={props.pending ? 'Re-running…' : 'Re-run'}
      size="small"
      allowed={access.allowed}
      loading={access.loading}
      reason={access.reason}
      busy={props.pending || isCiRunActive(run.status)}
      onClick={() => props.onRerun(run)}
      aria-label={`Re-run ${runTitle(run)}`}
    />
  );
}
