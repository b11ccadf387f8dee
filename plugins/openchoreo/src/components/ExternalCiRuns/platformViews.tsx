import type { RouteRef } from '@backstage/frontend-plugin-api';
import { ExternalCiRunsCard } from './ExternalCiRunsCard';
import { ExternalCiRunsTab } from './ExternalCiRunsTab';

/** The Overview card of a component built by GitHub Actions. */
export function GithubActionsCard(props: { tabRouteRef?: RouteRef }) {
  return <ExternalCiRunsCard platform="github-actions" {...props} />;
}

/** The Overview card of a component built by GitLab CI. */
export function GitlabCiCard(props: { tabRouteRef?: RouteRef }) {
  return <ExternalCiRunsCard platform="gitlab-ci" {...props} />;
}

/** The GitHub Actions tab: the run history. */
export function GithubActionsTab() {
  return <ExternalCiRunsTab platform="github-actions" />;
}

/** The GitLab CI tab: the pipeline history. */
export function GitlabCiTab() {
  return <ExternalCiRunsTab platform="gitlab-ci" />;
}
