/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectRejected"] }] */
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { EventParams, EventsService } from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import type { Devstack, StoreEvent } from '@openchoreo-ci/openchoreo-devstack';
import {
  OPENCHOREO_COMPONENT_CHANGED_TOPIC,
  openchoreoComponentCreatePermission,
  renderPipelineSnippet,
  type ExternalCiPlatform,
} from '@openchoreo-ci/plugin-openchoreo-common';
import {
  createTestAction,
  outputsOf,
  startTestDevstack,
} from '../__testUtils__/actionTestbed';
import {
  createFaultyFetch,
  type UpstreamFault,
} from '../__testUtils__/faultyFetch';
import {
  recordStoreWrites,
  type StoreWrites,
} from '../__testUtils__/storeWrites';

const NS = 'default';
const SERVICE_TYPE = {
  kind: 'ClusterComponentType',
  name: 'deployment/service',
} as const;

describe('openchoreo:component:create', () => {
  let devstack: Devstack;
  let recorder: StoreWrites;
  /**
   * Component and Workload writes (create/replace/delete) seen by the store, apart from the
   * status the devstack's controllers write (deploy simulation, autoDeploy): only the action
   * writes through the API here.
   */
  let writes: StoreEvent[];

  beforeAll(async () => {
    devstack = await startTestDevstack();
    // A workflow that is allowed by a type but is not a component (CI) workflow.
    devstack.api.store.create({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'ClusterWorkflow',
      metadata: { name: 'db-migration' },
      spec: {
        parameters: { openAPIV3Schema: { type: 'object', properties: {} } },
      },
    });
    devstack.api.store.create({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'ClusterComponentType',
      metadata: { name: 'migrating-service' },
      spec: {
        workloadType: 'deployment',
        allowedWorkflows: [{ kind: 'ClusterWorkflow', name: 'db-migration' }],
      },
    });
  });

  afterAll(async () => {
    await devstack?.close();
  });

  beforeEach(() => {
    recorder = recordStoreWrites(devstack.api.store, NS, [
      'Component',
      'Workload',
    ]);
    writes = recorder.writes;
  });

  afterEach(() => recorder.stop());

  function setup(
    options: {
      decision?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      /** Upstream answers to inject in front of the devstack. */
      faults?: UpstreamFault[];
    } = {},
  ) {
    const upstream = createFaultyFetch(options.faults ?? []);
    const published: EventParams[] = [];
    const delivered: EventParams[] = [];
    const events: EventsService = {
      // Delivery takes a moment, like a subscriber that reads OpenChoreo: the action must wait.
      publish: jest.fn(async (params: EventParams) => {
        published.push(params);
        await new Promise(resolve => setTimeout(resolve, 20));
        delivered.push(params);
      }),
      subscribe: jest.fn(async () => {}),
    };
    const { run, authorize, logger } = createTestAction(devstack, {
      fetch: upstream.fetch,
      decision: options.decision,
      events,
    });
    return { run, published, delivered, authorize, logger, upstream };
  }

  function component(name: string) {
    return devstack.api.store.get('Component', NS, name);
  }

  function externalCiInput(
    name: string,
    platform: string,
    identifier?: string,
  ): JsonObject {
    return {
      namespace: NS,
      project: 'demo-project',
      name,
      componentType: SERVICE_TYPE,
      source: {
        type: 'external-ci',
        platform,
        ...(identifier !== undefined ? { identifier } : {}),
      },
    };
  }

  function workflowInput(
    name: string,
    source: Partial<JsonObject> = {},
    overrides: Partial<JsonObject> = {},
  ): JsonObject {
    return {
      namespace: NS,
      project: 'demo-project',
      name,
      displayName: 'Orders API',
      description: 'Takes orders',
      componentType: SERVICE_TYPE,
      source: {
        type: 'workflow',
        workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
        repository: {
          url: 'https://github.com/acme/orders',
          branch: 'release',
          appPath: '/orders',
        },
        parameters: {
          docker: { context: '/orders', filePath: '/orders/Dockerfile' },
        },
        ...source,
      } as JsonObject,
      ...overrides,
    };
  }

  describe('built-in CI workflow', () => {
    it('creates the component with the repository placed at the schema markers and refreshes the catalog', async () => {
      const { run, published, delivered } = setup();
      const output = await run(workflowInput('orders-api'));

      const created = component('orders-api');
      expect(created?.metadata.annotations).toEqual({
        'openchoreo.dev/display-name': 'Orders API',
        'openchoreo.dev/description': 'Takes orders',
      });
      expect(created?.spec).toMatchObject({
        owner: { projectName: 'demo-project' },
        componentType: SERVICE_TYPE,
        workflow: {
          kind: 'ClusterWorkflow',
          name: 'dockerfile-builder',
          parameters: {
            repository: {
              url: 'https://github.com/acme/orders',
              revision: { branch: 'release', commit: '' },
              appPath: '/orders',
              secretRef: '',
            },
            docker: { context: '/orders', filePath: '/orders/Dockerfile' },
          },
        },
      });
      expect(writes.map(w => `${w.type} ${w.object.kind}`)).toEqual([
        'created Component',
      ]);
      expect(outputsOf(output)).toEqual({
        entityRef: 'component:default/orders-api',
        componentUrl: '/catalog/default/component/orders-api',
      });
      const event = {
        topic: OPENCHOREO_COMPONENT_CHANGED_TOPIC,
        eventPayload: { namespace: NS, component: 'orders-api' },
      };
      expect(published).toEqual([event]);
      // Awaited: delivered before the step finished.
      expect(delivered).toEqual([event]);
    });

    it('uses the schema defaults for repository fields that were not given', async () => {
      const { run } = setup();
      await run(
        workflowInput('orders-defaults', {
          repository: { url: 'https://github.com/acme/orders' },
        }),
      );
      expect(component('orders-defaults')?.spec).toMatchObject({
        workflow: {
          parameters: {
            repository: {
              url: 'https://github.com/acme/orders',
              revision: { branch: 'main' },
              appPath: '.',
            },
          },
        },
      });
    });
  });

  describe('External CI', () => {
    it.each<[ExternalCiPlatform, string, string]>([
      ['jenkins', 'payments/billing-service', 'jenkins.io/job-full-name'],
      ['github-actions', 'acme/storefront', 'github.com/project-slug'],
      ['gitlab-ci', 'acme/web/storefront', 'gitlab.com/project-slug'],
    ])(
      '%s: writes the identifier as an annotation in the same create, no workflow and no workload',
      async (platform, identifier, annotation) => {
        const { run, delivered } = setup();
        const name = `ext-${platform}`;
        const output = await run(externalCiInput(name, platform, identifier));

        expect(writes).toHaveLength(1);
        expect(writes[0].type).toBe('created');
        expect(writes[0].object.metadata.annotations).toEqual({
          [annotation]: identifier,
        });
        const created = component(name);
        expect(created?.spec?.workflow).toBeUndefined();
        expect(created?.metadata.annotations).toEqual({
          [annotation]: identifier,
        });
        expect(
          devstack.api.store
            .list('Workload', NS)
            .filter(w => (w.spec?.owner as JsonObject)?.componentName === name),
        ).toEqual([]);
        expect(outputsOf(output)).toEqual({
          entityRef: `component:default/${name}`,
          componentUrl: `/catalog/default/component/${name}`,
          pipeline: {
            platform,
            identifier,
            namespace: NS,
            project: 'demo-project',
            component: name,
            apiUrl: devstack.api.url,
            workloadUrl: `${devstack.api.url}/api/v1/namespaces/default/workloads`,
            tokenUrl: devstack.idp.tokenUrl,
            snippet: expect.objectContaining({
              text: renderPipelineSnippet(platform, {
                namespace: NS,
                project: 'demo-project',
                component: name,
              }).text,
            }),
            gitopsSnippet: expect.objectContaining({
              text: renderPipelineSnippet(
                platform,
                { namespace: NS, project: 'demo-project', component: name },
                { mode: 'gitops' },
              ).text,
            }),
          },
        });
        expect(delivered).toHaveLength(1);
      },
    );

    it('"none": creates the component without any CI annotation', async () => {
      const { run } = setup();
      const output = await run(externalCiInput('ext-later', 'none'));
      expect(
        Object.keys(component('ext-later')?.metadata.annotations ?? {}),
      ).toEqual([]);
      expect(component('ext-later')?.spec?.workflow).toBeUndefined();
      expect(outputsOf(output).pipeline).toMatchObject({ platform: 'none' });
    });
  });

  describe('validation happens before anything is written', () => {
    async function expectRejected(
      input: JsonObject,
      error: new (...args: never[]) => Error,
      message: RegExp,
    ) {
      const { run, published } = setup();
      const before = JSON.stringify(devstack.api.store.list('Component', NS));
      await expect(run(input)).rejects.toThrow(error);
      await expect(run(input)).rejects.toThrow(message);
      expect(writes).toEqual([]);
      expect(JSON.stringify(devstack.api.store.list('Component', NS))).toBe(
        before,
      );
      expect(published).toEqual([]);
    }

    it('rejects a Jenkins /job/... path and explains the full name', () =>
      expectRejected(
        externalCiInput('bad-jenkins', 'jenkins', '/job/my-org/job/my-service'),
        InputError,
        /is a Jenkins URL path, not a job full name.*use "my-org\/my-service"/,
      ));

    it('rejects a Jenkins job URL', () =>
      expectRejected(
        externalCiInput(
          'bad-jenkins-url',
          'jenkins',
          'https://jenkins.example.com/job/payments/job/billing/',
        ),
        InputError,
        /is a Jenkins URL, not a job full name.*use "payments\/billing"/,
      ));

    it('rejects a GitHub URL instead of owner/repo', () =>
      expectRejected(
        externalCiInput(
          'bad-gh',
          'github-actions',
          'https://github.com/acme/x',
        ),
        InputError,
        /owner\/repo/,
      ));

    it('rejects a GitHub slug with a subgroup', () =>
      expectRejected(
        externalCiInput('bad-gh2', 'github-actions', 'acme/web/x'),
        InputError,
        /not a GitHub repository slug/,
      ));

    it('rejects a GitLab path without a project', () =>
      expectRejected(
        externalCiInput('bad-gl', 'gitlab-ci', 'acme'),
        InputError,
        /not a GitLab project path/,
      ));

    it('rejects a missing identifier for a platform', () =>
      expectRejected(
        externalCiInput('no-id', 'jenkins'),
        InputError,
        /Enter the Jenkins job full name/,
      ));

    it('rejects an invalid component name (schema)', () =>
      expectRejected(
        externalCiInput('Bad_Name', 'none'),
        InputError,
        /name: Component name must be lowercase/,
      ));

    it('rejects a project that does not exist', () =>
      expectRejected(
        { ...externalCiInput('p-missing', 'none'), project: 'nope' },
        InputError,
        /project "default\/nope" does not exist/,
      ));

    it('rejects a component type that does not exist', () =>
      expectRejected(
        {
          ...externalCiInput('t-missing', 'none'),
          componentType: {
            kind: 'ClusterComponentType',
            name: 'deployment/nope',
          },
        },
        InputError,
        /cluster component type "nope" does not exist/,
      ));

    it('rejects a component type name with the wrong workload type', () =>
      expectRejected(
        {
          ...externalCiInput('t-wrong', 'none'),
          componentType: {
            kind: 'ClusterComponentType',
            name: 'cronjob/service',
          },
        },
        InputError,
        /must be "deployment\/service"/,
      ));

    it('rejects a workflow the component type does not allow', () =>
      expectRejected(
        workflowInput(
          'wf-not-allowed',
          {
            workflow: {
              kind: 'ClusterWorkflow',
              name: 'ballerina-buildpack-builder',
            },
          },
          {
            componentType: {
              kind: 'ClusterComponentType',
              name: 'deployment/web-application',
            },
          },
        ),
        InputError,
        /does not allow ClusterWorkflow "ballerina-buildpack-builder"/,
      ));

    it('rejects an allowed workflow that is not a component workflow', () =>
      expectRejected(
        workflowInput(
          'wf-not-component',
          { workflow: { kind: 'ClusterWorkflow', name: 'db-migration' } },
          {
            componentType: {
              kind: 'ClusterComponentType',
              name: 'deployment/migrating-service',
            },
          },
        ),
        InputError,
        /not a component workflow/,
      ));

    it('rejects parameters without the required repository URL', () =>
      expectRejected(
        workflowInput('wf-no-repo', { repository: undefined }),
        InputError,
        /Invalid parameters for cluster workflow "dockerfile-builder": .*repository/,
      ));

    it('rejects parameters of the wrong type', () =>
      expectRejected(
        workflowInput('wf-bad-param', {
          parameters: { buildEnv: 'NODE_ENV=production' },
        }),
        InputError,
        /buildEnv must be array/,
      ));
  });

  describe('dry run', () => {
    it('validates and outputs without writing or publishing', async () => {
      const { run, published } = setup();
      const output = await run(
        externalCiInput('dry-jenkins', 'jenkins', 'a/b'),
        {
          isDryRun: true,
        },
      );
      expect(writes).toEqual([]);
      expect(component('dry-jenkins')).toBeUndefined();
      expect(published).toEqual([]);
      expect(outputsOf(output).entityRef).toBe('component:default/dry-jenkins');
    });

    it('runs the upstream checks too', async () => {
      const { run } = setup();
      await expect(
        run(
          workflowInput('dry-bad', {
            parameters: { buildEnv: 'x' },
          }),
          { isDryRun: true },
        ),
      ).rejects.toThrow(/buildEnv must be array/);
      await expect(
        run(
          { ...externalCiInput('dry-no-project', 'none'), project: 'nope' },
          { isDryRun: true },
        ),
      ).rejects.toThrow(/does not exist/);
      expect(writes).toEqual([]);
    });
  });

  describe('retries and conflicts', () => {
    it('succeeds again without a second write when the same step is re-run', async () => {
      const { run, delivered } = setup();
      const input = workflowInput('retry-api');
      const first = await run(input);
      const second = await run(input);
      expect(writes.map(w => w.type)).toEqual(['created']);
      expect(outputsOf(second)).toEqual(outputsOf(first));
      // The catalog is still told, in case the first run stopped before publishing.
      expect(delivered).toHaveLength(2);
    });

    it('is idempotent for External CI too', async () => {
      const { run } = setup();
      const input = externalCiInput('retry-ext', 'jenkins', 'team/retry-ext');
      await run(input);
      await run(input);
      expect(writes.map(w => w.type)).toEqual(['created']);
    });

    it('fails with a conflict when a different component has the name', async () => {
      const { run, published } = setup();
      // greeting-service exists (seeded) and is built by dockerfile-builder.
      const promise = run(
        externalCiInput('greeting-service', 'jenkins', 'team/greeting'),
      );
      await expect(promise).rejects.toThrow(ConflictError);
      await expect(
        run(externalCiInput('greeting-service', 'jenkins', 'team/greeting')),
      ).rejects.toThrow(
        /Component "greeting-service" already exists in namespace "default" and differs .*built by workflow dockerfile-builder.*Choose another component name/,
      );
      expect(writes).toEqual([]);
      expect(published).toEqual([]);
    });

    it('fails with a conflict when the same name was created with another CI identifier', async () => {
      const { run } = setup();
      await run(externalCiInput('conflict-ext', 'jenkins', 'team/one'));
      await expect(
        run(externalCiInput('conflict-ext', 'jenkins', 'team/two')),
      ).rejects.toThrow(/annotation jenkins\.io\/job-full-name/);
      expect(writes).toHaveLength(1);
      expect(
        component('conflict-ext')?.metadata.annotations?.[
          'jenkins.io/job-full-name'
        ],
      ).toBe('team/one');
    });
  });

  describe('permissions', () => {
    it('refuses users without openchoreo.component.create and writes nothing', async () => {
      const { run, authorize, published } = setup({
        decision: AuthorizeResult.DENY,
      });
      const input = externalCiInput('denied', 'jenkins', 'team/denied');
      await expect(run(input)).rejects.toThrow(NotAllowedError);
      await expect(run(input)).rejects.toThrow(
        /not allowed to create OpenChoreo components.*openchoreo\.component\.create/,
      );
      expect(authorize).toHaveBeenCalledWith(
        [{ permission: openchoreoComponentCreatePermission }],
        { credentials: mockCredentials.user() },
      );
      expect(writes).toEqual([]);
      expect(component('denied')).toBeUndefined();
      expect(published).toEqual([]);
    });

    it('asks with the credentials of the user running the template', async () => {
      const { run, authorize } = setup();
      await run(externalCiInput('allowed', 'none'));
      expect(authorize).toHaveBeenCalledWith(
        [{ permission: openchoreoComponentCreatePermission }],
        { credentials: mockCredentials.user() },
      );
    });
  });

  describe('upstream answers are reported like the routes report them', () => {
    const CREATE = {
      method: 'POST',
      path: /\/namespaces\/default\/components$/,
    };
    const PROJECT = {
      method: 'GET',
      path: /\/namespaces\/default\/projects\/demo-project$/,
    };
    const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwb3J0YWwifQ.c2lnbmF0dXJl';

    /** Runs the action against `faults` and returns its error; asserts nothing was written. */
    async function failure(name: string, faults: UpstreamFault[]) {
      const { run, published, logger, upstream } = setup({ faults });
      const error: unknown = await run(
        externalCiInput(name, 'jenkins', `team/${name}`),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(writes).toEqual([]);
      expect(component(name)).toBeUndefined();
      expect(published).toEqual([]);
      const message = (error as Error).message;
      expect(message).not.toContain(TOKEN);
      expect(message).not.toContain(devstack.api.url);
      return { error: error as Error, message, logger, upstream };
    }

    it('401: retried once with a new token, then the service account is named with what to check', async () => {
      const { error, message, upstream } = await failure('up-401', [
        {
          ...CREATE,
          respond: {
            status: 401,
            body: { error: 'INVALID_TOKEN', message: `bad token ${TOKEN}` },
          },
        },
      ]);
      expect(error).toBeInstanceOf(NotAllowedError);
      expect(message).toBe(
        `The portal's service account is not allowed to create component "default/up-401": ` +
          'OpenChoreo did not accept its token (401 INVALID_TOKEN: bad token [redacted token]). ' +
          "An administrator must check that OpenChoreo trusts the service account's client (openchoreo.auth.clientId).",
      );
      expect(upstream.faulted).toEqual([
        'POST /api/v1/namespaces/default/components',
        'POST /api/v1/namespaces/default/components',
      ]);
    });

    it('403: says what was refused and who must grant it', async () => {
      const { error, message } = await failure('up-403', [
        {
          ...CREATE,
          respond: {
            status: 403,
            body: {
              error: 'not authorized to create component',
              code: 'FORBIDDEN',
            },
          },
        },
      ]);
      expect(error).toBeInstanceOf(NotAllowedError);
      expect(message).toBe(
        `The portal's service account is not allowed to create component "default/up-403": ` +
          'OpenChoreo refused it (403 FORBIDDEN: not authorized to create component). ' +
          "An administrator must grant the service account's client (openchoreo.auth.clientId) this permission in OpenChoreo.",
      );
    });

    it('403 while checking the request: the same message, nothing written', async () => {
      const { error, message } = await failure('up-403-read', [
        {
          ...PROJECT,
          respond: {
            status: 403,
            body: {
              error: 'not authorized to view project',
              code: 'FORBIDDEN',
            },
          },
        },
      ]);
      expect(error).toBeInstanceOf(NotAllowedError);
      expect(message).toContain(
        'service account is not allowed to create component "default/up-403-read"',
      );
      expect(message).toContain('not authorized to view project');
    });

    it('409: a conflict with what to do', async () => {
      const { error, message } = await failure('up-409', [
        {
          ...CREATE,
          respond: {
            status: 409,
            body: { error: 'Component already exists', code: 'CONFLICT' },
          },
        },
      ]);
      expect(error).toBeInstanceOf(ConflictError);
      expect(message).toBe(
        'Could not create component "default/up-409": OpenChoreo reports a conflict ' +
          '(Component already exists). Reload to see the current state, then try again.',
      );
    });

    it('503: OpenChoreo unavailable, try again later; the URL goes to the log only', async () => {
      const { error, message, logger } = await failure('up-503', [
        {
          ...PROJECT,
          respond: {
            status: 503,
            body: { error: 'upstream connect error', code: 'UNAVAILABLE' },
          },
        },
      ]);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(message).toBe(
        'Could not create component "default/up-503": OpenChoreo is unavailable ' +
          '(answered 503: upstream connect error). Try again later.',
      );
      expect(logger.warn).toHaveBeenCalledWith(
        `${message} [GET ${devstack.api.url}/api/v1/namespaces/default/projects/demo-project answered 503 UNAVAILABLE]`,
      );
    });

    it('unreachable: names the cause, not the address', async () => {
      const { error, message, logger } = await failure('up-down', [
        { ...PROJECT, respond: 'unreachable' },
      ]);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(message).toBe(
        'Could not create component "default/up-down": OpenChoreo is unavailable ' +
          '(connection refused (ECONNREFUSED)). Try again later; if this persists, ' +
          'an administrator should check openchoreo.baseUrl.',
      );
      expect(message).not.toContain('10.9.8.7');
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          `[OpenChoreo API unavailable: GET ${devstack.api.url}/api/v1/namespaces/default/projects/demo-project`,
        ),
      );
    });

    it.each([
      [400, 'BAD_REQUEST', InputError],
      [422, 'UNPROCESSABLE_CONTENT', InputError],
      [404, 'NOT_FOUND', NotFoundError],
    ] as const)(
      '%s: the upstream message and its field details',
      async (status, code, type) => {
        const { error, message, logger } = await failure(`up-${status}`, [
          {
            ...CREATE,
            respond: {
              status,
              body: {
                error: 'Component is invalid',
                code,
                details: [{ field: 'spec.owner', message: 'unknown project' }],
              },
            },
          },
        ]);
        expect(error).toBeInstanceOf(type);
        expect(message).toBe(
          `Could not create component "default/up-${status}": Component is invalid (spec.owner: unknown project)`,
        );
        // The user can act on these; they are not an administrator's problem.
        expect(logger.warn).not.toHaveBeenCalled();
      },
    );
  });
});
