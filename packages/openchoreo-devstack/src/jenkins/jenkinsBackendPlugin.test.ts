import jenkinsPlugin from '@backstage-community/plugin-jenkins-backend';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import {
  DEMO_PROJECT_FOLDER,
  GREETING_SERVICE_JOB,
  INVENTORY_API_JOB,
  LEGACY_MONOLITH_JOB,
} from './seedJobs';
import { startJenkinsEmulator } from './startJenkinsEmulator';
import { JenkinsEmulator } from './types';

// The real community Jenkins backend plugin, talking to the emulator over HTTP.

function component(name: string, jobFullName: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'jenkins.io/job-full-name': jobFullName },
    },
    spec: { type: 'service', lifecycle: 'experimental', owner: 'guests' },
  };
}

const entities = [
  component('greeting-service', GREETING_SERVICE_JOB),
  component('inventory-api', INVENTORY_API_JOB),
  component('legacy-monolith', LEGACY_MONOLITH_JOB),
  component('demo-project', DEMO_PROJECT_FOLDER),
];

async function startBackend(jenkins: JenkinsEmulator, apiKey: string) {
  const { server } = await startTestBackend({
    features: [
      jenkinsPlugin,
      mockServices.rootConfig.factory({
        data: {
          jenkins: {
            baseUrl: jenkins.url,
            username: jenkins.username,
            apiKey,
          },
        },
      }),
      catalogServiceMock.factory({ entities }),
    ],
  });
  return server;
}

describe('@backstage-community/plugin-jenkins-backend against the emulator', () => {
  let jenkins: JenkinsEmulator;
  let server: Awaited<ReturnType<typeof startBackend>>;
  const get = (path: string) =>
    request(server)
      .get(`/api/jenkins/v1/entity/default/component/${path}`)
      .set('Authorization', mockCredentials.user.header());

  beforeAll(async () => {
    jenkins = await startJenkinsEmulator({ buildDurationMs: 60_000 });
    server = await startBackend(jenkins, jenkins.apiToken);
  });

  afterAll(async () => {
    await jenkins.close();
  });

  it('lists the greeting service project with its last build', async () => {
    const res = await get('greeting-service/projects');
    expect(res.status).toBe(200);
    expect(res.body.projects).toHaveLength(1);
    const [project] = res.body.projects;
    expect(project).toMatchObject({
      fullName: GREETING_SERVICE_JOB,
      displayName: 'greeting-service',
      status: 'SUCCESS',
      lastBuild: {
        number: 5,
        result: 'SUCCESS',
        building: false,
        status: 'SUCCESS',
        displayName: '#5',
        fullDisplayName: 'demo-project » greeting-service #5',
        url: `${jenkins.url}/job/demo-project/job/greeting-service/5/`,
        source: {
          branchName: 'refs/remotes/origin/main',
          commit: { hash: '5b6c7d8e' },
        },
        tests: {
          total: 46,
          passed: 46,
          failed: 0,
          skipped: 0,
          testUrl: `${jenkins.url}/job/demo-project/job/greeting-service/5/testReport/`,
        },
      },
    });
    expect(typeof project.lastBuild.timestamp).toBe('number');
    expect(project.lastBuild.duration).toBe(176_000);
  });

  it('reports the running inventory API build as running', async () => {
    const res = await get('inventory-api/projects');
    expect(res.status).toBe(200);
    expect(res.body.projects[0]).toMatchObject({
      status: 'running',
      lastBuild: { number: 3, building: true, result: null, status: 'running' },
    });
  });

  it('lists every job of a folder and a top-level job', async () => {
    const folder = await get('demo-project/projects');
    expect(folder.status).toBe(200);
    expect(
      folder.body.projects.map((p: { fullName: string; status: string }) => [
        p.fullName,
        p.status,
      ]),
    ).toEqual([
      [GREETING_SERVICE_JOB, 'SUCCESS'],
      [INVENTORY_API_JOB, 'running'],
    ]);

    const legacy = await get('legacy-monolith/projects');
    expect(legacy.body.projects[0]).toMatchObject({
      fullName: LEGACY_MONOLITH_JOB,
      status: 'SUCCESS',
      lastBuild: {
        number: 3,
        source: { branchName: 'refs/remotes/origin/master' },
      },
    });
  });

  it('returns a single build by number with its status', async () => {
    const job = encodeURIComponent(GREETING_SERVICE_JOB);
    const failed = await get(`greeting-service/job/${job}/3`);
    expect(failed.status).toBe(200);
    expect(failed.body.build).toMatchObject({
      number: 3,
      result: 'FAILURE',
      status: 'FAILURE',
      source: { commit: { hash: 'c4d5e6f7' } },
      tests: { total: 45, failed: 3, skipped: 1, passed: 41 },
    });
    const ok = await get(`greeting-service/job/${job}/1`);
    expect(ok.body.build).toMatchObject({ number: 1, status: 'SUCCESS' });
  });

  it('returns the build history and the console text of a job', async () => {
    const job = encodeURIComponent(GREETING_SERVICE_JOB);
    const history = await get(`greeting-service/job/${job}`);
    expect(history.status).toBe(200);
    expect(history.body.build.fullName).toBe(GREETING_SERVICE_JOB);
    expect(
      history.body.build.builds.map((b: { number: number; result: string }) => [
        b.number,
        b.result,
      ]),
    ).toEqual([
      [5, 'SUCCESS'],
      [4, 'SUCCESS'],
      [3, 'FAILURE'],
      [2, 'SUCCESS'],
      [1, 'SUCCESS'],
    ]);

    const log = await get(`greeting-service/job/${job}/3/consoleText`);
    expect(log.status).toBe(200);
    expect(log.body.consoleText).toContain('Finished: FAILURE');
  });

  it('replays a build through the plugin', async () => {
    const job = encodeURIComponent(INVENTORY_API_JOB);
    const res = await request(server)
      .post(
        `/api/jenkins/v1/entity/default/component/inventory-api/job/${job}/2`,
      )
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const projects = await get('inventory-api/projects');
    expect(projects.body.projects[0].lastBuild).toMatchObject({
      number: 4,
      status: 'running',
    });
  });

  it('fails when the plugin is configured with a wrong API key', async () => {
    const wrong = await startBackend(jenkins, 'wrong-key');
    const res = await request(wrong)
      .get('/api/jenkins/v1/entity/default/component/greeting-service/projects')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).toContain('401');
  });
});
