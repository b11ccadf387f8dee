import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/** Create an OpenChoreo component (the component creation wizard). */
export const openchoreoComponentCreatePermission = createPermission({
  name: 'openchoreo.component.create',
  attributes: { action: 'create' },
});

/** Start a build (WorkflowRun) of a component. */
export const openchoreoWorkflowRunCreatePermission = createPermission({
  name: 'openchoreo.workflowrun.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Read a component's builds (WorkflowRuns), their logs and events. */
export const openchoreoWorkflowRunReadPermission = createPermission({
  name: 'openchoreo.workflowrun.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Cancel a running build of a component (OpenChoreo stops a build by deleting its run). */
export const openchoreoWorkflowRunCancelPermission = createPermission({
  name: 'openchoreo.workflowrun.cancel',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Start a build of a chosen branch or commit with overridden workflow parameters ("Build with options"). */
export const openchoreoWorkflowRunCreateWithOptionsPermission =
  createPermission({
    name: 'openchoreo.workflowrun.createWithOptions',
    attributes: { action: 'create' },
    resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
  });

/** Replace a component's user-editable annotations. */
export const openchoreoAnnotationsUpdatePermission = createPermission({
  name: 'openchoreo.annotations.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every permission of the OpenChoreo plugins. */
export const openchoreoPermissions = [
  openchoreoComponentCreatePermission,
  openchoreoWorkflowRunCreatePermission,
  openchoreoWorkflowRunReadPermission,
  openchoreoWorkflowRunCancelPermission,
  openchoreoWorkflowRunCreateWithOptionsPermission,
  openchoreoAnnotationsUpdatePermission,
];
