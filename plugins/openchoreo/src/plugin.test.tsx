import { screen, waitFor } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  configApiRef,
  discoveryApiRef,
  fetchApiRef,
  oauthRequestApiRef,
  type ExtensionDefinition,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
  EntityContextMenuItemBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ComponentSummary } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  OpenChoreoClient,
  openchoreoApiRef,
  openchoreoAuthApiRef,
  OpenChoreoRequestError,
  type OpenChoreoApi,
  type OpenChoreoAuthApi,
} from './api';
import { makeEntity, mockOpenChoreoApi } from './__testUtils__/render';
import { JENKINS_NOT_CONFIGURED_MESSAGE } from './components/JenkinsGate';
import { CheckedJenkinsClient } from './jenkins/CheckedJenkinsClient';
import { openchoreoPlugin } from './plugin';
// The views the extensions load lazily, loaded with the test file (as any import is) rather
// than inside the first test that renders them.
import './components/BuildsTab';
import './components/CiStatusCard';
import './components/ExternalCiRuns';
import './components/JenkinsTab';
import './components/WorkloadCard';
import { setupUser } from './__testUtils__/user';

const user = setupUser();

const WORKFLOW = { 'openchoreo.io/workflow': 'ClusterWorkflow:docker' };
const JENKINS = { 'jenkins.io/job-full-name': 'library/reading-list' };

/** The entities of the visibility table below. */
const entities: Record<string, Entity> = {
  builtIn: makeEntity(WORKFLOW),
  jenkins: makeEntity(JENKINS),
  jenkinsOverWorkflow: makeEntity({ ...WORKFLOW, ...JENKINS }),
  githubActions: makeEntity({ 'github.com/project-slug': 'acme/reading-list' }),
  gitlabCi: makeEntity({ 'gitlab.com/project-id': '4242' }),
  noCiYet: makeEntity(),
  jenkinsOutsideOpenChoreo: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'legacy', annotations: JENKINS },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  },
  plainComponent: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'plain' },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  },
  openChoreoSystem: {
    ...makeEntity(WORKFLOW),
    kind: 'System',
    spec: { owner: 'team-a' },
  },
};

/** Which extension appears on which entity's page. */
const visibility: Array<{
  entity: keyof typeof entities;
  ciCard: boolean;
  workloadCard: boolean;
  buildsTab: boolean;
  jenkinsTab: boolean;
  githubActionsTab: boolean;
  gitlabCiTab: boolean;
  editAnnotations: boolean;
}> = [
  // prettier-ignore
  { entity: 'builtIn', ciCard: true, workloadCard: true, buildsTab: true, jenkinsTab: false, githubActionsTab: false, gitlabCiTab: false, editAnnotations: true },
  // prettier-ignore
  { entity: 'jenkins', ciCard: true, workloadCard: true, buildsTab: false, jenkinsTab: true, githubActionsTab: false, gitlabCiTab: false, editAnnotations: true },
  // An External CI annotation wins over the workflow: Jenkins tab, no Builds tab.
  // prettier-ignore
  { entity: 'jenkinsOverWorkflow', ciCard: true, workloadCard: true, buildsTab: false, jenkinsTab: true, githubActionsTab: false, gitlabCiTab: false, editAnnotations: true },
  // prettier-ignore
  { entity: 'githubActions', ciCard: true, workloadCard: true, buildsTab: false, jenkinsTab: false, githubActionsTab: true, gitlabCiTab: false, editAnnotations: true },
  // prettier-ignore
  { entity: 'gitlabCi', ciCard: true, workloadCard: true, buildsTab: false, jenkinsTab: false, githubActionsTab: false, gitlabCiTab: true, editAnnotations: true },
  // prettier-ignore
  { entity: 'noCiYet', ciCard: true, workloadCard: true, buildsTab: false, jenkinsTab: false, githubActionsTab: false, gitlabCiTab: false, editAnnotations: true },
  // prettier-ignore
  { entity: 'jenkinsOutsideOpenChoreo', ciCard: true, workloadCard: false, buildsTab: false, jenkinsTab: true, githubActionsTab: false, gitlabCiTab: false, editAnnotations: false },
  // prettier-ignore
  { entity: 'plainComponent', ciCard: false, workloadCard: false, buildsTab: false, jenkinsTab: false, githubActionsTab: false, gitlabCiTab: false, editAnnotations: false },
  // prettier-ignore
  { entity: 'openChoreoSystem', ciCard: false, workloadCard: false, buildsTab: false, jenkinsTab: false, githubActionsTab: false, gitlabCiTab: false, editAnnotations: false },
];

