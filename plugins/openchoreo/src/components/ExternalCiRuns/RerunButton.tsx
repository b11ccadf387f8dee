import Button from '@material-ui/core/Button';
import {
  isCiRunActive,
  type ExternalCiRun,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { runTitle } from './platforms';

/** Re-runs a finished run; shown only when the portal's token may re-run. */
export function RerunButton(props: {
  run: ExternalCiRun;
  pending: boolean;
  onRerun: (run: ExternalCiRun) => void;
}) {
  const { run } = props;
  return (
    <Button
      size="small"
      variant="outlined"
      disabled={props.pending || isCiRunActive(run.status)}
      onClick={() => props.onRerun(run)}
      aria-label={`Re-run ${runTitle(run)}`}
    >
      {props.pending ? 'Re-running…' : 'Re-run'}
    </Button>
  );
}
