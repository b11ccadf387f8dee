import {
  ApiBlueprint,
  type ConfigApi,
  configApiRef,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  oauthRequestApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
  EntityContextMenuItemBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  jenkinsApiRef,
  jenkinsPlugin,
} from '@backstage-community/plugin-jenkins';
import EditIcon from '@material-ui/icons/Edit';
import {
  createOpenChoreoAuth,
  createUserTokenSource,
  OpenChoreoClient,
  openchoreoApiRef,
  openchoreoAuthApiRef,
} from './api';
import { useEditAnnotationsMenuItem } from './components/EditAnnotationsDialog';
import { CheckedJenkinsClient } from './jenkins/CheckedJenkinsClient';
import {
  buildsRouteRef,
  githubActionsRouteRef,
  gitlabCiRouteRef,
} from './routes';
import {
  hasBuiltInWorkflow,
  hasCiStatusCard,
  hasGithubActions,
  hasGitlabCi,
  hasJenkinsJob,
  isOpenChoreoComponent,
} from './utils/entity';
import { USER_TOKENS_CONFIG_KEY } from '@openchoreo-ci/plugin-openchoreo-common';
import type { OpenChoreoAuthApi } from './api/OpenChoreoAuthApi';

/** The clients' user-token option: the user's OpenChoreo token is sent along with user tokens on. */
function userTokenOption(configApi: ConfigApi, authApi: OpenChoreoAuthApi) {
  return configApi.getOptionalBoolean(USER_TOKENS_CONFIG_KEY)
    ? { userToken: createUserTokenSource(authApi) }
    : {};
}

/**
 * `api:openchoreo/auth`: sign-in with OpenChoreo's identity provider (the backend's auth provider
 * `openchoreo`); the sign-in page offers it and the client takes the user's token from it.
 */
const openchoreoAuthApi = ApiBlueprint.make({
  name: 'auth',
  params: defineParams =>
    defineParams({
      api: openchoreoAuthApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        oauthRequestApi: oauthRequestApiRef,
        configApi: configApiRef,
      },
      factory: deps => createOpenChoreoAuth(deps),
    }),
});

/**
 * `api:openchoreo`: the client of the OpenChoreo backend plugin. With `openchoreo.auth.userTokens`
 * it sends the user's OpenChoreo token, so OpenChoreo decides what the user may see and do.
 */
const openchoreoApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: openchoreoApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        fetchApi: fetchApiRef,
        configApi: configApiRef,
        authApi: openchoreoAuthApiRef,
      },
      factory: ({ discoveryApi, fetchApi, configApi, authApi }) =>
        new OpenChoreoClient({
          discoveryApi,
          fetchApi,
          ...userTokenOption(configApi, authApi),
        }),
    }),
});

/**
 * `api:openchoreo/jenkins`: the community Jenkins API, implemented so that failures reject and a
 * rebuild is only reported when Jenkins started one (`CheckedJenkinsClient`). The app does not
 * install the community plugin's own frontend features, so its tab needs the API from here
 * (without it the page fails with "No implementation available for apiRef").
 */
const jenkinsApi = ApiBlueprint.make({
  name: 'jenkins',
  params: defineParams =>
    defineParams({
      api: jenkinsApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        fetchApi: fetchApiRef,
        configApi: configApiRef,
        authApi: openchoreoAuthApiRef,
      },
      factory: ({ discoveryApi, fetchApi, configApi, authApi }) =>
        new CheckedJenkinsClient({
          discoveryApi,
          fetchApi,
          ...userTokenOption(configApi, authApi),
        }),
    }),
});

/** `entity-card:openchoreo/ci-status`: the Overview's CI card, chosen by annotation. */
const ciStatusCard = EntityCardBlueprint.make({
  name: 'ci-status',
  params: {
    filter: hasCiStatusCard,
    loader: () =>
      import('./components/CiStatusCard').then(m => <m.CiStatusCard />),
  },
});

/** `entity-card:openchoreo/workload`: what the component runs (image, endpoints, env names). */
const workloadCard = EntityCardBlueprint.make({
  name: 'workload',
  params: {
    filter: isOpenChoreoComponent,
    loader: () =>
      import('./components/WorkloadCard').then(m => <m.WorkloadCard />),
  },
});

/**
 * `entity-card:openchoreo/deployments`: where the current Workload is deployed (each environment
 * of the pipeline, the latest build's way to the first one, a pending GitOps release pull request).
 */
const deploymentsCard = EntityCardBlueprint.make({
  name: 'deployments',
  params: {
    filter: isOpenChoreoComponent,
    loader: () =>
      import('./components/DeploymentsCard').then(m => <m.DeploymentsCard />),
  },
});

/** `entity-content:openchoreo/builds`: build history, steps, logs and events. */
const buildsContent = EntityContentBlueprint.make({
  name: 'builds',
  params: {
    path: 'builds',
    title: 'Builds',
    routeRef: buildsRouteRef,
    filter: hasBuiltInWorkflow,
    loader: () => import('./components/BuildsTab').then(m => <m.BuildsTab />),
  },
});

/** `entity-content:openchoreo/jenkins`: the community Jenkins content, guarded. */
const jenkinsContent = EntityContentBlueprint.make({
  name: 'jenkins',
  params: {
    path: 'jenkins',
    title: 'Jenkins',
    routeRef: convertLegacyRouteRef(jenkinsPlugin.routes.entityContent),
    filter: hasJenkinsJob,
    loader: () => import('./components/JenkinsTab').then(m => <m.JenkinsTab />),
  },
});

/** `entity-content:openchoreo/github-actions`: the run history of a GitHub Actions component. */
const githubActionsContent = EntityContentBlueprint.make({
  name: 'github-actions',
  params: {
    path: 'github-actions',
    title: 'GitHub Actions',
    routeRef: githubActionsRouteRef,
    filter: hasGithubActions,
    loader: () =>
      import('./components/ExternalCiRuns').then(m => <m.GithubActionsTab />),
  },
});

/** `entity-content:openchoreo/gitlab-ci`: the pipeline history of a GitLab CI component. */
const gitlabCiContent = EntityContentBlueprint.make({
  name: 'gitlab-ci',
  params: {
    path: 'gitlab-ci',
    title: 'GitLab CI',
    routeRef: gitlabCiRouteRef,
    filter: hasGitlabCi,
    loader: () =>
      import('./components/ExternalCiRuns').then(m => <m.GitlabCiTab />),
  },
});

/** `entity-context-menu-item:openchoreo/edit-annotations`. */
const editAnnotationsMenuItem = EntityContextMenuItemBlueprint.make({
  name: 'edit-annotations',
  params: {
    icon: <EditIcon fontSize="small" />,
    filter: isOpenChoreoComponent,
    useProps: useEditAnnotationsMenuItem,
  },
});

/** The OpenChoreo CI frontend plugin (new frontend system). */
export const openchoreoPlugin = createFrontendPlugin({
  pluginId: 'openchoreo',
  routes: {
    builds: buildsRouteRef,
    githubActions: githubActionsRouteRef,
    gitlabCi: gitlabCiRouteRef,
  },
  extensions: [
    openchoreoAuthApi,
    openchoreoApi,
    jenkinsApi,
    ciStatusCard,
    workloadCard,
    deploymentsCard,
    buildsContent,
    jenkinsContent,
    githubActionsContent,
    gitlabCiContent,
    editAnnotationsMenuItem,
  ],
});