const extensions = {
  ciCard: openchoreoPlugin.getExtension('entity-card:openchoreo/ci-status'),
  workloadCard: openchoreoPlugin.getExtension(
    'entity-card:openchoreo/workload',
  ),
  buildsTab: openchoreoPlugin.getExtension('entity-content:openchoreo/builds'),
  jenkinsTab: openchoreoPlugin.getExtension(
    'entity-content:openchoreo/jenkins',
  ),
  githubActionsTab: openchoreoPlugin.getExtension(
    'entity-content:openchoreo/github-actions',
  ),
  gitlabCiTab: openchoreoPlugin.getExtension(
    'entity-content:openchoreo/gitlab-ci',
  ),
  editAnnotations: openchoreoPlugin.getExtension(
    'entity-context-menu-item:openchoreo/edit-annotations',
  ),
};

/** The entity filter an extension outputs: what the catalog's entity page applies. */
function filterOf(name: keyof typeof extensions): (entity: Entity) => boolean {
  // Cards, contents and menu items share one filter-function data ref.
  const filter = createExtensionTester(
    extensions[name] as ExtensionDefinition,
  ).get(EntityCardBlueprint.dataRefs.filterFunction);
  expect(filter).toBeInstanceOf(Function);
  return filter!;
}

/**
 * Backstage's test entity page with the given extensions (or the whole plugin): it applies each
 * card's and tab's filter as the catalog's entity page does.
 */
