export { WorkflowRunSimulator } from './WorkflowRunSimulator';
export {
  CONTROLLER_CONDITION_ANNOTATION,
  CONTROLLER_CONDITIONS,
  NOT_STARTED_RETRY_MS,
  FAIL_AT_TASK_ANNOTATION,
  PICKUP_DELAY_MS,
  POD_RETENTION_MS,
  VALIDATION_DELAY_MS,
  WORKLOAD_ANNOTATION,
  WORKLOAD_FROM_SOURCE_ANNOTATION,
} from './WorkflowRunSimulator';
export type {
  SimulationLogger,
  WorkflowRunSimulatorOptions,
} from './WorkflowRunSimulator';
export {
  DeploymentSimulator,
  FAIL_DEPLOYMENT_ANNOTATION,
  RECONCILE_DELAY_MS,
  ROLLOUT_DURATION_MS,
  STALL_DEPLOYMENT_ANNOTATION,
} from './DeploymentSimulator';
export type { DeploymentSimulatorOptions } from './DeploymentSimulator';
export { planAutoDeploy, rootEnvironment } from './autoDeploy';
export type { AutoDeployBlocked, AutoDeployPlan } from './autoDeploy';
export { createScaledClock, ManualClock } from './clock';
export type { Clock, ClockTimer } from './clock';
export { parseDuration } from './duration';
export { BUILD_TASKS, TASK_DURATION_MS } from './tasks';
export type { BuildTaskName } from './tasks';
export { buildWorkload, publishWorkload } from './publishWorkload';
export type {
  PublishDestination,
  PublishResult,
  WorkloadPublisherTarget,
} from './publishWorkload';
export { validateRun, COMPONENT_LABEL, PROJECT_LABEL } from './validateRun';
export type { AcceptedRun, RejectedRun } from './validateRun';
export { DEFAULT_REGISTRY, resolveBuildContext } from './runContext';
export type { BuildContext } from './runContext';
export type { RunEvent, RunLogLine, RunObservability } from './types';
export {
  DEFAULT_WORKFLOW_PLANE,
  ensureDefaultWorkflowPlane,
  resolveWorkflowPlane,
  workflowPlane,
  WORKFLOW_PLANE_NOT_FOUND_MESSAGE,
} from './workflowPlanes';
export type { WorkflowPlaneKind, WorkflowPlaneProblem } from './workflowPlanes';
export { WORKFLOW_NOT_FOUND_MESSAGE } from './validateRun';
