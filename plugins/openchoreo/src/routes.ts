import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The entity's Builds tab; `?run=<name>` opens one build. */
export const buildsRouteRef = createRouteRef();

/** The entity's GitHub Actions tab (run history). */
export const githubActionsRouteRef = createRouteRef();

/** The entity's GitLab CI tab (pipeline history). */
export const gitlabCiRouteRef = createRouteRef();
