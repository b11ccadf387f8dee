import request from 'supertest';
import { ManualClock } from '../api/simulation/clock';
import { seededStore, workflowRun } from '../api/simulation/testFixtures';
import { WorkflowRunSimulator } from '../api/simulation/WorkflowRunSimulator';
import type { ResourceStore } from '../api/store';
import { archiveCompletedRuns, ObserverArchive } from './archive';
import { createObserverRouter } from './router';

describe('archiving builds into the Observer', () => {
  let clock: ManualClock;
  let store: ResourceStore;
  let simulator: WorkflowRunSimulator;
  let archive: ObserverArchive;
  let stop: () => void;

  beforeEach(() => {
    clock = new ManualClock('2026-03-01T10:00:00Z');
    store = seededStore(clock);
    simulator = new WorkflowRunSimulator({ store, clock });
    archive = new ObserverArchive();
    stop = archiveCompletedRuns(store, archive, simulator);
    simulator.start();
  });

  afterEach(() => {
    stop();
    simulator.stop();
  });

  const app = () =>
    createObserverRouter({
      auth: {
        issuer: 'http://127.0.0.1:1',
        jwksUri: 'http://127.0.0.1:1/jwks',
      },
      archive,
      store,
      source: simulator,
      collectPods: (ns, name) => simulator.expireLogs(ns, name),
    });

  it('keeps every step’s lines and events once the build completes, after its pods are collected and the run deleted', async () => {
    store.create(workflowRun('cart-run-1'));
    await clock.advance(5_000);
    expect(archive.has('default', 'cart-run-1')).toBe(false);
    await clock.advance(13_500);

    const archived = archive.get('default', 'cart-run-1')!;
    const live = simulator.logs('default', 'cart-run-1', {})!;
    expect(archived.lines.map(l => l.log)).toEqual(live.map(l => l.log));
    expect(
      archived.lines.filter(l => l.task === 'checkout-source').map(l => l.log),
    ).toEqual(
      simulator
        .logs('default', 'cart-run-1', { task: 'checkout-source' })!
        .map(l => l.log),
    );
    expect(archived.hierarchy).toEqual({
      namespace: 'default',
      project: 'shop',
      component: 'cart',
    });
    expect(archived.events.map(e => e.reason)).toEqual(
      simulator.events('default', 'cart-run-1', {})!.map(e => e.reason),
    );

    const collected = await request(app()).post(
      '/_devstack/workflowruns/default/cart-run-1/collect',
    );
    expect(collected.status).toBe(200);
    expect(collected.body).toEqual({
      collected: true,
      archivedLines: live.length,
    });
    expect(simulator.logs('default', 'cart-run-1', {})).toBeUndefined();

    store.delete('WorkflowRun', 'default', 'cart-run-1');
    expect(archive.get('default', 'cart-run-1')?.lines).toHaveLength(
      live.length,
    );
  });

  it('refuses to collect a build that is still running, or unknown', async () => {
    store.create(workflowRun('cart-run-2'));
    await clock.advance(5_000);
    const running = await request(app()).post(
      '/_devstack/workflowruns/default/cart-run-2/collect',
    );
    expect(running.status).toBe(409);
    expect(simulator.logs('default', 'cart-run-2', {})).toBeDefined();
    const unknown = await request(app()).post(
      '/_devstack/workflowruns/default/nope/collect',
    );
    expect(unknown.status).toBe(404);
  });
});
