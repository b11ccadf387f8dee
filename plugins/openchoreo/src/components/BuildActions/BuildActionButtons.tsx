import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  openchoreoWorkflowRunCreateWithOptionsPermission,
  type CancelWorkflowRunResponse,
  type TriggerWorkflowRunResponse,
  type WorkflowRunSummary,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { ComponentRef } from '../../api';
import { useComponentActions } from '../../hooks/useComponentActions';
import { getComponentRef } from '../../utils/entity';
import { isInProgress } from '../StatusChip';
import { BuildWithOptionsDialog } from './BuildWithOptionsDialog';
import { CancelBuildDialog } from './CancelBuildDialog';
import { RerunDialog } from './RerunDialog';

/** Why a build of a deleted workflow cannot be re-run. */
const WORKFLOW_DELETED_RERUN =
  'The workflow of this build no longer exists, so it cannot be re-run. Ask a platform engineer to restore it, or switch the component to an existing workflow and build again.';

/** A button that is disabled, with the reason on hover, when the user may not use it. */
export function GatedButton(props: {
  label: string;
  allowed: boolean;
  loading: boolean;
  reason?: string;
  color?: 'primary' | 'secondary';
  size?: 'small' | 'medium';
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
          disabled={props.loading || !props.allowed}
          onClick={props.onClick}
        >
          {props.label}
        </Button>
      </span>
    </Tooltip>
  );
}

/**
 * "Build with options": allowed like Build now (the portal's policy, then OpenChoreo's
 * authorization, from the component's actions) and behind
 * `openchoreo.workflowrun.createWithOptions`; disabled with the reason when either refuses.
 */
export function BuildWithOptionsButton(props: {
  entity: Entity;
  componentRef: ComponentRef;
  onStarted: (started: TriggerWorkflowRunResponse) => void;
}) {
  const { buildWithOptions: build } = useComponentActions(props.componentRef);
  const permission = usePermission({
    permission: openchoreoWorkflowRunCreateWithOptionsPermission,
    resourceRef: stringifyEntityRef(props.entity),
  });
  const [open, setOpen] = useState(false);
  return (
    <>
      <GatedButton
        label="Build with options"
        allowed={build.allowed && permission.allowed}
        loading={build.loading || permission.loading}
        reason={
          build.allowed
            ? 'You do not have permission to build chosen commits or parameters of this component (openchoreo.workflowrun.createWithOptions).'
            : build.reason
        }
        onClick={() => setOpen(true)}
      />
      {open && (
        <BuildWithOptionsDialog
          open
          componentRef={props.componentRef}
          onClose={() => setOpen(false)}
          onStarted={started => {
            setOpen(false);
            props.onStarted(started);
          }}
        />
      )}
    </>
  );
}

/**
 * What can be done with one build: Re-run once it finished (allowed like Build now), Cancel
 * while it is pending or running (the portal's `openchoreo.workflowrun.cancel`, then OpenChoreo's
 * `workflowrun:delete`, from the component's actions); each disabled with the reason when refused.
 */
export function RunActions(props: {
  entity: Entity;
  run: WorkflowRunSummary;
  onStarted: (started: TriggerWorkflowRunResponse) => void;
  onCancelled: (cancelled: CancelWorkflowRunResponse) => void;
}) {
  const { entity, run } = props;
  const { build, cancel } = useComponentActions(getComponentRef(entity));
  const [dialog, setDialog] = useState<'rerun' | 'cancel'>();
  const running = isInProgress(run.status);
  return (
    <Box display="flex" style={{ gap: 8 }}>
      {running ? (
        <GatedButton
          label="Cancel build"
          color="secondary"
          allowed={cancel.allowed}
          loading={cancel.loading}
          reason={cancel.reason}
          onClick={() => setDialog('cancel')}
        />
      ) : (
        <GatedButton
          label="Re-run"
          allowed={build.allowed && !run.workflowDeleted}
          loading={build.loading}
          reason={run.workflowDeleted ? WORKFLOW_DELETED_RERUN : build.reason}
          onClick={() => setDialog('rerun')}
        />
      )}
      {dialog === 'rerun' && (
        <RerunDialog
          open
          run={run}
          onClose={() => setDialog(undefined)}
          onStarted={started => {
            setDialog(undefined);
            props.onStarted(started);
          }}
        />
      )}
      {dialog === 'cancel' && (
        <CancelBuildDialog
          open
          run={run}
          onClose={() => setDialog(undefined)}
          onCancelled={cancelled => {
            setDialog(undefined);
            props.onCancelled(cancelled);
          }}
        />
      )}
    </Box>
  );
}
