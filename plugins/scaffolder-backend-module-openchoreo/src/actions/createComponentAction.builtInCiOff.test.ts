import { NotAllowedError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import type { Devstack } from '@openchoreo-ci/openchoreo-devstack';
import { BUILT_IN_CI_DISABLED_MESSAGE } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  createTestAction,
  startTestDevstack,
} from '../__testUtils__/actionTestbed';
import { recordStoreWrites } from '../__testUtils__/storeWrites';

const NS = 'default';

jest.setTimeout(30_000);

describe('openchoreo:component:create with built-in CI turned off', () => {
  let devstack: Devstack;

  beforeAll(async () => {
    devstack = await startTestDevstack();
  });
  afterAll(async () => {
    await devstack?.close();
  });

  const input = (name: string, source: JsonObject): JsonObject => ({
    namespace: NS,
    project: 'demo-project',
    name,
    componentType: { kind: 'ClusterComponentType', name: 'deployment/service' },
    source,
  });

  it('refuses a built-in workflow source with the reason, before anything is written', async () => {
    const recorder = recordStoreWrites(devstack.api.store, NS, ['Component']);
    const published: unknown[] = [];
    const { run, authorize } = createTestAction(devstack, {
      builtInCi: false,
      events: {
        publish: async params => {
          published.push(params);
        },
        subscribe: async () => {},
      },
    });
    const attempt = run(
      input('ci-off-workflow', {
        type: 'workflow',
        workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
        repository: { url: 'https://github.com/acme/orders' },
      }),
    );
    await expect(attempt).rejects.toThrow(NotAllowedError);
    await expect(attempt).rejects.toThrow(BUILT_IN_CI_DISABLED_MESSAGE);
    recorder.stop();
    expect(recorder.writes).toEqual([]);
    expect(published).toEqual([]);
    expect(authorize).not.toHaveBeenCalled();
  });

  it('still creates a component built by an External CI', async () => {
    const { run } = createTestAction(devstack, { builtInCi: false });
    await run(
      input('ci-off-external', {
        type: 'external-ci',
        platform: 'github-actions',
        identifier: 'acme/orders',
      }),
    );
    expect(
      devstack.api.store.get('Component', NS, 'ci-off-external'),
    ).toBeDefined();
  });
});
