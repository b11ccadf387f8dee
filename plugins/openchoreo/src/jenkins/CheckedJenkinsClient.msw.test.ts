/*
 * The Jenkins client through its real `fetch`: built by the plugin's `api:openchoreo/jenkins`
 * factory (as the app does), sending with Backstage's fetch API, answered by msw the way the
 * backend plugin's Jenkins routes (`/api/openchoreo/jenkins/v1/entity/:namespace/:kind/:name`)
 * do. The errors are read the way the Jenkins card reads them (`jenkinsJobState`).
 */
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  registerMswTestHooks,
} from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import type { JenkinsApi } from '@backstage-community/plugin-jenkins';
import type { OpenChoreoAuthApi } from '../api';
import { openchoreoPlugin } from '../plugin';
import { backendErrorAnswer } from '../__testUtils__/backendAnswer';
import { mswBackend } from '../__testUtils__/mswBackend';
import { CheckedJenkinsClient } from './CheckedJenkinsClient';
import {
  classifyJenkinsFailure,
  failureMessage,
  failureStatus,
} from './jenkinsJobState';

const server = setupServer();
registerMswTestHooks(server);

const BACKEND = 'http://backend.test';
const ENTITY_ROUTE = `${BACKEND}/api/openchoreo/jenkins/v1/entity/:namespace/:kind/:name`;
const USER_TOKEN = 'openchoreo-user-access-token';
const BACKSTAGE_TOKEN = 'backstage-user-token';
const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'inventory-api',
};
const JOB = 'demo-project/inventory-api';
const JOB_ENCODED = 'demo-project%2Finventory-api';
const ENTITY_PATH =
  '/api/openchoreo/jenkins/v1/entity/default/Component/inventory-api';

const route = mswBackend(server, { base: ENTITY_ROUTE });
const backendError = (
  status: number,
  error: { name: string; message: string },
) =>
  backendErrorAnswer(status, error, {
    method: 'GET',
    url: `${ENTITY_PATH}/projects`,
  });

/** The Jenkins API as the app builds it: the plugin's factory over Backstage's fetch API. */
function createClient(
  options: { userTokens?: boolean; signedInWith?: string } = {},
) {
  const { userTokens = true, signedInWith = USER_TOKEN } = options;
  const auth = {
    getAccessToken: jest.fn(async () => signedInWith),
    sessionState$: () => ({ subscribe: () => ({ unsubscribe() {} }) }),
  } as unknown as OpenChoreoAuthApi & { getAccessToken: jest.Mock };
  const factory = createExtensionTester(
    openchoreoPlugin.getExtension('api:openchoreo/jenkins'),
  ).get(ApiBlueprint.dataRefs.factory);
  const client = factory.factory({
    discoveryApi: mockApis.discovery({ baseUrl: BACKEND }),
    fetchApi: mockApis.fetch({
      injectIdentityAuth: { token: BACKSTAGE_TOKEN },
    }),
    configApi: mockApis.config({
      data: { openchoreo: { auth: { userTokens } } },
    }),
    authApi: auth,
  }) as JenkinsApi;
  return { client, auth };
}

/** Rejection of `promise`, which must reject. */
async function rejection(promise: Promise<unknown>): Promise<ResponseError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error as ResponseError,
  );
}

