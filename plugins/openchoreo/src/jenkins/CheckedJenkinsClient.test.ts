import { CheckedJenkinsClient } from './CheckedJenkinsClient';

const ENTITY = {
  kind: 'Component',
  namespace: 'default',
  name: 'inventory-api',
};
const JOB = 'demo-project/inventory-api';
const BASE =
  'http://backstage/api/openchoreo/jenkins/v1/entity/default/Component/inventory-api';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

function client(
  answer: (url: string, init?: RequestInit) => Response,
  userToken?: () => Promise<string | undefined>,
) {
  const fetch = jest.fn(async (url: string, init?: RequestInit) =>
    answer(url, init),
  );
  return {
    fetch,
    jenkins: new CheckedJenkinsClient({
      discoveryApi: {
        getBaseUrl: async () => 'http://backstage/api/openchoreo',
      },
      fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
      rebuildTimeoutMs: 50,
      rebuildPollMs: 10,
      userToken,
    }),
  };
}

const jobWith = (numbers: number[], inQueue = false) =>
  json({
    build: {
      fullName: JOB,
      inQueue,
      builds: numbers.map(number => ({ number })),
    },
  });

describe('CheckedJenkinsClient', () => {
  it("sends the user's OpenChoreo token with every call when it has one, and none otherwise", async () => {
    const signedIn = client(
      () => jobWith([1]),
      async () => 'user-token',
    );
    await signedIn.jenkins.getJobBuilds({ entity: ENTITY, jobFullName: JOB });
    await signedIn.jenkins
      .retry({ entity: ENTITY, jobFullName: JOB, buildNumber: '1' })
      .catch(() => undefined);
    expect(signedIn.fetch.mock.calls.length).toBeGreaterThan(2);
    for (const [, init] of signedIn.fetch.mock.calls) {
      expect(init?.headers).toEqual({ 'x-openchoreo-token': 'user-token' });
    }
    const anonymous = client(() => jobWith([1]));
    await anonymous.jenkins.getJobBuilds({ entity: ENTITY, jobFullName: JOB });
    expect(anonymous.fetch.mock.calls[0][1]?.headers).toEqual({});
  });

  it('rejects with the backend message when the projects call fails (the community client says "no projects")', async () => {
    const { jenkins } = client(() =>
      json(
        {
          error: { name: 'Error', message: 'Jenkins API error 404 GET ...' },
          request: { method: 'GET', url: '/v1/entity/default/component/x' },
          response: { statusCode: 500 },
        },
        500,
      ),
    );
    await expect(
      jenkins.getProjects({ entity: ENTITY, filter: {} }),
    ).rejects.toMatchObject({
      statusCode: 500,
      body: { error: { message: 'Jenkins API error 404 GET ...' } },
    });
  });

  it('returns the projects with a restart action and passes the branch filter', async () => {
    const { jenkins, fetch } = client(() =>
      json({ projects: [{ fullName: JOB, lastBuild: { number: 3 } }] }),
    );
    const [project] = await jenkins.getProjects({
      entity: ENTITY,
      filter: { branch: 'main' },
    });
    expect(project.fullName).toBe(JOB);
    expect(typeof project.onRestartClick).toBe('function');
    expect(fetch.mock.calls[0][0]).toBe(`${BASE}/projects?branch=main`);
  });

  it('refuses to rebuild a build that does not exist, before calling Jenkins', async () => {
    const { jenkins, fetch } = client(() => jobWith([1, 2]));
    await expect(
      jenkins.retry({ entity: ENTITY, jobFullName: JOB, buildNumber: '7' }),
    ).rejects.toThrow(`Jenkins job ${JOB} has no build #7 to rebuild`);
    expect(fetch.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(
      false,
    );
  });

  it('tells the truth when Jenkins answered the rebuild with 200 but started nothing', async () => {
    const { jenkins } = client(() => jobWith([1, 2]));
    await expect(
      jenkins.retry({ entity: ENTITY, jobFullName: JOB, buildNumber: '2' }),
    ).rejects.toThrow(
      /Jenkins did not start a new build of demo-project\/inventory-api/,
    );
  });

  it('resolves once Jenkins shows the new build', async () => {
    let posted = false;
    const { jenkins, fetch } = client((_, init) => {
      if (init?.method === 'POST') {
        posted = true;
        return json({});
      }
      return posted ? jobWith([1, 2, 3]) : jobWith([1, 2]);
    });
    await jenkins.retry({ entity: ENTITY, jobFullName: JOB, buildNumber: '2' });
    const post = fetch.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(post?.[0]).toBe(`${BASE}/job/${encodeURIComponent(JOB)}/2`);
  });

  it('counts a queued job as started', async () => {
    let posted = false;
    const { jenkins } = client((_, init) => {
      if (init?.method === 'POST') {
        posted = true;
        return json({});
      }
      return jobWith([1, 2], posted);
    });
    await expect(
      jenkins.retry({ entity: ENTITY, jobFullName: JOB, buildNumber: '1' }),
    ).resolves.toBeUndefined();
  });
});
