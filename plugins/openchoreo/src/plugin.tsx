import {
  ApiBlueprint,
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
  JenkinsClient,
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
import { buildsRouteRef } from './routes';
import {
  hasBuiltInWorkflow,
  hasCiStatusCard,
  hasJenkinsJob,
  isOpenChoreoComponent,
} from './utils/entity';

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
          ...(configApi.getOptionalBoolean('openchoreo.auth.userTokens')
            ? { userToken: createUserTokenSource(authApi) }
            : {}),
        }),
    }),
});

/**
 * `api:openchoreo/jenkins`: the community Jenkins client. The app does not install the
 * community plugin's own frontend features, so its cards and tab need the API from here
 * (without it the page fails with "No implementation available for apiRef"). If the
 * community plugin is installed too, its own factory wins.
 */
const jenkinsApi = ApiBlueprint.make({
  name: 'jenkins',
  params: defineParams =>
    defineParams({
      api: jenkinsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new JenkinsClient({ discoveryApi, fetchApi }),
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
  routes: { builds: buildsRouteRef },
  extensions: [
    openchoreoAuthApi,
    openchoreoApi,
    jenkinsApi,
    ciStatusCard,
    workloadCard,
    deploymentsCard,
    buildsContent,
    jenkinsContent,
    editAnnotationsMenuItem,
  ],
});
