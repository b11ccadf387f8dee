/*
 * Friendly names for the generated OpenChoreo schemas. Every type here is an alias of
 * `src/generated/openchoreo-api.ts`, so regenerating from a new spec updates them all.
 */
import type { components, operations } from './generated/openchoreo-api';

type Schemas = components['schemas'];
type QueryOf<Op extends keyof operations> = NonNullable<
  operations[Op]['parameters']['query']
>;

/** Kubernetes-style object metadata (name, namespace, labels, annotations, ...). @public */
export type ObjectMeta = Schemas['ObjectMeta'];
/** A Kubernetes-style status condition. @public */
export type Condition = Schemas['Condition'];
/** Pagination block of every list response; `nextCursor` is absent on the last page. @public */
export type Pagination = Schemas['Pagination'];
/** Body of a JSON error returned by an OpenChoreo API handler. @public */
export type ErrorResponse = Schemas['ErrorResponse'];

/** An OpenChoreo control-plane namespace. @public */
export type Namespace = Schemas['Namespace'];
/** One page of namespaces. @public */
export type NamespaceList = Schemas['NamespaceList'];

/** An OpenChoreo project. @public */
export type Project = Schemas['Project'];
/** One page of projects. @public */
export type ProjectList = Schemas['ProjectList'];

/** An OpenChoreo component. @public */
export type Component = Schemas['Component'];
/** Desired state of a component (owner, componentType, workflow, ...). @public */
export type ComponentSpec = Schemas['ComponentSpec'];
/** One page of components. @public */
export type ComponentList = Schemas['ComponentList'];

/** A workload: the container, endpoints and dependencies of a component. @public */
export type Workload = Schemas['Workload'];
/** Desired state of a workload. @public */
export type WorkloadSpec = Schemas['WorkloadSpec'];
/** The single container of a workload. @public */
export type WorkloadContainer = Schemas['WorkloadContainer'];
/** One endpoint exposed by a workload. @public */
export type WorkloadEndpoint = Schemas['WorkloadEndpoint'];
/** One page of workloads. @public */
export type WorkloadList = Schemas['WorkloadList'];

/** A namespaced component type. @public */
export type ComponentType = Schemas['ComponentType'];
/** One page of namespaced component types. @public */
export type ComponentTypeList = Schemas['ComponentTypeList'];
/** A cluster-scoped component type. @public */
export type ClusterComponentType = Schemas['ClusterComponentType'];
/** One page of cluster-scoped component types. @public */
export type ClusterComponentTypeList = Schemas['ClusterComponentTypeList'];

/** A namespaced workflow. @public */
export type Workflow = Schemas['Workflow'];
/** One page of namespaced workflows. @public */
export type WorkflowList = Schemas['WorkflowList'];
/** A cluster-scoped workflow. @public */
export type ClusterWorkflow = Schemas['ClusterWorkflow'];
/** One page of cluster-scoped workflows. @public */
export type ClusterWorkflowList = Schemas['ClusterWorkflowList'];

/** Parameter schema of a (cluster) component type or workflow, as returned by `/schema`. @public */
export type ParameterSchema = Schemas['SchemaResponse'];

/** A workflow run (one build). @public */
export type WorkflowRun = Schemas['WorkflowRun'];
/** Desired state of a workflow run (the referenced workflow and its parameters). @public */
export type WorkflowRunSpec = Schemas['WorkflowRunSpec'];
/** Observed state stored on the WorkflowRun resource (conditions, tasks, timestamps). @public */
export type WorkflowRunStatus = Schemas['WorkflowRunStatus'];
/** Summary returned by `GET .../workflowruns/{name}/status` (overall status and steps). @public */
export type WorkflowRunStatusSummary = Schemas['WorkflowRunStatusResponse'];
/** Overall state of a run as reported by the `/status` endpoint. @public */
export type WorkflowRunPhase = WorkflowRunStatusSummary['status'];
/** State of one step in the `/status` summary. @public */
export type WorkflowStepStatus = Schemas['WorkflowStepStatus'];
/** One log line returned by `/logs`. @public */
export type WorkflowRunLogEntry = Schemas['WorkflowRunLogEntry'];
/** One Kubernetes event returned by `/events`. @public */
export type WorkflowRunEventEntry = Schemas['WorkflowRunEventEntry'];
/** One page of workflow runs. @public */
export type WorkflowRunList = Schemas['WorkflowRunList'];

/** An immutable snapshot of a component (type, traits, parameters, workload) to deploy. @public */
export type ComponentRelease = Schemas['ComponentRelease'];
/** One page of component releases. @public */
export type ComponentReleaseList = Schemas['ComponentReleaseList'];
/** A ComponentRelease bound to an environment, with the rollout's status. @public */
export type ReleaseBinding = Schemas['ReleaseBinding'];
/** One page of release bindings. @public */
export type ReleaseBindingList = Schemas['ReleaseBindingList'];
/** A deployment target of a namespace. @public */
export type Environment = Schemas['Environment'];
/** One page of environments. @public */
export type EnvironmentList = Schemas['EnvironmentList'];
/** The promotion paths between environments that a project's components follow. @public */
export type DeploymentPipeline = Schemas['DeploymentPipeline'];
/** One page of deployment pipelines. @public */
export type DeploymentPipelineList = Schemas['DeploymentPipelineList'];

/** Query of plain list endpoints: `limit`, `cursor`, `labelSelector`. @public */
export type ListQuery = QueryOf<'listNamespaces'>;
/** Query of the component list: `project` filter plus the common list parameters. @public */
export type ListComponentsQuery = QueryOf<'listComponents'>;
/** Query of the workload list: `component` filter plus the common list parameters. @public */
export type ListWorkloadsQuery = QueryOf<'listWorkloads'>;
/** Query of the workflow-run list: `workflow` filter plus the common list parameters. @public */
export type ListWorkflowRunsQuery = QueryOf<'listWorkflowRuns'>;
/** Query of the component release list: `component` filter plus the common list parameters. @public */
export type ListComponentReleasesQuery = QueryOf<'listComponentReleases'>;
/** Query of the release binding list: `component` filter plus the common list parameters. @public */
export type ListReleaseBindingsQuery = QueryOf<'listReleaseBindings'>;
/** A list query for the "list all" helpers, which manage `cursor` themselves. @public */
export type ListAllQuery<Q extends ListQuery = ListQuery> = Omit<Q, 'cursor'>;
/** Query of `GET .../workflowruns/{name}/logs`: `task`, `sinceSeconds`. @public */
export type WorkflowRunLogsQuery = QueryOf<'getWorkflowRunLogs'>;
/** Query of `GET .../workflowruns/{name}/events`: `task`. @public */
export type WorkflowRunEventsQuery = QueryOf<'getWorkflowRunEvents'>;

/** One question to OpenChoreo's authorization: may the subject take `action` on `resource`? @public */
export type AuthzEvaluateRequest = Schemas['EvaluateRequest'];
/** OpenChoreo's answer to one {@link AuthzEvaluateRequest}. @public */
export type AuthzDecision = Schemas['Decision'];

/** A namespaced workflow plane (where builds run). @public */
export type WorkflowPlane = Schemas['WorkflowPlane'];
/** A cluster-scoped workflow plane. @public */
export type ClusterWorkflowPlane = Schemas['ClusterWorkflowPlane'];
/** A namespaced observability plane; `spec.observerURL` is its Observer API. @public */
export type ObservabilityPlane = Schemas['ObservabilityPlane'];
/** A cluster-scoped observability plane. @public */
export type ClusterObservabilityPlane = Schemas['ClusterObservabilityPlane'];
