import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import {
  coreServices,
  createBackendModule,
  type AuthService,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import eventsPlugin from '@backstage/plugin-events-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  scaffolderActionsExtensionPoint,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import catalogOpenChoreoModule, {
  eventsModuleOpenChoreoIntake,
} from '@openchoreo-ci/plugin-catalog-backend-module-openchoreo';
import openchoreoBackendPlugin from '@openchoreo-ci/plugin-openchoreo-backend';
import openchoreoSignInModule from '@openchoreo-ci/plugin-auth-backend-module-openchoreo-provider';
import scaffolderOpenChoreoModule from '@openchoreo-ci/plugin-scaffolder-backend-module-openchoreo';
import {
  signInThroughPortal,
  startDevstack,
  type Devstack,
  type PortalSignInResult,
} from '@openchoreo-ci/openchoreo-devstack';
import { OPENCHOREO_USER_TOKEN_SECRET } from '@openchoreo-ci/plugin-openchoreo-common';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import permissionPolicyModule from './modules/permissionPolicy';
import {
  ALLOWED,
  MATRIX_USERS,
  SIGNED_IN_USERS,
  readmeCiTable,
  type Capability,
  type Ci,
  type MatrixUser,
  type SignedInUser,
} from './__testUtils__/securityMatrix';

const APP = 'http://localhost:3000';
const CALLBACK = 'http://localhost:7007/api/auth/openchoreo/handler/frame';
const orgFile = resolvePath(__dirname, '../../../catalog/org.yaml');
const readme = resolvePath(__dirname, '../../../README.md');

