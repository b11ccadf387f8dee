import type { JsonObject } from '@backstage/types';
import {
  findRepositoryPaths,
  prepareWorkflowParameters,
  toOpenApiSchema,
} from './workflowParameters';

const schema: JsonObject = {
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

describe('workflow parameters', () => {
  it('finds the marked paths wherever the schema puts them', () => {
    expect(findRepositoryPaths(schema)).toEqual({
      url: ['source', 'gitUrl'],
      branch: ['source', 'ref'],
      'app-path': ['dir'],
    });
  });

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

  it('accepts the schema bare or wrapped in openAPIV3Schema', () => {
    expect(toOpenApiSchema({ openAPIV3Schema: schema })).toBe(schema);
    expect(toOpenApiSchema(schema)).toBe(schema);
  });
});
