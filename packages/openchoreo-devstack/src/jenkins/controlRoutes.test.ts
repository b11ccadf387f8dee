import request from 'supertest';
import { startJenkinsEmulator } from './startJenkinsEmulator';
import { JenkinsEmulator } from './types';

describe('Jenkins emulator: test control over HTTP (/_devstack)', () => {
  let jenkins: JenkinsEmulator;
  const control = () => request(jenkins.url);
  const api = (path: string) =>
    request(jenkins.url).get(path).auth(jenkins.username, jenkins.apiToken);

  beforeEach(async () => {
    jenkins = await startJenkinsEmulator({ buildDurationMs: 100 });
  });
  afterEach(() => jenkins.close());

  it('creates a job without builds, then adds a finished build to it', async () => {
    const created = await control()
      .post('/_devstack/jobs')
      .send({ full_name: 'demo-project/new-service' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      full_name: 'demo-project/new-service',
      url: `${jenkins.url}/job/demo-project/job/new-service/`,
    });
    const empty = await api('/job/demo-project/job/new-service/api/json');
    expect(empty.body).toMatchObject({
      fullName: 'demo-project/new-service',
      builds: [],
      lastBuild: null,
      color: 'notbuilt',
    });
    // The folder already existed: the seeded jobs are still in it.
    const folder = await api('/job/demo-project/api/json');
    expect(folder.body.jobs.map((j: { name: string }) => j.name)).toEqual([
      'greeting-service',
      'inventory-api',
      'new-service',
    ]);

    const added = await control()
      .post('/_devstack/jobs/demo-project/new-service/builds')
      .send({
        result: 'FAILURE',
        commit: 'abc1234def5678',
        branch: 'feature/x',
        duration_ms: 42_000,
      });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      number: 1,
      url: `${jenkins.url}/job/demo-project/job/new-service/1/`,
      building: false,
      result: 'FAILURE',
    });
    const build = await api('/job/demo-project/job/new-service/1/api/json');
    expect(build.body).toMatchObject({
      number: 1,
      result: 'FAILURE',
      building: false,
      duration: 42_000,
    });
    const gitData = build.body.actions.find(
      (a: { _class: string }) =>
        a._class === 'hudson.plugins.git.util.BuildData',
    );
    expect(gitData.lastBuiltRevision).toMatchObject({
      SHA1: 'abc1234def5678',
      branch: [{ name: 'refs/remotes/origin/feature/x' }],
    });
    expect(build.body.timestamp).toBeLessThanOrEqual(Date.now() - 42_000);
    const log = await control()
      .get('/job/demo-project/job/new-service/1/consoleText')
      .auth(jenkins.username, jenkins.apiToken);
    expect(log.text).toContain(
      'Checking out Revision abc1234def5678 (refs/remotes/origin/feature/x)',
    );
  });

  it('starts a running build that finishes by itself when no result is given', async () => {
    const started = await control()
      .post('/_devstack/jobs/legacy-monolith/builds')
      .send({});
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      number: 4,
      building: true,
      result: null,
    });
    expect((await api('/job/legacy-monolith/4/api/json')).body.building).toBe(
      true,
    );
    await new Promise(resolve => setTimeout(resolve, 250));
    expect((await api('/job/legacy-monolith/4/api/json')).body).toMatchObject({
      building: false,
      result: 'SUCCESS',
    });
  });

  it('tells what is wrong with a control request', async () => {
    const cases: Array<[string, object, number, RegExp]> = [
      ['/_devstack/jobs', {}, 422, /full_name must be folders and a name/],
      ['/_devstack/jobs', { full_name: '/job/a' }, 422, /separated by "\/"/],
      [
        '/_devstack/jobs',
        { full_name: 'a/b?c' },
        422,
        /character Jenkins refuses/,
      ],
      [
        '/_devstack/jobs',
        { full_name: 'a\nb' },
        422,
        /character Jenkins refuses/,
      ],
      [
        '/_devstack/jobs',
        { full_name: 'x', type: 'matrix' },
        422,
        /type must be/,
      ],
      [
        '/_devstack/jobs',
        { full_name: 'demo-project' },
        409,
        /already has a folder named 'demo-project'/,
      ],
      [
        '/_devstack/jobs',
        { full_name: 'legacy-monolith/x' },
        409,
        /legacy-monolith is a job, not a folder/,
      ],
      [
        '/_devstack/jobs/nope/builds',
        {},
        404,
        /No Jenkins job named 'nope'; create it with POST \/_devstack\/jobs/,
      ],
      [
        '/_devstack/jobs/demo-project/builds',
        {},
        404,
        /No Jenkins job named 'demo-project'/,
      ],
      [
        '/_devstack/jobs/legacy-monolith/builds',
        { result: 'GREAT' },
        422,
        /^result must be one of SUCCESS, FAILURE/,
      ],
      [
        '/_devstack/jobs/legacy-monolith/builds',
        { commit: 'xyz' },
        422,
        /commit must be/,
      ],
      [
        '/_devstack/jobs/legacy-monolith/builds',
        { result: 'SUCCESS', duration_ms: -1 },
        422,
        /duration_ms/,
      ],
    ];
    for (const [path, body, status, message] of cases) {
      const res = await control().post(path).send(body);
      expect({ path, body, status: res.status }).toEqual({
        path,
        body,
        status,
      });
      expect(res.body.message).toMatch(message);
    }
    // Nothing was added by the refused requests.
    expect(
      (await api('/job/legacy-monolith/api/json')).body.builds,
    ).toHaveLength(3);
  });

  it('keeps the Jenkins API itself behind the API token', async () => {
    await control().post('/_devstack/jobs').send({ full_name: 'open' });
    expect((await control().get('/job/open/api/json')).status).toBe(401);
  });
});
