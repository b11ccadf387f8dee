/*
 * Request and response types of the routes of the OpenChoreo backend plugin
 * (`/api/openchoreo/...`), shared with the frontend. Isomorphic: types only.
 */
import type { ExternalCiPlatform } from './annotations';
import type { WorkflowRunTriggerKind } from './workflowRuns';
import type { WorkloadProvenance } from './provenance';
import type { RunAction, RunDisplayState } from './runConditions';

/** Overall state of a build; `Error` is OpenChoreo's for a build the workflow plane could not run. */
export type WorkflowRunState =
  | 'Pending'
  | 'Running'
  | 'Succeeded'
  | 'Failed'
  | 'Error';

/** State of one step of a build. */
export type WorkflowStepPhase =
  | 'Pending'
  | 'Running'
  | 'Succeeded'
  | 'Failed'
  | 'Skipped'
  | 'Error';

/** Reference to a (cluster) workflow. */
export interface WorkflowRef {
  kind: 'Workflow' | 'ClusterWorkflow';
  name: string;
}

/** Who or what started a build. */
export interface WorkflowRunTrigger {
  kind: WorkflowRunTriggerKind;
  /** The Backstage user who started it through the portal, e.g. `user:default/jane`. */
  user?: string;
  /** For a re-run: the run it repeats. */
  rerunOf?: string;
}

/** One build of a component, summarised. */
export interface WorkflowRunSummary {
  name: string;
  namespace: string;
  project?: string;
  component?: string;
  workflow?: WorkflowRef;
  status: WorkflowRunState;
  /** Message of the deciding condition, e.g. `Step build-image failed`. */
  message?: string;
  /** Reason of the deciding condition, e.g. `ComponentValidationFailed`. */
  reason?: string;
  createdAt?: string;
  startedAt?: string;
  completedAt?: string;
  /** The image the build produced (from the run's `openchoreo.dev/workload` annotation). */
  image?: string;
  /** The commit built: the one the run asked for, else the one its image is tagged with. */
  commit?: string;
  /** True when {@link WorkflowRunSummary.commit} is the one the run asked for (not read from the image). */
  commitPinned?: boolean;
  /** The page of the commit in its repository, when the host is known. */
  commitUrl?: string;
  branch?: string;
  repositoryUrl?: string;
  /** Who or what started it (always set by the backend). */
  trigger?: WorkflowRunTrigger;
  /** The run's `ttlAfterCompletion`, e.g. `7d`: OpenChoreo deletes it that long after it completes. */
  ttlAfterCompletion?: string;
  /** For a failed build: what happened and what to do (set when it failed before any step ran). */
  failure?: { title: string; action: string; beforeStart: boolean };
  /**
   * The state the portal shows (always set by the backend): finer than `status`, e.g.
   * `NotStarted` when the controller cannot start the build (then `message` is the controller's).
   */
  displayState?: RunDisplayState;
  /** What to do about the build's state, and who can (set when there is something to do). */
  action?: RunAction;
  /** True when the build's workflow no longer exists: it stays listed but cannot be re-run. */
  workflowDeleted?: boolean;
}

/** One step of a build. */
export interface WorkflowRunStep {
  name: string;
  phase: WorkflowStepPhase;
  startedAt?: string;
  finishedAt?: string;
  message?: string;
}

/**
 * Whether a build's logs and events can be read: live, not yet, gone with its pods, or read
 * from the observability plane's archive (the Observer) after the pods were collected.
 */
export type WorkflowRunLogsAvailability =
  | 'live'
  | 'not-started'
  | 'expired'
  | 'archived';

/** `GET /workflow-runs/:namespace/:run`: a build with its steps. */
export interface WorkflowRunDetails extends WorkflowRunSummary {
  steps: WorkflowRunStep[];
  /** The workflow parameters the run was started with (what a re-run repeats). */
  parameters?: Record<string, unknown>;
  /** Whether its logs can be read (always set by the backend). */
  logs?: WorkflowRunLogsAvailability;
}

