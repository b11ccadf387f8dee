/**
 * The OpenChoreo rules shared by the portal's plugins (isomorphic): annotation keys and labels,
 * permissions, API types, the External CI identifier rules, the CI-kind decision, the
 * allowed-workflows rule, the workflow parameter schema rules and the component creation input.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './resourceMetadata';
export * from './permissions';
export * from './events';
export * from './openchoreoNames';
export * from './api';
export * from './logSearch';
export * from './externalCiIdentifier';
export * from './annotationRules';
export * from './ciKind';
export * from './workflows';
export * from './componentTypes';
export * from './workflowParameters';
export * from './workflowParameterValidation';
export * from './workflowRuns';
export * from './runConditions';
export * from './componentCreateInput';
export * from './provenance';
export * from './pipelineSnippets';
export * from './pipelineSnippetsGitops';
export * from './externalCiRuns';
export * from './userAccess';
export * from './deploymentRules';
export * from './deployments';
export * from './features';
