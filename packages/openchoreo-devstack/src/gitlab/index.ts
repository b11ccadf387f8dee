export { startGitLabEmulator } from './startGitLabEmulator';
export {
  CHECKOUT_PROJECT,
  CHECKOUT_PROJECT_ID,
  DEFAULT_GITLAB_TOKENS,
  DEFAULT_GITLAB_TOKEN_VALUES,
  GITOPS_PROJECT,
  defaultSeedProjects,
} from './seedProjects';
export { GITLAB_CONTROL_PREFIX } from './controlRoutes';
export type {
  GitLabEmulator,
  GitLabEmulatorOptions,
  GitLabTokenRoles,
  MergeRequestSummary,
  NewPipeline,
  PipelineRef,
  PipelineStatus,
  SeedGitLabToken,
  SeedPipeline,
  SeedProject,
} from './types';
