import type { JsonObject } from '@backstage/types';
import type { Devstack } from '@openchoreo-ci/openchoreo-devstack';
import {
  createComponentInputSchema,
  EXTERNAL_CI_ANNOTATIONS,
  OPENCHOREO_DESCRIPTION_ANNOTATION,
  OPENCHOREO_DISPLAY_NAME_ANNOTATION,
  type CreateComponentInput,
} from '@openchoreo-ci/plugin-openchoreo-common';
import yaml from 'yaml';
import { z } from 'zod/v3';
import {
  createTestAction,
  outputsOf,
  startTestDevstack,
} from '../__testUtils__/actionTestbed';
import { CREATE_COMPONENT_ACTION_ID } from './createComponentAction';
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
  let run: ReturnType<typeof createTestAction>['run'];

  beforeAll(async () => {
    devstack = await startTestDevstack();
    run = createTestAction(devstack).run;
  });

  afterAll(async () => {
    await devstack?.close();
  });

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
      await run(rawInput, { isDryRun: true });
      expect(stored()).toBeUndefined();

      const outputs = outputsOf(await run(rawInput));
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
