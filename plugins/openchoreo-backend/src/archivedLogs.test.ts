import { mockCredentials } from '@backstage/backend-test-utils';
import { signInUser } from '@openchoreo-ci/openchoreo-devstack';
import { OPENCHOREO_USER_TOKEN_HEADER } from '@openchoreo-ci/plugin-openchoreo-common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  startBuildsTestStack,
  type BuildsTestStack,
} from './__testUtils__/buildsTestStack';
import { cloneGreetingService } from './__testUtils__/runFixtures';
import {
  startOpenChoreoTestBackend,
  type OpenChoreoTestBackend,
} from './__testUtils__/testBackend';

const USER = mockCredentials.user.header();
const API = '/api/openchoreo';

jest.setTimeout(60_000);

describe('archived build logs and the build log search (observability plane)', () => {
  let env: BuildsTestStack;
  let store: BuildsTestStack['store'];
  let fresh = 0;

  beforeAll(async () => {
    env = await startBuildsTestStack({ statusTtlMs: 0 });
    store = env.store;
  });
  afterAll(() => env?.stop());

  const get = (path: string, server = env.backend.server) =>
    request(server).get(`${API}${path}`).set('Authorization', USER);

  const newComponent = () => {
    fresh += 1;
    const name = `archived-${fresh}`;
    cloneGreetingService(store, name);
    return name;
  };

  /** Starts a build the devstack simulates (commit `commit`) and waits until it completes. */
  async function completedBuild(component: string, commit: string) {
    fresh += 1;
    const name = `${component}-run-${String(fresh).padStart(8, '0')}`;
    store.create({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'WorkflowRun',
      metadata: {
        name,
        namespace: 'default',
        labels: {
          'openchoreo.dev/project': 'demo-project',
          'openchoreo.dev/component': component,
        },
      },
      spec: {
        workflow: {
          kind: 'ClusterWorkflow',
          name: 'dockerfile-builder',
          parameters: {
            repository: {
              url: 'https://github.com/openchoreo/sample-workloads',
              secretRef: '',
              revision: { branch: 'main', commit },
              appPath: '/service-go-greeter',
            },
          },
        },
      },
    });
    const deadline = Date.now() + 20_000;
    while (!store.get('WorkflowRun', 'default', name)?.status?.completedAt) {
      if (Date.now() > deadline) throw new Error(`${name} did not complete`);
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    return name;
  }

  /** Collects a completed build's pods through the Observer stand-in's control. */
  async function collectPods(run: string) {
    const res = await fetch(
      `${env.stack.devstack.observer.url}/_devstack/workflowruns/default/${run}/collect`,
      { method: 'POST' },
    );
    expect(res.status).toBe(200);
    return (await res.json()) as { archivedLines: number };
  }

  /**
   * Points the default observability plane at a proxy of the Observer that records the claims
   * of every token sent to it, while `fn` runs.
   */
  async function withRecordingObserver(
    fn: (claims: Array<Record<string, unknown>>) => Promise<void>,
  ) {
    const claims: Array<Record<string, unknown>> = [];
    const target = env.stack.devstack.observer.url;
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', chunk => chunks.push(chunk));
      req.on('end', async () => {
        const auth = req.headers.authorization ?? '';
        const payload = auth.replace(/^Bearer /, '').split('.')[1] ?? '';
        claims.push(
          JSON.parse(Buffer.from(payload, 'base64url').toString() || '{}'),
        );
        const answer = await fetch(`${target}${req.url}`, {
          method: req.method,
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: Buffer.concat(chunks),
        });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(await answer.text());
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const plane = store.get('ClusterObservabilityPlane', undefined, 'default')!;
    store.replace({
      ...plane,
      spec: {
        ...plane.spec,
        observerURL: `http://127.0.0.1:${
          (server.address() as AddressInfo).port
        }`,
      },
    });
    try {
      await fn(claims);
    } finally {
      store.replace(plane);
      await new Promise(resolve => server.close(resolve));
    }
  }

  /** Runs `fn` with the default workflow plane's observabilityPlaneRef removed. */
  async function withoutObservabilityPlane(fn: () => Promise<void>) {
    const plane = store.get('ClusterWorkflowPlane', undefined, 'default')!;
    store.replace({ ...plane, spec: { planeID: 'default' } });
    try {
      await fn();
    } finally {
      store.replace(plane);
    }
  }

  describe('logs and events after the pods are collected', () => {
    it('serves live logs while the pods exist, then the archived ones, marked archived', async () => {
      const component = newComponent();
      const run = await completedBuild(component, 'a'.repeat(40));
      const live = await get(
        `/workflow-runs/default/${run}/logs?task=checkout-source`,
      );
      expect(live.body.availability).toBe('live');

      await collectPods(run);
      const logs = await get(
        `/workflow-runs/default/${run}/logs?task=checkout-source`,
      );
      expect(logs.status).toBe(200);
      expect(logs.body.availability).toBe('archived');
      expect(logs.body.message).toContain(
        'Archived by the observability plane',
      );
      expect(logs.body.items.map((l: any) => l.log)).toEqual(
        live.body.items.map((l: any) => l.log),
      );
      expect(logs.body.nextLine).toBe(live.body.items.length);

      const fromLine = await get(
        `/workflow-runs/default/${run}/logs?task=checkout-source&fromLine=3`,
      );
      expect(fromLine.body.items).toEqual(logs.body.items.slice(3));

      const events = await get(
        `/workflow-runs/default/${run}/events?task=build-image`,
      );
      expect(events.body.availability).toBe('archived');
      expect(events.body.items.map((e: any) => e.reason)).toContain('Pulled');
    });

    it('says plainly that no observability plane keeps the logs (not an error)', async () => {
      const component = newComponent();
      const run = await completedBuild(component, 'b'.repeat(40));
      await collectPods(run);
      await withoutObservabilityPlane(async () => {
        const logs = await get(
          `/workflow-runs/default/${run}/logs?task=build-image`,
        );
        expect(logs.status).toBe(200);
        expect(logs.body).toMatchObject({ items: [], availability: 'expired' });
        expect(logs.body.message).toContain('have expired');
        expect(logs.body.message).toContain(
          'workflow plane (ClusterWorkflowPlane "default") has no observability plane',
        );
        const events = await get(`/workflow-runs/default/${run}/events`);
        expect(events.body.availability).toBe('expired');
        expect(events.body.message).toContain('has no observability plane');
      });
    });

    it('reads the archive with the user’s own token (OpenChoreo user tokens on)', async () => {
      const component = newComponent();
      const run = await completedBuild(component, 'c'.repeat(40));
      await collectPods(run);
      const backend: OpenChoreoTestBackend = await startOpenChoreoTestBackend({
        baseUrl: `${env.stack.devstack.api.url}/api/v1`,
        tokenUrl: env.stack.devstack.idp.tokenUrl,
        ...env.stack.devstack.idp.clients.portal,
        statusTtlMs: 0,
        openchoreo: {
          auth: {
            tokenUrl: env.stack.devstack.idp.tokenUrl,
            ...env.stack.devstack.idp.clients.portal,
            userTokens: true,
          },
        },
      });
      try {
        const as = async (user: string) =>
          get(
            `/workflow-runs/default/${run}/logs?task=build-image`,
            backend.server,
          ).set(
            OPENCHOREO_USER_TOKEN_HEADER,
            (await signInUser(env.stack.devstack.idp, user, user)).access_token,
          );
        await withRecordingObserver(async claims => {
          const developer = await as('developer');
          expect(developer.body.availability).toBe('archived');
          expect(claims.length).toBeGreaterThan(0);
          expect(
            claims.every(c => (c.groups as string[])?.includes('developers')),
          ).toBe(true);
        });
        const developer = await as('developer');
        expect(developer.body.availability).toBe('archived');
        expect(developer.body.items.length).toBeGreaterThan(0);
        // The outsider may not read the run: with the portal's service account the archive
        // would answer; with the outsider's token the API refuses first.
        const outsider = await as('outsider');
        expect(outsider.status).toBe(403);
      } finally {
        await backend.stop();
      }
    });
  });

  describe('search across builds', () => {
    it('lists exactly the builds whose logs contain the phrase, newest first, with step and line', async () => {
      const component = newComponent();
      const commits = ['1', 'd', '2', 'd', '3'].map(c =>
        c === 'd' ? `deadbee${'0'.repeat(33)}` : c.repeat(40),
      );
      const runs: string[] = [];
      for (const commit of commits)
        runs.push(await completedBuild(component, commit));
      await collectPods(runs[0]);

      const res = await get(
        `/components/default/${component}/log-search?phrase=${encodeURIComponent(
          'HEAD is now at deadbee',
        )}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.observability).toBe('available');
      expect(res.body.searchedBuilds).toBe(5);
      expect(res.body.truncated).toBe(false);
      expect(res.body.builds.map((b: any) => b.run)).toEqual([
        runs[3],
        runs[1],
      ]);
      const [newest] = res.body.builds;
      expect(newest.steps).toHaveLength(1);
      expect(newest.steps[0].step).toBe('checkout-source');
      const [match] = newest.steps[0].matches;
      expect(match.text).toBe('HEAD is now at deadbee');
      const step = await get(
        `/workflow-runs/default/${runs[3]}/logs?task=checkout-source`,
      );
      expect(step.body.items[match.line - 1].log).toBe(
        'HEAD is now at deadbee',
      );

      const nothing = await get(
        `/components/default/${component}/log-search?phrase=no-such-phrase`,
      );
      expect(nothing.body.builds).toEqual([]);
    });

    it('says when no observability plane keeps build logs', async () => {
      const component = newComponent();
      await completedBuild(component, 'e'.repeat(40));
      await withoutObservabilityPlane(async () => {
        const res = await get(
          `/components/default/${component}/log-search?phrase=HEAD`,
        );
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          builds: [],
          observability: 'none',
          searchedBuilds: 0,
          unsearchedBuilds: 1,
        });
        expect(res.body.message).toContain('has no observability plane');
      });
    });

    it('refuses a phrase that is too short, and a caller who may not read the builds', async () => {
      const bad = await get(
        '/components/default/greeting-service/log-search?phrase=a',
      );
      expect(bad.status).toBe(400);
      const backend = await startOpenChoreoTestBackend({
        baseUrl: `${env.stack.devstack.api.url}/api/v1`,
        tokenUrl: env.stack.devstack.idp.tokenUrl,
        ...env.stack.devstack.idp.clients.portal,
        deny: ['openchoreo.workflowrun.read'],
      });
      try {
        const denied = await get(
          '/components/default/greeting-service/log-search?phrase=HEAD',
          backend.server,
        );
        expect(denied.status).toBe(403);
      } finally {
        await backend.stop();
      }
    });
  });
});
