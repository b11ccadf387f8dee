import {
  ResourceStore,
  type ResourceObject,
} from '@openchoreo-ci/openchoreo-devstack';
import { recordStoreWrites } from './storeWrites';

const component = (name: string, namespace = 'default'): ResourceObject => ({
  apiVersion: 'openchoreo.dev/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace },
  spec: { owner: { projectName: 'demo-project' } },
});

describe('recordStoreWrites', () => {
  it('sets status-only replacements apart and counts every other write', () => {
    const store = new ResourceStore();
    const seeded = store.create(component('seeded'));
    const recorder = recordStoreWrites(store, 'default', ['Component']);

    // A controller's status write on an object that existed before recording started.
    store.replace({ ...seeded, status: { conditions: [{ type: 'Ready' }] } });
    const created = store.create(component('new'));
    store.replace({ ...created, status: { phase: 'Ready' } });
    // A PUT that changes the spec, one that changes an annotation, one that changes nothing.
    const withStatus = store.get('Component', 'default', 'new')!;
    store.replace({ ...withStatus, spec: { ...withStatus.spec, x: 1 } });
    const changed = store.get('Component', 'default', 'new')!;
    store.replace({
      ...changed,
      metadata: { ...changed.metadata, annotations: { a: 'b' } },
    });
    store.replace(store.get('Component', 'default', 'new')!);
    // Status and spec together is not a status-only write.
    const last = store.get('Component', 'default', 'new')!;
    store.replace({ ...last, spec: {}, status: {} });
    store.delete('Component', 'default', 'new');
    recorder.stop();
    store.create(component('after-stop'));

    expect(
      recorder.writes.map(w => `${w.type} ${w.object.metadata.name}`),
    ).toEqual([
      'created new',
      'replaced new',
      'replaced new',
      'replaced new',
      'replaced new',
      'deleted new',
    ]);
    expect(
      recorder.statusWrites.map(w => `${w.type} ${w.object.metadata.name}`),
    ).toEqual(['replaced seeded', 'replaced new']);
  });

  it('ignores other kinds and namespaces', () => {
    const store = new ResourceStore();
    const recorder = recordStoreWrites(store, 'default', ['Workload']);
    store.create(component('c'));
    store.create({ ...component('w', 'other'), kind: 'Workload' });
    store.create({ ...component('w'), kind: 'Workload' });
    expect(recorder.writes.map(w => w.object.metadata.name)).toEqual(['w']);
    expect(recorder.writes[0].object.metadata.namespace).toBe('default');
  });
});