describe('CheckedJenkinsClient on the wire', () => {
  it("reads the component's job: the projects of a branch, the job, a build and its console", async () => {
    const projects = route('get', '/projects', () => ({
      projects: [{ fullName: JOB, lastBuild: { number: 7 } }],
    }));
    const job = route('get', '/job/:jobFullName', () => ({
      build: { fullName: JOB, builds: [{ number: 7 }] },
    }));
    const build = route('get', '/job/:jobFullName/:buildNumber', () => ({
      build: { number: 7, result: 'SUCCESS' },
    }));
    const consoleText = route(
      'get',
      '/job/:jobFullName/:buildNumber/consoleText',
      () => ({ consoleText: 'Started by user alice\nFinished: SUCCESS' }),
    );
    const { client } = createClient();

    const read = await client.getProjects({
      entity,
      filter: { branch: 'feature/login & more' },
    });
    expect(read).toMatchObject([{ fullName: JOB, lastBuild: { number: 7 } }]);
    await expect(
      client.getJobBuilds({ entity, jobFullName: JOB }),
    ).resolves.toEqual({ fullName: JOB, builds: [{ number: 7 }] });
    await expect(
      client.getBuild({ entity, jobFullName: JOB, buildNumber: '7' }),
    ).resolves.toEqual({ number: 7, result: 'SUCCESS' });
    await expect(
      client.getBuildConsoleText({
        entity,
        jobFullName: JOB,
        buildNumber: '7',
      }),
    ).resolves.toEqual({
      consoleText: 'Started by user alice\nFinished: SUCCESS',
    });

    expect(projects[0].path).toBe(`${ENTITY_PATH}/projects`);
    expect(projects[0].search).toBe('?branch=feature%2Flogin+%26+more');
    expect(projects[0].params).toEqual({
      namespace: 'default',
      kind: 'Component',
      name: 'inventory-api',
    });
    // The job's full name is one path segment, its `/` encoded.
    expect(job[0].path).toBe(`${ENTITY_PATH}/job/${JOB_ENCODED}`);
    expect(job[0].params.jobFullName).toBe(JOB);
    expect(build[0].path).toBe(`${ENTITY_PATH}/job/${JOB_ENCODED}/7`);
    expect(build[0].params).toMatchObject({
      jobFullName: JOB,
      buildNumber: '7',
    });
    expect(consoleText[0].path).toBe(
      `${ENTITY_PATH}/job/${JOB_ENCODED}/7/consoleText`,
    );
  });

  it('asks for the projects of every branch without a branch query', async () => {
    const projects = route('get', '/projects', () => ({ projects: [] }));
    const { client } = createClient();

    await expect(client.getProjects({ entity, filter: {} })).resolves.toEqual(
      [],
    );
    expect(projects[0].search).toBe('');
  });

  describe('headers', () => {
    it("sends the signed-in user's OpenChoreo token with every call, the rebuild included", async () => {
      let builds = [{ number: 7 }];
      const job = route('get', '/job/:jobFullName', () => ({
        build: { fullName: JOB, builds },
      }));
      const rebuild = route('post', '/job/:jobFullName/:buildNumber', () => {
        builds = [{ number: 8 }, ...builds];
        return HttpResponse.json({ job: JOB, rebuilt: 7 }, { status: 201 });
      });
      const { client } = createClient();

      await client.retry({ entity, jobFullName: JOB, buildNumber: '7' });

      const all = [...job, ...rebuild];
      expect(all.length).toBeGreaterThanOrEqual(3);
      for (const request of all) {
        expect(request.headers.get('x-openchoreo-token')).toBe(USER_TOKEN);
        expect(request.headers.get('authorization')).toBe(
          `Bearer ${BACKSTAGE_TOKEN}`,
        );
      }
      expect(rebuild[0].path).toBe(`${ENTITY_PATH}/job/${JOB_ENCODED}/7`);
    });

    it.each([
      ['the user is not signed in with OpenChoreo', { signedInWith: '' }],
      ['openchoreo.auth.userTokens is off', { userTokens: false }],
    ])('sends no OpenChoreo token when %s', async (_when, options) => {
      const projects = route('get', '/projects', () => ({ projects: [] }));
      const { client } = createClient(options);

      await client.getProjects({ entity, filter: {} });

      expect(projects[0].headers.has('x-openchoreo-token')).toBe(false);
      expect(projects[0].headers.get('authorization')).toBe(
        `Bearer ${BACKSTAGE_TOKEN}`,
      );
    });
  });

  describe('errors, as the Jenkins card reads them', () => {
    it("rejects (instead of answering no projects) with the community backend's 500 and Jenkins' words", async () => {
      const message = `Jenkins API error 404 GET https://jenkins.example.com/job/demo-project/job/inventory-api/api/json?tree=... : Not Found`;
      route('get', '/projects', () =>
        backendError(500, { name: 'Error', message }),
      );
      const { client } = createClient();

      const error = await rejection(client.getProjects({ entity, filter: {} }));

      expect(error).toBeInstanceOf(ResponseError);
      expect(failureStatus(error)).toBe(500);
      expect(failureMessage(error)).toBe(message);
      expect(classifyJenkinsFailure(failureMessage(error))).toBe(
        'job-not-found',
      );
    });

    it.each([
      [
        401,
        'AuthenticationError',
        'Your OpenChoreo sign-in has expired: sign in with OpenChoreo again.',
      ],
      [
        403,
        'NotAllowedError',
        'Jenkins job "other/job" is not the job of component "default/inventory-api" (its jenkins.io/job-full-name is "demo-project/inventory-api"): the portal serves only the component\'s own job.',
      ],
      [
        503,
        'ServiceUnavailableError',
        "Jenkins refused the portal's credentials (401 Unauthorized): check jenkins.apiKey.",
      ],
      [
        504,
        'DeadlineExceededError',
        'OpenChoreo did not answer in time: the portal stopped waiting after 30 s (openchoreo.requestDeadlineMs).',
      ],
    ])(
      'keeps the status %s and the reason %s gave',
      async (status, name, message) => {
        route('get', '/projects', () =>
          backendError(status, { name, message }),
        );
        const { client } = createClient();

        const error = await rejection(
          client.getProjects({ entity, filter: {} }),
        );

        expect(failureStatus(error)).toBe(status);
        expect(failureMessage(error)).toBe(message);
      },
    );

    it('rejects a rebuild the backend refused, with its reason', async () => {
      route('get', '/job/:jobFullName', () => ({
        build: { fullName: JOB, builds: [{ number: 7 }] },
      }));
      const reason =
        'OpenChoreo refused: alice may not start builds of component default/inventory-api.';
      route('post', '/job/:jobFullName/:buildNumber', () =>
        backendError(403, { name: 'NotAllowedError', message: reason }),
      );
      const { client } = createClient();

      const error = await rejection(
        client.retry({ entity, jobFullName: JOB, buildNumber: '7' }),
      );

      expect(failureStatus(error)).toBe(403);
      expect(failureMessage(error)).toBe(reason);
    });

    it('rejects a rebuild that Jenkins accepted but never started', async () => {
      const job = route('get', '/job/:jobFullName', () => ({
        build: { fullName: JOB, builds: [{ number: 7 }] },
      }));
      route('post', '/job/:jobFullName/:buildNumber', () =>
        HttpResponse.json({ job: JOB, rebuilt: 7 }, { status: 201 }),
      );
      const client = new CheckedJenkinsClient({
        discoveryApi: mockApis.discovery({ baseUrl: BACKEND }),
        fetchApi: mockApis.fetch(),
        rebuildTimeoutMs: 30,
        rebuildPollMs: 5,
      });

      await expect(
        client.retry({ entity, jobFullName: JOB, buildNumber: '7' }),
      ).rejects.toThrow(/Jenkins did not start a new build of/);
      expect(job.length).toBeGreaterThanOrEqual(2);
    });
  });
});
