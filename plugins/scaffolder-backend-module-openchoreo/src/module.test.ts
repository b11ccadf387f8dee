import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import {
  scaffolderActionsExtensionPoint,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleOpenChoreo } from './module';

describe('scaffolderModuleOpenChoreo', () => {
  it('registers openchoreo:component:create with the scaffolder', async () => {
    const actions: TemplateAction[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...added: TemplateAction[]) => actions.push(...added),
          },
        ],
      ],
      features: [
        scaffolderModuleOpenChoreo,
        eventsServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            openchoreo: {
              baseUrl: 'http://openchoreo.example/api/v1',
              auth: {
                tokenUrl: 'http://idp.example/oauth2/token',
                clientId: 'portal',
                clientSecret: 'secret',
              },
            },
          },
        }),
      ],
    });
    expect(actions.map(a => a.id)).toEqual(['openchoreo:component:create']);
    expect(actions[0].supportsDryRun).toBe(true);
    expect(actions[0].examples?.length).toBeGreaterThan(0);
    expect(actions[0].schema?.input).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['namespace', 'project', 'name']),
    });
  });

  it('fails at start-up naming the missing OpenChoreo setting', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [scaffolderActionsExtensionPoint, { addActions() {} }],
        ],
        features: [
          scaffolderModuleOpenChoreo,
          eventsServiceFactory,
          mockServices.rootConfig.factory({ data: {} }),
        ],
      }),
    ).rejects.toThrow(/openchoreo\.baseUrl/);
  });
});
