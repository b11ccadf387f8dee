import request from 'supertest';
import { startJenkinsEmulator } from './startJenkinsEmulator';
import {
  GREETING_SERVICE_JOB,
  INVENTORY_API_JOB,
  LEGACY_MONOLITH_JOB,
} from './seedJobs';
import { JenkinsEmulator } from './types';

const GREETING = '/job/demo-project/job/greeting-service';

async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  throw new Error('condition not met within 2s');
}

describe('startJenkinsEmulator', () => {
  let jenkins: JenkinsEmulator;
  const lines: string[] = [];
  const api = (path: string) =>
    request(jenkins.url).get(path).auth(jenkins.username, jenkins.apiToken);

  beforeEach(async () => {
    lines.length = 0;
    jenkins = await startJenkinsEmulator({
      username: 'ci-bot',
      apiToken: 'token-123',
      buildDurationMs: 150,
      logger: line => lines.push(line),
    });
  });

  afterEach(() => jenkins.close());

  it('requires Basic auth with the API token on every call', async () => {
    const missing = await request(jenkins.url).get('/api/json');
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Basic realm="Jenkins"');

    const wrongToken = await request(jenkins.url)
      .get(`${GREETING}/api/json`)
      .auth('ci-bot', 'not-the-token');
    expect(wrongToken.status).toBe(401);
    const wrongUser = await request(jenkins.url)
      .get(`${GREETING}/api/json`)
      .auth('admin', 'token-123');
    expect(wrongUser.status).toBe(401);
    const crumb = await request(jenkins.url).get('/crumbIssuer/api/json');
    expect(crumb.status).toBe(401);

    expect((await api('/api/json')).status).toBe(200);
  });

  it('resolves folder jobs under /job/<folder>/job/<name>/', async () => {
    const folder = await api('/job/demo-project/api/json');
    expect(folder.status).toBe(200);
    expect(folder.body._class).toBe(
      'com.cloudbees.hudson.plugins.folder.Folder',
    );
    expect(folder.body.jobs.map((j: { name: string }) => j.name)).toEqual([
      'greeting-service',
      'inventory-api',
    ]);

    const job = await api(`${GREETING}/api/json`);
    expect(job.body).toMatchObject({
      fullName: GREETING_SERVICE_JOB,
      name: 'greeting-service',
      fullDisplayName: 'demo-project » greeting-service',
      url: `${jenkins.url}${GREETING}/`,
      lastBuild: { number: 5, url: `${jenkins.url}${GREETING}/5/` },
      color: 'blue',
    });
    expect(job.body.builds.map((b: { number: number }) => b.number)).toEqual([
      5, 4, 3, 2, 1,
    ]);

    const top = await api(`/job/${LEGACY_MONOLITH_JOB}/api/json`);
    expect(top.body).toMatchObject({
      _class: 'hudson.model.FreeStyleProject',
      fullName: LEGACY_MONOLITH_JOB,
    });
  });

  it('serves builds with results, git data and test reports', async () => {
    const failed = await api(`${GREETING}/3/api/json`);
    expect(failed.body).toMatchObject({
      number: 3,
      result: 'FAILURE',
      building: false,
      displayName: '#3',
      fullDisplayName: 'demo-project » greeting-service #3',
    });
    const testAction = failed.body.actions.find(
      (a: { _class: string }) =>
        a._class === 'hudson.tasks.junit.TestResultAction',
    );
    expect(testAction).toMatchObject({ failCount: 3, totalCount: 45 });
    const gitAction = failed.body.actions.find(
      (a: { _class: string }) =>
        a._class === 'hudson.plugins.git.util.BuildData',
    );
    expect(gitAction.lastBuiltRevision.SHA1).toMatch(/^c4d5e6f7/);

    const running = await api(
      '/job/demo-project/job/inventory-api/lastBuild/api/json',
    );
    expect(running.body).toMatchObject({
      number: 3,
      building: true,
      result: null,
    });
    const log = await api('/job/demo-project/job/inventory-api/3/consoleText');
    expect(log.type).toBe('text/plain');
    expect(log.text).not.toContain('Finished:');
  });

  it('prunes responses with tree= like Jenkins', async () => {
    const res = await api(
      `${GREETING}/api/json?tree=${encodeURIComponent(
        'name,lastBuild[number,result],builds[number]{0,2}',
      )}`,
    );
    expect(res.body).toEqual({
      _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
      name: 'greeting-service',
      lastBuild: {
        _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
        number: 5,
        result: 'SUCCESS',
      },
      builds: [
        { _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun', number: 5 },
        { _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun', number: 4 },
      ],
    });
    expect((await api(`${GREETING}/api/json?tree=a[`)).status).toBe(400);
  });

  it('answers 404 for unknown jobs and builds', async () => {
    expect((await api('/job/no-such-job/api/json')).status).toBe(404);
    expect((await api('/job/demo-project/job/nope/api/json')).status).toBe(404);
    expect((await api(`${GREETING}/99/api/json`)).status).toBe(404);
    // A job is not a folder: nothing lives below it under /job/.
    expect((await api(`${GREETING}/job/x/api/json`)).status).toBe(404);
  });

  it('starts a running build on POST /build that finishes later', async () => {
    const crumb = await api('/crumbIssuer/api/json');
    expect(crumb.body.crumbRequestField).toBe('Jenkins-Crumb');

    expect((await api(`${GREETING}/build`)).status).toBe(405);
    const rejected = await request(jenkins.url)
      .post(`${GREETING}/build`)
      .auth(jenkins.username, jenkins.apiToken)
      .set('Jenkins-Crumb', 'forged');
    expect(rejected.status).toBe(403);

    const posted = await request(jenkins.url)
      .post(`${GREETING}/build`)
      .auth(jenkins.username, jenkins.apiToken)
      .set('Jenkins-Crumb', crumb.body.crumb);
    expect(posted.status).toBe(201);
    expect(posted.headers.location).toMatch(/\/queue\/item\/\d+\/$/);
    const queued = await api(
      new URL(`${posted.headers.location}api/json`).pathname,
    );
    expect(queued.body.executable.number).toBe(6);

    const running = await api(`${GREETING}/6/api/json`);
    expect(running.body).toMatchObject({ building: true, result: null });
    const job = await api(`${GREETING}/api/json`);
    expect(job.body.lastBuild.number).toBe(6);
    expect(job.body.color).toBe('blue_anime');

    const finished = await waitFor(async () => {
      const res = await api(`${GREETING}/6/api/json`);
      return res.body.building ? undefined : res.body;
    });
    expect(finished.result).toBe('SUCCESS');
    expect(finished.duration).toBeGreaterThanOrEqual(100);
  });

  it('replays a build and triggers builds programmatically', async () => {
    const replay = await request(jenkins.url)
      .post(`${GREETING}/4/replay/rebuild`)
      .auth(jenkins.username, jenkins.apiToken);
    expect(replay.status).toBe(302);
    const replayed = await api(`${GREETING}/6/api/json`);
    const causes = replayed.body.actions.find(
      (a: { _class: string }) => a._class === 'hudson.model.CauseAction',
    ).causes;
    expect(causes[0].shortDescription).toBe('Replayed #4');

    expect(jenkins.triggerBuild(INVENTORY_API_JOB)).toEqual({
      number: 4,
      url: `${jenkins.url}/job/demo-project/job/inventory-api/4/`,
    });
    expect(() => jenkins.triggerBuild('demo-project')).toThrow(
      /No Jenkins job/,
    );
  });

  it('logs one line per request', async () => {
    await api('/job/no-such-job/api/json');
    await request(jenkins.url).get('/api/json');
    await waitFor(async () => (lines.length >= 2 ? true : undefined));
    expect(lines[0]).toMatch(
      /^GET \/job\/no-such-job\/api\/json 404 \d+\.\dms$/,
    );
    expect(lines[1]).toMatch(/^GET \/api\/json 401 /);
  });
});
