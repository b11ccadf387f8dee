import type { ParameterSchemaNode } from '@openchoreo-ci/plugin-openchoreo-common';
import { prepareWorkflowParameters } from './workflowParameters';

const schema: ParameterSchemaNode = {
  type: 'object',
  required: ['source'],
  properties: {
    source: {
      type: 'object',
      required: ['gitUrl'],
      properties: {
        gitUrl: {
          type: 'string',
          'x-openchoreo-component-parameter-repository-url': true,
        },
        ref: {
          type: 'string',
          default: 'main',
          'x-openchoreo-component-parameter-repository-branch': true,
        },
      },
    },
    dir: {
      type: 'string',
      'x-openchoreo-component-parameter-repository-app-path': true,
    },
    replicas: { type: 'integer', minimum: 1 },
  },
};

describe('prepareWorkflowParameters', () => {
  it('places repository inputs by marker and applies defaults', () => {
    expect(
      prepareWorkflowParameters(
        schema,
        { replicas: 2 },
        { url: 'https://git/x', appPath: 'svc' },
      ),
    ).toEqual({
      ok: true,
      parameters: {
        source: { gitUrl: 'https://git/x', ref: 'main' },
        dir: 'svc',
        replicas: 2,
      },
    });
  });

  it('reports every schema violation with its path', () => {
    const result = prepareWorkflowParameters(
      schema,
      { replicas: 0 },
      undefined,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        "(root) must have required property 'source'",
        'replicas must be >= 1',
      ],
    });
  });

  it('refuses a repository field the schema has no marker for', () => {
    const result = prepareWorkflowParameters(
      schema,
      {},
      {
        url: 'https://git/x',
        secretRef: 'creds',
      },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatch(/no repository secret-ref/);
  });

  it('says so when the schema itself cannot be compiled', () => {
    const result = prepareWorkflowParameters(
      { type: 'object', properties: { a: { type: 'no-such-type' } } },
      {},
      undefined,
    );
    expect(result).toEqual({
      ok: false,
      errors: [expect.stringMatching(/parameter schema cannot be used/)],
    });
  });
});