/** `GET /components/:namespace/:component/workflow-runs?limit&cursor`: one page, newest first. */
export interface WorkflowRunPage {
  items: WorkflowRunSummary[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
}

/** One log line of `GET /workflow-runs/:namespace/:run/logs?task&sinceSeconds&fromLine`. */
export interface WorkflowRunLogLine {
  timestamp?: string;
  log: string;
}

/** `GET /workflow-runs/:namespace/:run/logs`. */
export interface WorkflowRunLogsResponse {
  items: WorkflowRunLogLine[];
  /** The number of lines of the step so far; pass it as `fromLine` to get only newer lines. */
  nextLine?: number;
  /** Whether the logs can be read (always set by the backend). */
  availability?: WorkflowRunLogsAvailability;
  /** Why there are no lines, in words (not started yet, expired). */
  message?: string;
}

/** One Kubernetes event of a build. */
export interface WorkflowRunEvent {
  timestamp: string;
  type: string;
  reason: string;
  message: string;
}

/** `GET /workflow-runs/:namespace/:run/events?task`. */
export interface WorkflowRunEventsResponse {
  items: WorkflowRunEvent[];
  /** Whether the events can be read (always set by the backend). */
  availability?: WorkflowRunLogsAvailability;
  /** Why there are none, in words (not started yet, expired). */
  message?: string;
}

/** How a component is built: by an OpenChoreo workflow or by an External CI. */
export type ComponentCi =
  | { type: 'built-in'; workflow: WorkflowRef }
  | {
      type: 'external';
      /** The platform named by the component's annotations, if any. */
      platform?: ExternalCiPlatform;
    };

/** The parts of an OpenChoreo component the portal shows. */
export interface ComponentInfo {
  namespace: string;
  name: string;
  project: string;
  /** Catalog entity ref of the component, `component:<namespace>/<name>`. */
  entityRef: string;
  componentType: {
    kind: 'ComponentType' | 'ClusterComponentType';
    name: string;
  };
  ci: ComponentCi;
  /** The `Ready` condition, when the controller reported one. */
  ready?: { status: string; reason?: string; message?: string };
}

/** An environment variable or file of a workload: its name and where its value comes from, never the value. */
export interface WorkloadConfigEntry {
  name: string;
  source: 'value' | 'secret';
  /** Files only. */
  mountPath?: string;
}

/** One endpoint of a workload. */
export interface WorkloadEndpointInfo {
  name: string;
  type: string;
  port: number;
  targetPort?: number;
  basePath?: string;
  visibility?: string[];
}

/** `GET /components/:namespace/:component/workload`: the component's workload, without any values. */
export interface WorkloadInfo {
  name: string;
  image?: string;
  endpoints: WorkloadEndpointInfo[];
  env: WorkloadConfigEntry[];
  files: WorkloadConfigEntry[];
  /**
   * Where the workload came from: the CI run the publisher recorded in the workload's
   * `ci.openchoreo-ci.dev/*` annotations (absent when nothing was recorded).
   */
  provenance?: WorkloadProvenance;
  /** Endpoints of other components this one connects to. */
  connections: Array<{
    project?: string;
    component: string;
    endpoint: string;
  }>;
}

/** `GET /components/:namespace/:component/summary`: everything a component card needs in one call. */
export interface ComponentSummary {
  component: ComponentInfo;
  /** `null` when the component has no workload yet (e.g. never built). */
  workload: WorkloadInfo | null;
  /** Newest first, at most 5. */
  latestRuns: WorkflowRunSummary[];
}

/**
 * `POST /components/:namespace/:component/workflow-runs` (send `Idempotency-Key` to make retries
 * safe). An empty body builds the component as configured ("Build now"); options ("Build with
 * options", permission `openchoreo.workflowrun.createWithOptions`) apply to this one run.
 */
export interface TriggerWorkflowRunRequest {
  /** Build this commit (7 to 40 hex digits) instead of the branch's latest. */
  commit?: string;
  /** Build this branch instead of the component's. */
  branch?: string;
  /** Workflow parameters for this run; they replace the component's (validated against the schema). */
  parameters?: Record<string, unknown>;
}

/** `GET /components/:namespace/:component/build-options`: what "Build with options" starts from. */
export interface BuildOptionsResponse {
  workflow: WorkflowRef;
  /** The workflow's parameter schema (`openAPIV3Schema`). */
  schema: Record<string, unknown>;
  /** The component's current workflow parameters. */
  parameters: Record<string, unknown>;
  /** Where the repository values are in the parameters, e.g. `{ commit: ['repository', 'revision', 'commit'] }`. */
  repositoryPaths: Partial<
    Record<'url' | 'branch' | 'commit' | 'app-path', string[]>
  >;
  /** The workflow's `ttlAfterCompletion`, if any. */
  ttlAfterCompletion?: string;
}

/** `DELETE /workflow-runs/:namespace/:run`: the cancelled build as it was just before. */
export interface CancelWorkflowRunResponse {
  run: WorkflowRunSummary;
  message: string;
}

/** Response of the trigger route (201). `replayed` is true when the `Idempotency-Key` was seen before. */
export interface TriggerWorkflowRunResponse {
  run: WorkflowRunSummary;
  replayed: boolean;
  /** Something the user should know about the build started, e.g. that a re-run could not pin the commit. */
  notice?: string;
}

/** `GET /components/:namespace/:component/annotations`. */
export interface ComponentAnnotationsResponse {
  /** The annotations users may edit. */
  annotations: Record<string, string>;
  /** Platform-owned annotations (reserved prefixes), read-only. */
  reserved: Record<string, string>;
}

/** `PUT /components/:namespace/:component/annotations`. */
export interface UpdateComponentAnnotationsRequest {
  /** The user-editable annotations the client last saw; a mismatch with the component is a 409. */
  expected: Record<string, string>;
  /** The new user-editable annotations (replaces all of them). */
  annotations: Record<string, string>;
}

/** A namespace, project, component type or workflow offered by the creation wizard. */
export interface NamedResource {
  name: string;
  displayName?: string;
  description?: string;
}

/** `GET /namespaces`, `GET /namespaces/:ns/projects`. */
export interface NamedResourceList {
  items: NamedResource[];
}

/** A (cluster) component type offered by the creation wizard. */
export interface ComponentTypeInfo extends NamedResource {
  kind: 'ComponentType' | 'ClusterComponentType';
  workloadType?: string;
  /** The value of a component's `spec.componentType.name`: `<workloadType>/<name>`. */
  componentTypeName: string;
  allowedWorkflows: WorkflowRef[];
}

/** `GET /namespaces/:ns/component-types` (namespaced and cluster-scoped). */
export interface ComponentTypeList {
  items: ComponentTypeInfo[];
}

/** A component workflow offered by the creation wizard. */
export interface WorkflowInfo extends NamedResource {
  kind: 'Workflow' | 'ClusterWorkflow';
}

/** `GET /component-types/:kind/:name/workflows?namespace=`: allowed component workflows. */
export interface WorkflowInfoList {
  items: WorkflowInfo[];
  /** Set when the portal offers no built-in CI workflow at all, and why (built-in CI turned off). */
  disabledReason?: string;
}

/** `GET /workflows/:kind/:name/schema?namespace=`: the workflow's parameter schema as OpenChoreo returns it. */
export type WorkflowSchemaResponse = Record<string, unknown>;

/** One External CI integration of this portal. */
export interface CiIntegration {
  platform: ExternalCiPlatform;
  /** True when the portal has usable settings for it (never exposes the credentials). */
  configured: boolean;
  /** The server's URL, when configured. */
  baseUrl?: string;
  /** Why it is not configured, for the UI. */
  reason?: string;
}

/** `GET /ci-integrations`. */
export interface CiIntegrationsResponse {
  integrations: CiIntegration[];
}
