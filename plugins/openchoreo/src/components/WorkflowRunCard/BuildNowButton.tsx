import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import { openchoreoWorkflowRunCreatePermission } from '@openchoreo-ci/plugin-openchoreo-common';

/** "Build now", disabled with the reason when the user may not start builds. */
export function BuildNowButton(props: {
  entity: Entity;
  starting: boolean;
  onClick: () => void;
}) {
  const { allowed, loading } = usePermission({
    permission: openchoreoWorkflowRunCreatePermission,
    resourceRef: stringifyEntityRef(props.entity),
  });
  const reason =
    !loading && !allowed
      ? 'You do not have permission to start builds of this component (openchoreo.workflowrun.create).'
      : '';
  return (
    <Tooltip title={reason}>
      <span>
        <Button
          variant="contained"
          color="primary"
          disabled={loading || !allowed || props.starting}
          onClick={props.onClick}
        >
          {props.starting ? 'Starting…' : 'Build now'}
        </Button>
      </span>
    </Tooltip>
  );
}
