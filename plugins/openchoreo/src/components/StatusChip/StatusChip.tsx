import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type {
  WorkflowRunState,
  WorkflowStepPhase,
} from '@openchoreo-ci/plugin-openchoreo-common';

/** A build state or a step phase. */
export type BuildStatus = WorkflowRunState | WorkflowStepPhase;

const useStyles = makeStyles(theme => ({
  chip: { fontWeight: theme.typography.fontWeightMedium as number },
  Succeeded: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  Failed: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  Error: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  Running: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  Pending: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  Skipped: {},
}));

/** The plugin's one status chip, for builds and their steps. */
export function StatusChip(props: { status: BuildStatus; size?: 'small' }) {
  const classes = useStyles();
  return (
    <Chip
      label={props.status}
      size={props.size ?? 'small'}
      className={`${classes.chip} ${classes[props.status] ?? ''}`}
      data-testid="status-chip"
      data-status={props.status}
    />
  );
}

/** True while a build or a step may still change. */
export function isInProgress(status: BuildStatus): boolean {
  return status === 'Pending' || status === 'Running';
}
