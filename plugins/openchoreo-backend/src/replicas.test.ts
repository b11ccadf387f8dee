import { mockCredentials } from '@backstage/backend-test-utils';
import type { Server } from 'node:http';
import request from 'supertest';
import { readEditableAnnotations } from './__testUtils__/annotations';
import { startTestDevstack, type TestDevstack } from './__testUtils__/devstack';
import {
  newTestRun,
  replicaBackendConfig,
  sharedServicesFromEnv,
} from './__testUtils__/sharedServices';
import {
  startOpenChoreoTestBackend,
  type OpenChoreoTestBackend,
} from './__testUtils__/testBackend';

const USER = mockCredentials.user.header();
const API = '/api/openchoreo';
const COMPONENT = 'greeting-service';
/** Another component, so that the pairs are not disturbed by the other tests' edits. */
const PAIRS_COMPONENT = 'legacy-monolith';
const LABEL = `openchoreo.dev/component=${COMPONENT}`;

jest.setTimeout(120_000);

/**
 * Two backend replicas, as Backstage is scaled: one PostgreSQL (the annotation edit lock), one
 * Redis (status cache and idempotency records), one devstack. Needs the real engines; see
 * `sharedServicesFromEnv` for the variables.
 */
describe('two replicas on one PostgreSQL and one Redis', () => {
  let stack: TestDevstack;
  const replicas: OpenChoreoTestBackend[] = [];
  const server = (i: number): Server => replicas[i % replicas.length].server;

  beforeAll(async () => {
    const services = sharedServicesFromEnv();
    stack = await startTestDevstack();
    const run = newTestRun();
    for (let i = 0; i < 2; i += 1) {
      replicas.push(
        await startOpenChoreoTestBackend({
          baseUrl: stack.devstack.api.url,
          tokenUrl: stack.devstack.idp.tokenUrl,
          ...stack.devstack.idp.clients.portal,
          statusTtlMs: 2000,
          extraConfig: replicaBackendConfig(services, run),
        }),
      );
    }
  });
  afterAll(async () => {
    await Promise.all(replicas.map(r => r.stop()));
    await stack?.devstack.close();
  });

  /** How one client's edit ended, and any answer it did not expect. */
  interface EditResult {
    saved: boolean;
    /** Some attempt ended at the deadline (504): its outcome was unknown until repeated. */
    uncertain: boolean;
    unexpected: string[];
  }

  /**
   * Reads the annotations and adds `key`; after a 409 or a 504 reads again and repeats, like a
   * person reloading the dialog.
   */
  async function addAnnotation(i: number, key: string): Promise<EditResult> {
    const result: EditResult = {
      saved: false,
      uncertain: false,
      unexpected: [],
    };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const current = await request(server(i + attempt))
        .get(`${API}/components/default/${COMPONENT}/annotations`)
        .set('Authorization', USER);
      if (current.status !== 200) {
        result.unexpected.push(`GET ${current.status}`);
        continue;
      }
      const res = await request(server(i + attempt + 1))
        .put(`${API}/components/default/${COMPONENT}/annotations`)
        .set('Authorization', USER)
        .send({
          expected: current.body.annotations,
          annotations: { ...current.body.annotations, [key]: 'saved' },
        });
      if (res.status === 200 && res.body.annotations[key] === 'saved') {
        result.saved = true;
        return result;
      }
      if (res.status === 504) {
        // The deadline passed while waiting for its turn (many edits of one component).
        result.uncertain = true;
      } else if (
        res.status !== 409 ||
        !res.body.error.message.includes('changed by someone else')
      ) {
        result.unexpected.push(`PUT ${res.status}`);
      }
      await new Promise(r => setTimeout(r, Math.random() * 50));
    }
    return result;
  }

  it('100 concurrent annotation edits spread over both: every 200 is in the final annotations', async () => {
    const keys = Array.from({ length: 100 }, (_, i) => `replica-edit-${i}`);
    const results = await Promise.all(
      keys.map((key, i) => addAnnotation(i, key)),
    );
    const component = await stack.client.components.get('default', COMPONENT);
    const final = component.metadata.annotations ?? {};
    const savedKeys = keys.filter((_, i) => results[i].saved);
    const lost = savedKeys.filter(key => final[key] !== 'saved');
    process.stdout.write(
      `replicas: ${savedKeys.length} of 100 edits answered 200, ${lost.length} of them lost\n`,
    );
    expect(results.flatMap(r => r.unexpected)).toEqual([]);
    expect(lost).toEqual([]);
    // Edits of one component take turns, so few of 100 simultaneous ones get through; enough.
    expect(savedKeys.length).toBeGreaterThanOrEqual(2);
    // Nothing that was plainly refused got in either.
    const refusedButApplied = keys.filter(
      (key, i) =>
        !results[i].saved && !results[i].uncertain && final[key] !== undefined,
    );
    expect(refusedButApplied).toEqual([]);
  });

  it('50 pairs of simultaneous edits, one per replica: exactly one of each pair is saved, none lost', async () => {
    const outcomes: string[] = [];
    const savedKeys: string[] = [];
    for (let pair = 0; pair < 50; pair += 1) {
      const expected = await readEditableAnnotations(
        stack.client,
        'default',
        PAIRS_COMPONENT,
      );
      const keys = [`pair-${pair}-a`, `pair-${pair}-b`];
      const answers = await Promise.all(
        keys.map((key, i) =>
          request(server(i))
            .put(`${API}/components/default/${PAIRS_COMPONENT}/annotations`)
            .set('Authorization', USER)
            .send({ expected, annotations: { ...expected, [key]: 'saved' } }),
        ),
      );
      outcomes.push(
        answers
          .map(a => a.status)
          .sort()
          .join(' and '),
      );
      savedKeys.push(...keys.filter((_, i) => answers[i].status === 200));
    }
    const final =
      (await stack.client.components.get('default', PAIRS_COMPONENT)).metadata
        .annotations ?? {};
    const lost = savedKeys.filter(key => final[key] !== 'saved');
    const bothSaved = outcomes.filter(o => o === '200 and 200').length;
    process.stdout.write(
      `replicas: 50 pairs of simultaneous edits: ${bothSaved} pairs both answered 200, ${lost.length} saved edits lost\n`,
    );
    expect(outcomes.filter(o => o !== '200 and 409')).toEqual([]);
    expect(lost).toEqual([]);
  });

  it('50 concurrent build triggers with one key spread over both create exactly one run', async () => {
    const before = await stack.client.workflowRuns.listAll('default', {
      labelSelector: LABEL,
    });
    const key = `replicas-${newTestRun()}`;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        request(server(i))
          .post(`${API}/components/default/${COMPONENT}/workflow-runs`)
          .set('Authorization', USER)
          .set('Idempotency-Key', key),
      ),
    );
    expect(responses.map(r => r.status)).toEqual(Array(50).fill(201));
    const names = new Set(responses.map(r => r.body.run.name));
    expect(names.size).toBe(1);
    expect([...names][0]).toMatch(new RegExp(`^${COMPONENT}-run-[0-9a-f]{8}$`));
    expect(responses.filter(r => r.body.replayed === false)).toHaveLength(1);

    const known = new Set(before.map(r => r.metadata.name));
    const created = (
      await stack.client.workflowRuns.listAll('default', {
        labelSelector: LABEL,
      })
    ).filter(r => !known.has(r.metadata.name));
    process.stdout.write(
      `replicas: 50 triggers with one key made ${created.length} run(s)\n`,
    );
    expect(created.map(r => r.metadata.name)).toEqual([...names]);
  });

  it('a repeat on the other replica after the idempotency record is gone still replays the run', async () => {
    const key = `replicas-${newTestRun()}`;
    const post = (i: number) =>
      request(server(i))
        .post(`${API}/components/default/${COMPONENT}/workflow-runs`)
        .set('Authorization', USER)
        .set('Idempotency-Key', key);
    const first = await post(0);
    expect(first.status).toBe(201);
    // A fresh replica with its own empty Redis namespace: no record of the first attempt.
    const stranger = await startOpenChoreoTestBackend({
      baseUrl: stack.devstack.api.url,
      tokenUrl: stack.devstack.idp.tokenUrl,
      ...stack.devstack.idp.clients.portal,
      extraConfig: replicaBackendConfig(sharedServicesFromEnv(), newTestRun()),
    });
    try {
      const repeat = await request(stranger.server)
        .post(`${API}/components/default/${COMPONENT}/workflow-runs`)
        .set('Authorization', USER)
        .set('Idempotency-Key', key);
      expect(repeat.status).toBe(201);
      expect(repeat.body.replayed).toBe(true);
      expect(repeat.body.run.name).toBe(first.body.run.name);
      expect(repeat.headers['idempotent-replayed']).toBe('true');
    } finally {
      await stranger.stop();
    }
  });
});
