import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import type { Entity } from '@backstage/catalog-model';
import { useComponentActions } from '../../hooks/useComponentActions';
import { getComponentRef } from '../../utils/entity';

/**
 * "Build now", disabled with the reason shown beside it when the user may not start builds of
 * the component: the portal's permission policy or OpenChoreo's authorization refuses it, or the
 * OpenChoreo sign-in is missing.
 */
export function BuildNowButton(props: {
  entity: Entity;
  starting: boolean;
  onClick: () => void;
}) {
  const { build } = useComponentActions(getComponentRef(props.entity));
  return (
    <Box display="inline-flex" flexDirection="column" alignItems="flex-start">
      <Button
        variant="contained"
        color="primary"
        disabled={build.loading || !build.allowed || props.starting}
        onClick={props.onClick}
        aria-describedby={build.reason ? 'build-now-refused' : undefined}
      >
        {props.starting ? 'Starting…' : 'Build now'}
      </Button>
      {build.reason && (
        <Typography
          id="build-now-refused"
          variant="caption"
          color="textSecondary"
          style={{ maxWidth: 360 }}
        >
          {build.reason}
        </Typography>
      )}
    </Box>
  );
}
