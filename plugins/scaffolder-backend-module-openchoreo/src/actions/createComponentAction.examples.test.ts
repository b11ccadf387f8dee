import { mockServices } from '@backstage/backend-test-utils';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';
import {
  startDevstack,
  type Devstack,
} from '@openchoreo-ci/openchoreo-devstack';
import {
  createComponentInputSchema,
  EXTERNAL_CI_ANNOTATIONS,
  OPENCHOREO_DESCRIPTION_ANNOTATION,
  OPENCHOREO_DISPLAY_NAME_ANNOTATION,
  type CreateComponentInput,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { createOpenChoreoClientService } from '@openchoreo-ci/plugin-openchoreo-node';
import yaml from 'yaml';
import { z } from 'zod/v3';
import {
  CREATE_COMPONENT_ACTION_ID,
  createComponentAction,
} from './createComponentAction';
import { examples } from './createComponentAction.examples';

/** One documented example: its single step, and its input as the action's schema reads it. */
function stepOf(example: (typeof examples)[number]) {
  const { steps } = yaml.parse(example.example) as {
    steps: Array<{ action: string; input: JsonObject }>;
  };
  expect(steps).toHaveLength(1);
  const input: CreateComponentInput = createComponentInputSchema(z).parse(
    steps[0].input,
  );
  return { action: steps[0].action, rawInput: steps[0].input, input };
}

/** The annotations the component must carry for the example's input. */
function expectedAnnotations(input: CreateComponentInput) {
  return {
    ...(input.displayName
      ? { [OPENCHOREO_DISPLAY_NAME_ANNOTATION]: input.displayName }
      : {}),
    ...(input.description
      ? { [OPENCHOREO_DESCRIPTION_ANNOTATION]: input.description }
      : {}),
    ...(input.source.type === 'external-ci' &&
    input.source.platform !== 'none' &&
    input.source.identifier
      ? {
          [EXTERNAL_CI_ANNOTATIONS[input.source.platform]]:
            input.source.identifier,
        }
      : {}),
  };
}

/**
 * What the example's source must produce: the workflow on the component (with the repository
 * URL at the dockerfile-builder schema's marker) or, for External CI, the pipeline output.
 */
function expectedBuild(input: CreateComponentInput) {
  const { source } = input;
  if (source.type === 'workflow') {
    return {
      workflow: expect.objectContaining({
        ...source.workflow,
        parameters: expect.objectContaining({
          ...source.parameters,
          repository: expect.objectContaining({
            url: source.repository?.url ?? expect.any(String),
          }),
        }),
      }),
      pipeline: undefined,
    };
  }
  return {
    workflow: undefined,
    pipeline: expect.objectContaining({
      platform: source.platform,
      namespace: input.namespace,
      project: input.project,
      component: input.name,
    }),
  };
}

describe('openchoreo:component:create examples', () => {
  let devstack: Devstack;
  let action: ReturnType<typeof createComponentAction>;

  beforeAll(async () => {
    devstack = await startDevstack({
      apiPort: 0,
      idpPort: 0,
      jenkinsPort: 0,
      timeScale: 0.002,
    });
    const events: EventsService = {
      publish: jest.fn(async () => {}),
      subscribe: jest.fn(async () => {}),
    };
    action = createComponentAction({
      openchoreo: createOpenChoreoClientService(
        {
          baseUrl: `${devstack.api.url}/api/v1`,
          auth: {
            tokenUrl: devstack.idp.tokenUrl,
            ...devstack.idp.clients.portal,
          },
          requestTimeoutMs: 5000,
        },
        { logger: mockServices.logger.mock() },
      ),
      events,
      permissions: mockServices.permissions.mock({
        authorize: async () => [{ result: AuthorizeResult.ALLOW }],
      }) as unknown as PermissionsService,
      logger: mockServices.logger.mock(),
    });
  });

  afterAll(async () => {
    await devstack?.close();
  });

  async function run(input: JsonObject, isDryRun = false) {
    const ctx = { ...createMockActionContext({ input }), isDryRun };
    await action.handler(ctx as Parameters<typeof action.handler>[0]);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  }

  it('documents the built-in workflow and the External CI flows', () => {
    const sources = examples.map(e => {
      const { source } = stepOf(e).input;
      return source.type === 'workflow' ? 'workflow' : source.platform;
    });
    expect(sources).toEqual(
      expect.arrayContaining(['workflow', 'jenkins', 'none']),
    );
  });

  it.each(examples.map(e => [e.description, e] as const))(
    '%s',
    async (_description, example) => {
      const { action: actionId, rawInput, input } = stepOf(example);
      expect(actionId).toBe(CREATE_COMPONENT_ACTION_ID);
      const { namespace, name } = input;
      const stored = () => devstack.api.store.get('Component', namespace, name);
      expect(stored()).toBeUndefined();

      // A dry run accepts the example and writes nothing.
      await run(rawInput, true);
      expect(stored()).toBeUndefined();

      const outputs = await run(rawInput);
      const component = stored();
      expect(component?.metadata.annotations ?? {}).toEqual(
        expectedAnnotations(input),
      );
      expect(component?.spec).toMatchObject({
        owner: { projectName: input.project },
        componentType: input.componentType,
      });
      const expected = expectedBuild(input);
      expect(component?.spec?.workflow).toEqual(expected.workflow);
      expect(outputs.pipeline).toEqual(expected.pipeline);
      expect(outputs.entityRef).toBe(`component:${namespace}/${name}`);
    },
  );
});