function renderEntityPage(
  entity: Entity,
  api: OpenChoreoApi,
  installed: ExtensionDefinition | typeof openchoreoPlugin,
) {
  const pluginInstalled = installed === openchoreoPlugin;
  return renderTestApp({
    features: pluginInstalled ? [openchoreoPlugin] : [],
    extensions: [
      createTestEntityPage({ entity }),
      ...(pluginInstalled ? [] : [installed as ExtensionDefinition]),
    ],
    apis: [
      [openchoreoApiRef, api],
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
  });
}

const noWorkloadYet = async (): Promise<never> => {
  throw new OpenChoreoRequestError('No workload yet', 404);
};

describe('openchoreoPlugin', () => {
  describe.each(Object.keys(extensions) as Array<keyof typeof extensions>)(
    '%s',
    name => {
      it.each(visibility)(`on $entity: ${name}`, row => {
        expect(filterOf(name)(entities[row.entity])).toBe(row[name]);
      });
    },
  );

  it("registers the OpenChoreo client as an API that sends the user's OpenChoreo token when configured", async () => {
    const factory = createExtensionTester(
      openchoreoPlugin.getExtension('api:openchoreo'),
    ).get(ApiBlueprint.dataRefs.factory);
    expect(factory.api).toBe(openchoreoApiRef);
    expect(Object.values(factory.deps)).toEqual([
      discoveryApiRef,
      fetchApiRef,
      configApiRef,
      openchoreoAuthApiRef,
    ]);
    const authApi = {
      getAccessToken: jest.fn(async () => 'user-access-token'),
      sessionState$: () => ({ subscribe: () => ({ unsubscribe() {} }) }),
    } as unknown as OpenChoreoAuthApi;
    const sentHeaders = async (userTokens: boolean) => {
      const fetch = jest.fn(
        async (_url: RequestInfo | URL, _init?: RequestInit) =>
          new Response('{"integrations":[]}', { status: 200 }),
      );
      const client = factory.factory({
        discoveryApi: mockApis.discovery(),
        fetchApi: { fetch },
        configApi: mockApis.config({
          data: { openchoreo: { auth: { userTokens } } },
        }),
        authApi,
      }) as OpenChoreoClient;
      expect(client).toBeInstanceOf(OpenChoreoClient);
      await client.getCiIntegrations();
      return fetch.mock.calls[0][1]?.headers as Record<string, string>;
    };
    expect(await sentHeaders(true)).toMatchObject({
      'x-openchoreo-token': 'user-access-token',
    });
    expect(await sentHeaders(false)).not.toHaveProperty('x-openchoreo-token');
    expect(authApi.getAccessToken).toHaveBeenCalledTimes(1);
  });

  it('provides the sign-in auth API of the openchoreo provider', () => {
    const factory = createExtensionTester(
      openchoreoPlugin.getExtension('api:openchoreo/auth'),
    ).get(ApiBlueprint.dataRefs.factory);
    expect(factory.api).toBe(openchoreoAuthApiRef);
    expect(Object.values(factory.deps)).toEqual([
      discoveryApiRef,
      oauthRequestApiRef,
      configApiRef,
    ]);
  });

  it("provides the community Jenkins client, which sends the user's token when user tokens are on", async () => {
    const factory = createExtensionTester(
      openchoreoPlugin.getExtension('api:openchoreo/jenkins'),
    ).get(ApiBlueprint.dataRefs.factory);
    const authApi = {
      getAccessToken: jest.fn(async () => 'user-access-token'),
      sessionState$: () => ({ subscribe: () => ({ unsubscribe() {} }) }),
    } as unknown as OpenChoreoAuthApi;
    const sentHeaders = async (userTokens: boolean) => {
      const fetch = jest.fn(
        async (_url: RequestInfo | URL, _init?: RequestInit) =>
          new Response('{"projects":[]}', { status: 200 }),
      );
      const client = factory.factory({
        discoveryApi: mockApis.discovery(),
        fetchApi: { fetch },
        configApi: mockApis.config({
          data: { openchoreo: { auth: { userTokens } } },
        }),
        authApi,
      }) as CheckedJenkinsClient;
      expect(client).toBeInstanceOf(CheckedJenkinsClient);
      await client.getProjects({
        entity: { kind: 'Component', namespace: 'default', name: 'x' },
        filter: {},
      });
      return fetch.mock.calls[0][1]?.headers as Record<string, string>;
    };
    expect(await sentHeaders(true)).toMatchObject({
      'x-openchoreo-token': 'user-access-token',
    });
    expect(await sentHeaders(false)).not.toHaveProperty('x-openchoreo-token');
  });

  it('names the Builds and Jenkins tabs', () => {
    expect(
      createExtensionTester(extensions.buildsTab).get(
        EntityContentBlueprint.dataRefs.title,
      ),
    ).toBe('Builds');
    expect(
      createExtensionTester(extensions.jenkinsTab).get(
        EntityContentBlueprint.dataRefs.title,
      ),
    ).toBe('Jenkins');
    expect(
      createExtensionTester(extensions.githubActionsTab).get(
        EntityContentBlueprint.dataRefs.title,
      ),
    ).toBe('GitHub Actions');
    expect(
      createExtensionTester(extensions.gitlabCiTab).get(
        EntityContentBlueprint.dataRefs.title,
      ),
    ).toBe('GitLab CI');
  });

  it('renders the GitLab CI tab with the pipelines from the backend', async () => {
    const api = mockOpenChoreoApi({
      getCiRuns: jest.fn(async () => ({
        state: 'ok' as const,
        platform: 'gitlab-ci' as const,
        project: { slug: '4242', host: 'gitlab.example.com' },
        runs: [
          {
            id: '904',
            number: 4,
            pipeline: 'Pipeline',
            status: 'failed' as const,
            statusText: 'failed',
            branch: 'feature/split-payments',
          },
        ],
        page: 1,
        perPage: 20,
        hasNextPage: false,
        canRerun: false,
      })),
    });
    renderEntityPage(entities.gitlabCi, api, extensions.gitlabCiTab);
    expect(
      await screen.findByText('GitLab CI pipelines of 4242'),
    ).toBeInTheDocument();
    expect(screen.getByText('feature/split-payments')).toBeInTheDocument();
  });

  it('renders the Builds tab with the history of a built-in component', async () => {
    const api = mockOpenChoreoApi({
      listWorkflowRuns: jest.fn(async () => ({
        items: [
          {
            name: 'reading-list-build-1',
            namespace: 'default',
            status: 'Succeeded' as const,
          },
        ],
      })),
    });
    renderEntityPage(entities.builtIn, api, extensions.buildsTab);
    expect(await screen.findByText('reading-list-build-1')).toBeInTheDocument();
  });

  it('renders the workflow card as the CI card of a built-in component', async () => {
    const api = mockOpenChoreoApi({
      getComponentSummary: jest.fn(async () => ({
        component: {} as ComponentSummary['component'],
        workload: null,
        latestRuns: [],
      })),
    });
    renderEntityPage(entities.builtIn, api, extensions.ciCard);
    expect(await screen.findByText('No builds yet')).toBeInTheDocument();
    expect(api.getCiIntegrations).not.toHaveBeenCalled();
  });

  it('renders the Workload card of an External CI component', async () => {
    const api = mockOpenChoreoApi({ getWorkload: jest.fn(noWorkloadYet) });
    renderEntityPage(entities.jenkins, api, extensions.workloadCard);
    expect(
      await screen.findByText(
        /No workload yet: this component is built by an External CI/,
      ),
    ).toBeInTheDocument();
  });

  it('renders the Jenkins tab guarded: it says so when Jenkins is not configured', async () => {
    const api = mockOpenChoreoApi({
      getCiIntegrations: jest.fn(async () => ({
        integrations: [{ platform: 'jenkins' as const, configured: false }],
      })),
    });
    renderEntityPage(entities.jenkinsOverWorkflow, api, extensions.jenkinsTab);
    expect(
      await screen.findByText(JENKINS_NOT_CONFIGURED_MESSAGE),
    ).toBeInTheDocument();
  });

  it('adds nothing to the page of an entity that is not an OpenChoreo component', async () => {
    const api = mockOpenChoreoApi();
    renderEntityPage(entities.plainComponent, api, openchoreoPlugin);
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });

  it('offers Edit Annotations, which opens the editor for the component', async () => {
    const api = mockOpenChoreoApi({
      getAnnotations: jest.fn(async () => ({
        annotations: JENKINS,
        reserved: {},
      })),
    });
    const { useProps } = createExtensionTester(extensions.editAnnotations).get(
      EntityContextMenuItemBlueprint.dataRefs.data,
    );
    function MenuItem() {
      const props = useProps();
      return (
        <button
          type="button"
          disabled={props.disabled}
          onClick={'onClick' in props ? props.onClick : undefined}
        >
          {props.title}
        </button>
      );
    }
    renderInTestApp(
      <EntityProvider entity={entities.jenkins}>
        <MenuItem />
      </EntityProvider>,
      {
        apis: [
          [openchoreoApiRef, api],
          [catalogApiRef, catalogApiMock.mock()],
          mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        ],
      },
    );
    const item = await screen.findByText('Edit Annotations');
    await waitFor(() => expect(item).toBeEnabled());
    await user.click(item);
    expect(
      await screen.findByDisplayValue('library/reading-list'),
    ).toBeInTheDocument();
    expect(api.getAnnotations).toHaveBeenCalledWith({
      namespace: 'default',
      component: 'reading-list',
    });
  });
});
