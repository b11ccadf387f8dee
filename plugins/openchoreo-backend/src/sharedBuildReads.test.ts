import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  startBuildsTestStack,
  type BuildsTestStack,
} from './__testUtils__/buildsTestStack';

const USER = mockCredentials.user.header();
const API = '/api/openchoreo';
const RUNS = '/api/v1/namespaces/default/workflowruns';

jest.setTimeout(60_000);

describe('viewers of one running build share its upstream reads', () => {
  let env: BuildsTestStack;
  let stack: BuildsTestStack['stack'];
  let proxy: BuildsTestStack['proxy'];
  let backend: BuildsTestStack['backend'];

  beforeAll(async () => {
    env = await startBuildsTestStack({ statusTtlMs: 10_000 });
    ({ stack, proxy, backend } = env);
  });
  afterAll(() => env?.stop());

  const get = (path: string) =>
    request(backend.server).get(`${API}${path}`).set('Authorization', USER);

  it('200 viewers polling runs, details and logs (each from its own line) cost one upstream read per resource', async () => {
    const started = await request(backend.server)
      .post(`${API}/components/default/greeting-service/workflow-runs`)
      .set('Authorization', USER);
    const name: string = started.body.run.name;
    for (let i = 0; i < 200; i++) {
      const run = await stack.client.workflowRuns.get('default', name);
      if (run.status?.tasks?.some(t => t.phase === 'Running')) break;
      await new Promise(r => setTimeout(r, 10));
    }
    proxy.reset();

    const viewers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        switch (i % 4) {
          case 0:
            return get('/components/default/greeting-service/workflow-runs');
          case 1:
            return get(`/workflow-runs/default/${name}`);
          case 2:
            return get(
              `/workflow-runs/default/${name}/logs?task=checkout-source&fromLine=${
                i % 7
              }`,
            );
          default:
            return get(`/workflow-runs/default/${name}/logs?sinceSeconds=${i}`);
        }
      }),
    );
    expect(viewers.map(v => v.status)).toEqual(Array(200).fill(200));
    const upstream = Object.fromEntries(proxy.counts);
    process.stdout.write(
      `200 viewers, upstream: ${JSON.stringify(upstream)}\n`,
    );
    // The logs of the whole run and of one step are two resources; everything else is one each.
    // (Details need no `/status`: the run carries its steps.)
    expect(upstream).toEqual({
      'GET /api/v1/namespaces/default/workflowruns': 1,
      [`GET ${RUNS}/${name}`]: 1,
      [`GET ${RUNS}/${name}/logs`]: 2,
      'GET /api/v1/clusterworkflows/dockerfile-builder': 1,
    });
  });
});
