import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';

/**
 * A button that is disabled, with the reason on hover, when the user may not use it; `busy`
 * disables it for a cause that is not the user's (e.g. the run is still going), without a reason.
 */
export function GatedButton(props: {
  label: string;
  allowed: boolean;
  loading: boolean;
  reason?: string;
  busy?: boolean;
  color?: 'primary' | 'secondary';
  size?: 'small' | 'medium';
  'aria-label'?: string;
  onClick: () => void;
}) {
  const refused = !props.loading && !props.allowed;
  return (
    <Tooltip title={refused ? props.reason ?? '' : ''}>
      <span>
        <Button
          variant="outlined"
          color={props.color ?? 'primary'}
          size={props.size}
          disabled={props.busy || props.loading || !props.allowed}
          onClick={props.onClick}
          aria-label={props['aria-label']}
        >
          {props.label}
        </Button>
      </span>
    </Tooltip>
  );
}