/** One HTTP request of a cell (or a run of the scaffolder action). */
interface Call {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * What a route answers. `ci`/`capability`: decided by {@link ALLOWED}; `public`: anyone (no
 * sign-in); `signedIn`: any Backstage user; `openchoreoList`: any signed-in user with a valid
 * OpenChoreo token, OpenChoreo filtering what they see; `never`: nobody (a bypass attempt).
 */
type Rule =
  | { ci: Ci; capability: Capability; success: number }
  | { open: 'public' | 'signedIn' | 'openchoreoList' }
  | { never: true };

interface MatrixRoute {
  /** `METHOD /api/<plugin><route path>` as the router registers it, or the action's id. */
  route: string;
  /** What the cell sends (prepared per user: a fresh run to cancel, the current annotations). */
  call(user: MatrixUser): Promise<Call> | Call;
  rule: Rule;
  /** The upstream state it may change when allowed (a refusal must change nothing anywhere). */
  what: string;
  /** A list OpenChoreo filters: the outsider gets it empty (`{"items":[]}`). */
  emptyForOutsider?: boolean;
}

/** Expected status of a cell. */
function expectedStatus(route: MatrixRoute, user: MatrixUser): number[] {
  const { rule } = route;
  const unauthenticated = user === 'anonymous' || user === 'forged';
  if ('open' in rule) {
    // 404 when the bundle is not built (a fresh checkout): the same answer for everyone.
    if (rule.open === 'public') return [200, 404];
    if (user === 'anonymous') return [401];
    if (rule.open === 'signedIn') return [200];
    if (user === 'forged') return [401];
    // Cluster-scoped reads (a workflow's schema) are refused to people without any role.
    return user === 'outsider' ? [200, 403] : [200];
  }
  if (unauthenticated) return [401];
  if ('ci' in rule && ALLOWED[user][rule.ci].includes(rule.capability)) {
    return [rule.success];
  }
  // An outsider may not learn that the component exists (an empty list tells nothing).
  if (user === 'outsider') return route.emptyForOutsider ? [200] : [403, 404];
  if ('never' in rule) return [400, 403, 404];
  return [403];
}

describe('security matrix: every route x every caller', () => {
  jest.setTimeout(60_000);

  let devstack: Devstack;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let backendUrl: string;
  let auth: AuthService;
  const actions: TemplateAction<any, any, any>[] = [];
  const people = {} as Record<SignedInUser, PortalSignInResult>;
  /** Refused cells and whether anything changed during them. */
  const refusals: Array<{ cell: string; changed: boolean }> = [];

  const jenkinsJob = 'demo-project/inventory-api';
  const github = { slug: 'openchoreo/sample-workloads' };
  const gitlab = { slug: 'openchoreo-demo/checkout-api' };
  /** Finished run ids of the External CI components (each allowed re-run takes a fresh one). */
  const finishedRuns: Record<'github' | 'gitlab', string[]> = {
    github: [],
    gitlab: [],
  };
  let seededRun = '';
  let jenkinsBuild = 0;
  let createdComponents = 0;

  beforeAll(async () => {
    devstack = await startDevstack({
      apiPort: 0,
      idpPort: 0,
      jenkinsPort: 0,
      // Slow time: nothing runs or finishes by itself while the matrix compares state.
      timeScale: 1000,
    });
    const probe = createBackendModule({
      pluginId: 'scaffolder',
      moduleId: 'security-matrix-probe',
      register(reg) {
        reg.registerInit({
          deps: { auth: coreServices.auth },
          async init(deps) {
            auth = deps.auth;
          },
        });
      },
    });
    backend = await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...added: TemplateAction<any, any, any>[]) =>
              actions.push(...added),
          },
        ],
      ],
      features: [
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        permissionsServiceFactory,
        authPlugin,
        openchoreoSignInModule,
        catalogPlugin,
        catalogOpenChoreoModule,
        openchoreoBackendPlugin,
        eventsPlugin,
        eventsModuleOpenChoreoIntake,
        scaffolderOpenChoreoModule,
        probe,
        permissionPlugin,
        permissionPolicyModule,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: APP },
            auth: {
              environment: 'development',
              session: { secret: 'test-session-secret' },
              providers: {
                openchoreo: {
                  development: {
                    metadataUrl: `${devstack.idp.url}/.well-known/openid-configuration`,
                    ...devstack.idp.clients.portal,
                    prompt: 'auto',
                    callbackUrl: CALLBACK,
                  },
                },
              },
            },
            // The chart's default: permission.writerGroups unset.
            permission: { enabled: true },
            jenkins: {
              baseUrl: devstack.jenkins.url,
              username: devstack.jenkins.username,
              apiKey: devstack.jenkins.apiToken,
            },
            integrations: {
              github: [
                {
                  host: new URL(devstack.github.url).host,
                  apiBaseUrl: devstack.github.url,
                  token: devstack.github.tokens.write,
                },
              ],
              gitlab: [
                {
                  host: new URL(devstack.gitlab.url).host,
                  apiBaseUrl: devstack.gitlab.apiUrl,
                  baseUrl: devstack.gitlab.url,
                  token: devstack.gitlab.tokens.write,
                },
              ],
            },
            catalog: {
              rules: [
                { allow: ['Component', 'System', 'Domain', 'User', 'Group'] },
              ],
              processingInterval: { seconds: 1 },
              locations: [{ type: 'file', target: orgFile }],
            },
            openchoreo: {
              baseUrl: `${devstack.api.url}/api/v1`,
              auth: {
                tokenUrl: devstack.idp.tokenUrl,
                ...devstack.idp.clients.portal,
                userTokens: true,
              },
              signIn: { provider: 'openchoreo' },
              // Nobody in the matrix holds the platform's shared secret.
              events: { enabled: true, secret: 'matrix-events-secret' },
              cache: { statusTtlMs: 0 },
              catalog: {
                // Often: a component the action creates reaches the catalog (the action waits).
                schedule: {
                  frequency: { seconds: 2 },
                  timeout: { minutes: 1 },
                },
              },
            },
          },
        }),
      ],
    });
    backendUrl = `http://127.0.0.1:${
      (backend.server.address() as AddressInfo).port
    }`;
    for (const user of SIGNED_IN_USERS) {
      people[user] = await signInThroughPortal({
        backendUrl,
        callbackUrl: CALLBACK,
        appOrigin: APP,
        login: `${user}@openchoreo.dev`,
        password: user,
      });
    }
    await waitForCatalog([
      'component:default/greeting-service',
      'component:default/inventory-api',
      'component:default/storefront-web',
      'component:default/checkout-api',
    ]);
    seededRun = devstack.api.store
      .list('WorkflowRun', 'default')
      .map(run => run.metadata.name)[0];
    for (const [ci, component] of [
      ['github', 'storefront-web'],
      ['gitlab', 'checkout-api'],
    ] as const) {
      const res = await send('platform-engineer', {
        method: 'GET',
        path: `/api/openchoreo/entities/component/default/${component}/ci-runs`,
      });
      const { runs } = JSON.parse(res.text) as {
        runs: Array<{ id: string; status: string }>;
      };
      finishedRuns[ci] = runs
        .filter(run => run.status === 'failed' || run.status === 'succeeded')
        .map(run => run.id);
    }
    const job = await jenkinsGet(
      `/job/${jenkinsJob.split('/').join('/job/')}/api/json`,
    );
    jenkinsBuild = (job as { lastCompletedBuild: { number: number } })
      .lastCompletedBuild.number;
  });

  afterAll(async () => {
    await backend?.stop();
    await devstack?.close();
  });

  async function waitForCatalog(refs: string[]) {
    for (let attempt = 0; attempt < 200; attempt++) {
      const res = await send('platform-engineer', {
        method: 'GET',
        path: '/api/catalog/entities?fields=kind,metadata.namespace,metadata.name',
      });
      const served = (
        JSON.parse(res.text) as Array<{
          kind: string;
          metadata: { namespace: string; name: string };
        }>
      ).map(
        e =>
          `${e.kind.toLowerCase()}:${e.metadata.namespace}/${e.metadata.name}`,
      );
      if (refs.every(ref => served.includes(ref))) return;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error(`the catalog never served ${refs.join(', ')}`);
  }

  /** A forged OpenChoreo token: the developer's with its claims changed (signature no longer valid). */
  function forgedToken(): string {
    const [header, , signature] = people.developer.accessToken.split('.');
    const claims = {
      sub: 'platform-engineer',
      groups: ['platform-engineers'],
      exp: Math.floor(Date.now() / 1000) + 3600,
    };
    return [
      header,
      Buffer.from(JSON.stringify(claims)).toString('base64url'),
      signature,
    ].join('.');
  }

  /** The headers a caller sends: the forged caller has a Backstage session and a forged token. */
  function headersOf(user: MatrixUser): Record<string, string> {
    if (user === 'anonymous') return {};
    const person = people[user === 'forged' ? 'developer' : user];
    return {
      authorization: `Bearer ${person.backstageToken}`,
      'x-openchoreo-token':
        user === 'forged' ? forgedToken() : person.accessToken,
    };
  }

  async function send(
    user: MatrixUser,
    call: Call,
  ): Promise<{ status: number; text: string }> {
    const res = await fetch(`${backendUrl}${call.path}`, {
      method: call.method,
      headers: {
        ...headersOf(user),
        ...(call.body === undefined
          ? {}
          : { 'content-type': 'application/json' }),
        ...call.headers,
      },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
    return { status: res.status, text: await res.text() };
  }

  /** Runs `openchoreo:component:create` as the scaffolder would for `user`'s task. */
  async function runAction(
    user: MatrixUser,
    call: Call,
  ): Promise<{ status: number; text: string }> {
    const action = actions.find(a => a.id === 'openchoreo:component:create')!;
    const credentials: BackstageCredentials =
      user === 'anonymous'
        ? await auth.getNoneCredentials()
        : await auth.authenticate(headersOf(user).authorization.slice(7));
    const secrets =
      user === 'anonymous'
        ? undefined
        : {
            [OPENCHOREO_USER_TOKEN_SECRET]:
              headersOf(user)['x-openchoreo-token'],
          };
    const ctx = {
      ...createMockActionContext({ input: call.body as any, secrets }),
      getInitiatorCredentials: async () => credentials,
    };
    try {
      await action.handler(ctx as any);
      return { status: 201, text: 'created' };
    } catch (error) {
      const status =
        {
          AuthenticationError: 401,
          NotAllowedError: 403,
          NotFoundError: 404,
          InputError: 400,
          ConflictError: 409,
        }[(error as Error).name] ?? 500;
      return { status, text: String(error) };
    }
  }

  async function jenkinsGet(path: string): Promise<unknown> {
    const res = await fetch(`${devstack.jenkins.url}${path}`, {
      headers: {
        authorization: `Basic ${Buffer.from(
          `${devstack.jenkins.username}:${devstack.jenkins.apiToken}`,
        ).toString('base64')}`,
      },
    });
    if (!res.ok) throw new Error(`Jenkins ${path}: ${res.status}`);
    return res.json();
  }

  /** Everything a call could change upstream: the OpenChoreo store and the CI emulators. */
  async function snapshot(): Promise<string> {
    const store = devstack.api.store as unknown as {
      objects: Map<string, unknown>;
    };
    const githubRuns = await fetch(
      `${devstack.github.url}/repos/${github.slug}/actions/runs?per_page=100`,
      { headers: { authorization: `Bearer ${devstack.github.tokens.write}` } },
    ).then(r => r.json());
    const gitlabPipelines = await fetch(
      `${devstack.gitlab.apiUrl}/projects/${encodeURIComponent(
        gitlab.slug,
      )}/pipelines?per_page=100`,
      { headers: { 'private-token': devstack.gitlab.tokens.write } },
    ).then(r => r.json());
    const jenkins = await jenkinsGet('/api/json?depth=3');
    // `status` is the simulated controllers' (a build started by an earlier row moves on by
    // itself); the API lets no caller write it, so a refused call can only show in the rest.
    const withoutStatus = ([key, object]: [string, unknown]) => {
      const { status: _status, ...rest } = object as Record<string, unknown>;
      return [key, rest];
    };
    // GitHub runs in progress move on by themselves; what a call could change is the set of
    // runs and their attempts (a re-run).
    const githubAttempts = (
      githubRuns as { workflow_runs?: { id: number; run_attempt?: number }[] }
    ).workflow_runs?.map(run => [run.id, run.run_attempt]);
    // Jenkins builds finish by themselves too; what a call could change is the set of jobs and
    // builds (a rebuild adds one, and takes the next build number).
    type JenkinsItem = {
      name?: string;
      nextBuildNumber?: number;
      builds?: { number: number }[];
      jobs?: JenkinsItem[];
    };
    const jenkinsBuilds = (item: JenkinsItem): unknown => ({
      name: item.name,
      nextBuildNumber: item.nextBuildNumber,
      builds: item.builds?.map(build => build.number),
      jobs: item.jobs?.map(jenkinsBuilds),
    });
    return JSON.stringify({
      store: [...store.objects.entries()].map(withoutStatus),
      githubRuns: githubAttempts,
      gitlabPipelines,
      jenkins: jenkinsBuilds(jenkins as JenkinsItem),
    });
  }

  const component = (name: string) =>
    `/api/openchoreo/components/default/${name}`;
  const entity = (name: string) =>
    `/api/openchoreo/entities/component/default/${name}`;
  const jenkinsEntity =
    '/api/openchoreo/jenkins/v1/entity/default/component/inventory-api';
  const jobPath = (job: string) => `job/${encodeURIComponent(job)}`;

  /** Starts a build of greeting-service as the platform engineer, for a cancel to stop. */
  async function runningBuild(): Promise<string> {
    const res = await send('platform-engineer', {
      method: 'POST',
      path: `${component('greeting-service')}/workflow-runs`,
    });
    expect(res.status).toBe(201);
    const body = JSON.parse(res.text);
    return (
      body.name ?? body.run?.name ?? body.workflowRun?.name ?? body.build?.name
    );
  }

  const ROUTES: MatrixRoute[] = [
    // Built-in CI and the component pages (OpenChoreo decides with the user's token).
    ...(
      [
        'summary',
        'workload',
        'workflow-runs',
        'build-options',
        'annotations',
        'actions',
        'deployments',
      ] as const
    ).map(
      (leaf): MatrixRoute => ({
        route: `GET /api/openchoreo/components/:namespace/:component/${leaf}`,
        call: () => ({
          method: 'GET',
          path: `${component('greeting-service')}/${leaf}`,
        }),
        rule: { ci: 'workflowRuns', capability: 'read', success: 200 },
        what: 'nothing',
        emptyForOutsider: leaf === 'workflow-runs',
      }),
    ),
    {
      route: 'GET /api/openchoreo/components/:namespace/:component/log-search',
      call: () => ({
        method: 'GET',
        path: `${component('greeting-service')}/log-search?phrase=error`,
      }),
      rule: { ci: 'workflowRuns', capability: 'read', success: 200 },
      what: 'nothing',
      // Like the run list: OpenChoreo lists no run the outsider may view, so nothing is searched.
      emptyForOutsider: true,
    },
    ...(['', '/logs', '/events'] as const).map(
      (leaf): MatrixRoute => ({
        route: `GET /api/openchoreo/workflow-runs/:namespace/:run${leaf}`,
        call: () => ({
          method: 'GET',
          path: `/api/openchoreo/workflow-runs/default/${seededRun}${leaf}`,
        }),
        rule: { ci: 'workflowRuns', capability: 'read', success: 200 },
        what: 'nothing',
      }),
    ),
    {
      route:
        'POST /api/openchoreo/components/:namespace/:component/workflow-runs',
      call: () => ({
        method: 'POST',
        path: `${component('greeting-service')}/workflow-runs`,
      }),
      rule: { ci: 'workflowRuns', capability: 'build/re-run', success: 201 },
      what: 'a WorkflowRun',
    },
    {
      route: 'POST /api/openchoreo/workflow-runs/:namespace/:run/rerun',
      call: () => ({
        method: 'POST',
        path: `/api/openchoreo/workflow-runs/default/${seededRun}/rerun`,
      }),
      rule: { ci: 'workflowRuns', capability: 'build/re-run', success: 201 },
      what: 'a WorkflowRun',
    },
    {
      route: 'DELETE /api/openchoreo/workflow-runs/:namespace/:run',
      call: async () => ({
        method: 'DELETE',
        path: `/api/openchoreo/workflow-runs/default/${await runningBuild()}`,
      }),
      rule: { ci: 'workflowRuns', capability: 'cancel', success: 200 },
      what: 'a running WorkflowRun',
    },
    ...(
      [
        ['workflowRuns', 'greeting-service'],
        ['jenkins', 'inventory-api'],
        ['githubActions', 'storefront-web'],
        ['gitlabCi', 'checkout-api'],
      ] as const
    ).map(
      ([ci, name]): MatrixRoute => ({
        route:
          'PUT /api/openchoreo/components/:namespace/:component/annotations',
        call: async user => {
          const current = await send('platform-engineer', {
            method: 'GET',
            path: `${component(name)}/annotations`,
          });
          const { annotations } = JSON.parse(current.text) as {
            annotations: Record<string, string>;
          };
          return {
            method: 'PUT',
            path: `${component(name)}/annotations`,
            body: {
              expected: annotations,
              annotations: { ...annotations, 'example.com/edited-by': user },
            },
          };
        },
        rule: { ci, capability: 'edit annotations', success: 200 },
        what: 'the Component',
      }),
    ),
    // External CI: the portal reads and re-runs with its own GitHub and GitLab credentials.
    ...(
      [
        ['githubActions', 'storefront-web', 'github'],
        ['gitlabCi', 'checkout-api', 'gitlab'],
      ] as const
    ).flatMap(([ci, name, platform]): MatrixRoute[] => [
      {
        route: 'GET /api/openchoreo/entities/:kind/:namespace/:name/ci-runs',
        call: () => ({ method: 'GET', path: `${entity(name)}/ci-runs` }),
        rule: { ci, capability: 'read', success: 200 },
        what: 'nothing',
      },
      {
        route:
          'POST /api/openchoreo/entities/:kind/:namespace/:name/ci-runs/:runId/rerun',
        call: user => {
          // An allowed re-run uses up a finished run; a refused one leaves it for the next cell.
          const runs = finishedRuns[platform];
          const runId =
            ALLOWED[user][ci].includes('build/re-run') && runs.length > 1
              ? runs.shift()!
              : runs[0];
          return {
            method: 'POST',
            path: `${entity(name)}/ci-runs/${runId}/rerun`,
          };
        },
        rule: { ci, capability: 'build/re-run', success: 201 },
        what: 'a GitHub run attempt or a GitLab pipeline retry',
      },
    ]),
    // The wizard's lists, the CI integrations and the bundled publisher.
    ...(
      [
        ['/namespaces', '/namespaces'],
        ['/namespaces/:namespace/projects', '/namespaces/default/projects'],
        [
          '/namespaces/:namespace/component-types',
          '/namespaces/default/component-types',
        ],
        [
          '/component-types/:kind/:name/workflows',
          '/component-types/ClusterComponentType/service/workflows',
        ],
        [
          '/workflows/:kind/:name/schema',
          '/workflows/ClusterWorkflow/dockerfile-builder/schema',
        ],
      ] as const
    ).map(
      ([route, path]): MatrixRoute => ({
        route: `GET /api/openchoreo${route}`,
        call: () => ({ method: 'GET', path: `/api/openchoreo${path}` }),
        rule: { open: 'openchoreoList' },
        what: 'nothing',
      }),
    ),
    {
      route: 'GET /api/openchoreo/ci-integrations',
      call: () => ({ method: 'GET', path: '/api/openchoreo/ci-integrations' }),
      rule: { open: 'signedIn' },
      what: 'nothing',
    },
    {
      route: 'GET /api/openchoreo/tools/openchoreo-publish-workload.cjs',
      call: () => ({
        method: 'GET',
        path: '/api/openchoreo/tools/openchoreo-publish-workload.cjs',
      }),
      rule: { open: 'public' },
      what: 'nothing',
    },
    // Jenkins (the portal's Jenkins credentials), served by the OpenChoreo plugin.
    {
      route:
        'GET /api/openchoreo/jenkins/v1/entity/:namespace/:kind/:component/projects',
      call: () => ({ method: 'GET', path: `${jenkinsEntity}/projects` }),
      rule: { ci: 'jenkins', capability: 'read', success: 200 },
      what: 'nothing',
    },
    {
      route:
        'GET /api/openchoreo/jenkins/v1/entity/:namespace/:kind/:component/job/:jobFullName',
      call: () => ({
        method: 'GET',
        path: `${jenkinsEntity}/${jobPath(jenkinsJob)}`,
      }),
      rule: { ci: 'jenkins', capability: 'read', success: 200 },
      what: 'nothing',
    },
    {
      route:
        'GET /api/openchoreo/jenkins/v1/entity/:namespace/:kind/:component/job/:jobFullName/:buildNumber',
      call: () => ({
        method: 'GET',
        path: `${jenkinsEntity}/${jobPath(jenkinsJob)}/${jenkinsBuild}`,
      }),
      rule: { ci: 'jenkins', capability: 'read', success: 200 },
      what: 'nothing',
    },
    {
      route:
        'GET /api/openchoreo/jenkins/v1/entity/:namespace/:kind/:component/job/:jobFullName/:buildNumber/consoleText',
      call: () => ({
        method: 'GET',
        path: `${jenkinsEntity}/${jobPath(
          jenkinsJob,
        )}/${jenkinsBuild}/consoleText`,
      }),
      rule: { ci: 'jenkins', capability: 'read', success: 200 },
      what: 'nothing',
    },
    {
      route:
        'POST /api/openchoreo/jenkins/v1/entity/:namespace/:kind/:component/job/:jobFullName/:buildNumber',
      call: () => ({
        method: 'POST',
        path: `${jenkinsEntity}/${jobPath(jenkinsJob)}/${jenkinsBuild}`,
      }),
      rule: { ci: 'jenkins', capability: 'build/re-run', success: 201 },
      what: 'a Jenkins build',
    },
    {
      route:
        'POST /api/openchoreo/jenkins/v1/entity/:namespace/:kind/:component/job/:jobFullName/:buildNumber',
      // A job the entity does not name: nobody may rebuild it through inventory-api.
      call: () => ({
        method: 'POST',
        path: `${jenkinsEntity}/${jobPath('legacy-monolith')}/1`,
      }),
      rule: { never: true },
      what: 'nothing',
    },
    // OpenChoreo's event forwarder: only the platform, with the shared secret, may post.
    {
      route: 'POST /api/events/http/openchoreo',
      call: () => ({
        method: 'POST',
        path: '/api/events/http/openchoreo',
        body: {
          kind: 'Component',
          name: 'GREETING-SERVICE',
          namespace: 'default',
        },
      }),
      rule: { never: true },
      what: 'nothing',
    },
    // The scaffolder action (run as the scaffolder runs it for the user's task).
    {
      route: 'ACTION openchoreo:component:create',
      call: () => ({
        method: 'ACTION',
        path: 'openchoreo:component:create',
        body: {
          namespace: 'default',
          project: 'demo-project',
          name: `matrix-${++createdComponents}`,
          componentType: {
            kind: 'ClusterComponentType',
            name: 'deployment/service',
          },
          source: { type: 'external-ci', platform: 'none' },
        },
      }),
      rule: {
        ci: 'workflowRuns',
        capability: 'create component',
        success: 201,
      },
      what: 'a Component',
    },
  ];

  // The events intake refuses every user (nobody holds the platform's secret) with 401.
  const expectedOf = (route: MatrixRoute, user: MatrixUser) =>
    route.route === 'POST /api/events/http/openchoreo'
      ? [401]
      : expectedStatus(route, user);

  describe.each(ROUTES.map(route => [describeRoute(route), route] as const))(
    '%s',
    (_name, route) => {
      it.each(
        MATRIX_USERS.map(user => [user, expectedOf(route, user)] as const),
      )('%s: %j', async (user, expected) => {
        const call = await route.call(user);
        const refused = !expected.some(status => status < 300);
        const before = refused ? await snapshot() : '';
        const res =
          call.method === 'ACTION'
            ? await runAction(user, call)
            : await send(user, call);
        if (!expected.includes(res.status)) {
          throw new Error(
            `${call.method} ${call.path} as ${user}: expected ${expected.join(
              ' or ',
            )}, got ${res.status} ${res.text.slice(0, 300)}`,
          );
        }
        // A refusal changes nothing upstream (an allowed call may).
        const after = refused ? await snapshot() : before;
        if (refused) {
          refusals.push({
            cell: `${route.route} ${user}`,
            changed: after !== before,
          });
        }
        expect(changesBetween(before, after)).toEqual([]);
      });
    },
  );

  /** What differs between two snapshots: the store keys and emulators that changed. */
  function changesBetween(before: string, after: string): string[] {
    if (before === after) return [];
    const [a, b] = [JSON.parse(before), JSON.parse(after)];
    const store = (snap: { store: [string, unknown][] }) =>
      new Map(snap.store.map(([key, value]) => [key, JSON.stringify(value)]));
    const [sa, sb] = [store(a), store(b)];
    const keys = new Set([...sa.keys(), ...sb.keys()]);
    const changed = [...keys]
      .filter(key => sa.get(key) !== sb.get(key))
      .map(
        key =>
          `store ${key}: ${sa.get(key) ?? 'absent'} -> ${
            sb.get(key) ?? 'absent'
          }`,
      );
    for (const part of ['githubRuns', 'gitlabPipelines', 'jenkins']) {
      if (JSON.stringify(a[part]) !== JSON.stringify(b[part])) {
        changed.push(`${part} changed`);
      }
    }
    return changed;
  }

  function describeRoute(route: MatrixRoute): string {
    const { rule } = route;
    let tail = 'nobody';
    if ('ci' in rule) tail = `${rule.ci} ${rule.capability}`;
    if ('open' in rule) tail = rule.open;
    return `${route.route} (${tail}; changes ${route.what})`;
  }

  it('lists every route the OpenChoreo and Jenkins routers register', () => {
    // Backstage's own per-plugin routes (service auth keys, permission metadata) are not the
    // plugins'; everything else a plugin registers, including actions, must be in the matrix.
    const registered = registeredRoutes(backend.server).filter(
      route =>
        /^[A-Z]+ \/api\/(openchoreo|jenkins)\//.test(route) &&
        !/\/(\.backstage\/auth|\.well-known\/backstage\/permissions)\//.test(
          route,
        ),
    );
    const listed = new Set(ROUTES.map(route => route.route));
    expect(registered.filter(route => !listed.has(route))).toEqual([]);
    expect(registered.length).toBeGreaterThan(20);
  });

  it("the README's user table is the matrix's", () => {
    expect(readFileSync(readme, 'utf8')).toContain(readmeCiTable());
  });

  it('all refusals changed nothing', () => {
    expect(refusals.length).toBeGreaterThan(50);
    expect(refusals.filter(r => r.changed)).toEqual([]);
  });
});

/** `METHOD /full/path` of every route registered in the express app behind `server`. */
function registeredRoutes(server: import('node:http').Server): string[] {
  type Layer = {
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
    regexp?: RegExp;
    keys?: unknown[];
  };
  const app = server.listeners('request')[0] as unknown as {
    _router: { stack: Layer[] };
  };
  const found: string[] = [];
  const mountOf = (layer: Layer): string => {
    const source = layer.regexp?.source ?? '';
    if (source === '^\\/?(?=\\/|$)' || source === '^\\/?$') return '';
    const match = /^\^((?:\\\/[^\\?()]+)+)\\\/\?\(\?=\\\/\|\$\)$/.exec(source);
    return match ? match[1].replace(/\\\//g, '/') : `<${source}>`;
  };
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          found.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, `${prefix}${mountOf(layer)}`);
      }
    }
  };
  walk(app._router.stack, '');
  return [...new Set(found)];
}
