export { ExternalCiRunsCard } from './ExternalCiRunsCard';
export { ExternalCiRunsTab } from './ExternalCiRunsTab';
export { ExternalCiStatePanel } from './ExternalCiStatePanel';
export { unavailableTitle, PLATFORM_TEXT } from './platforms';
export {
  GithubActionsCard,
  GithubActionsTab,
  GitlabCiCard,
  GitlabCiTab,
} from './platformViews';
