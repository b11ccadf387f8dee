export { startGitHubEmulator } from './startGitHubEmulator';
export {
  DEFAULT_GITHUB_TOKENS,
  DEFAULT_GITHUB_TOKEN_VALUES,
  GITOPS_REPOSITORY,
  STOREFRONT_REPOSITORY,
  defaultSeedRepositories,
} from './seedRepositories';
export { GITHUB_CONTROL_PREFIX } from './controlRoutes';
export type {
  GitHubEmulator,
  GitHubEmulatorOptions,
  GitHubTokenRoles,
  NewWorkflowRun,
  PullRequestSummary,
  SeedGitHubToken,
  SeedRepository,
  SeedWorkflowRun,
  WorkflowRunConclusion,
  WorkflowRunRef,
  WorkflowRunStatus,
} from './types';
