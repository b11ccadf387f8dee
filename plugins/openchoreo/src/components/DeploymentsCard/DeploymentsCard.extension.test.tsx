import { screen } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import type { ExtensionDefinition } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { openchoreoApiRef } from '../../api';
import { makeEntity, mockOpenChoreoApi } from '../../__testUtils__/render';
import { openchoreoPlugin } from '../../plugin';

const card = openchoreoPlugin.getExtension(
  'entity-card:openchoreo/deployments',
) as ExtensionDefinition;

const plainComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'legacy', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

describe('entity-card:openchoreo/deployments', () => {
  it('is on the Overview of OpenChoreo components only', () => {
    const output = createExtensionTester(card).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    expect(output).toBeInstanceOf(Function);
    const filter = output as (entity: Entity) => boolean;
    expect(filter(makeEntity())).toBe(true);
    expect(
      filter(
        makeEntity({ 'jenkins.io/job-full-name': 'library/reading-list' }),
      ),
    ).toBe(true);
    expect(filter(plainComponent)).toBe(false);
    expect(filter({ ...makeEntity(), kind: 'System' })).toBe(false);
  });

  it('renders the card on the entity page', async () => {
    const api = mockOpenChoreoApi({
      getDeployments: jest.fn(async () => ({
        namespace: 'default',
        component: 'reading-list',
        project: 'library',
        autoDeploy: true,
        environments: [],
        latestBuild: {
          state: 'no-workload' as const,
          message:
            'No workload yet: nothing to deploy until a build publishes one.',
        },
        problem: 'The project has no deployment pipeline.',
      })),
    });
    renderTestApp({
      extensions: [createTestEntityPage({ entity: makeEntity() }), card],
      apis: [
        [openchoreoApiRef, api],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
    });
    expect(await screen.findByText('Deployments')).toBeInTheDocument();
    expect(
      await screen.findByText(
        'No workload yet: nothing to deploy until a build publishes one.',
      ),
    ).toBeInTheDocument();
  });
});
