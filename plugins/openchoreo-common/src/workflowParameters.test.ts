import {
  findRepositoryPaths,
  getAtPath,
  placeRepositoryValues,
  setAtPath,
  toParameterSchema,
  type ParameterSchemaNode,
} from './workflowParameters';

// The shape of OpenChoreo's dockerfile-builder: all five markers, one of them two levels deep.
const DOCKERFILE_BUILDER: ParameterSchemaNode = {
  type: 'object',
  properties: {
    repository: {
      type: 'object',
      properties: {
        url: {
          type: 'string',
          'x-openchoreo-component-parameter-repository-url': true,
        },
        secretRef: {
          type: 'string',
          'x-openchoreo-component-parameter-repository-secret-ref': true,
        },
        revision: {
          type: 'object',
          properties: {
            branch: {
              type: 'string',
              default: 'main',
              'x-openchoreo-component-parameter-repository-branch': true,
            },
            commit: {
              type: 'string',
              'x-openchoreo-component-parameter-repository-commit': true,
            },
          },
        },
        appPath: {
          type: 'string',
          'x-openchoreo-component-parameter-repository-app-path': true,
        },
      },
    },
    docker: {
      type: 'object',
      properties: { filePath: { type: 'string' } },
    },
  },
};

// Markers wherever a workflow author puts them.
const CUSTOM: ParameterSchemaNode = {
  type: 'object',
  properties: {
    source: {
      type: 'object',
      properties: {
        gitUrl: {
          type: 'string',
          'x-openchoreo-component-parameter-repository-url': true,
        },
        ref: {
          type: 'string',
          'x-openchoreo-component-parameter-repository-branch': true,
        },
      },
    },
    mirrorUrl: {
      type: 'string',
      'x-openchoreo-component-parameter-repository-url': true,
    },
    dir: {
      type: 'string',
      'x-openchoreo-component-parameter-repository-app-path': true,
    },
  },
};

describe('findRepositoryPaths', () => {
  it('finds all five markers, however deep', () => {
    expect(findRepositoryPaths(DOCKERFILE_BUILDER)).toEqual({
      url: ['repository', 'url'],
      'secret-ref': ['repository', 'secretRef'],
      branch: ['repository', 'revision', 'branch'],
      commit: ['repository', 'revision', 'commit'],
      'app-path': ['repository', 'appPath'],
    });
  });

  it('takes the first property marked for a field', () => {
    expect(findRepositoryPaths(CUSTOM)).toEqual({
      url: ['source', 'gitUrl'],
      branch: ['source', 'ref'],
      'app-path': ['dir'],
    });
  });

  it('ignores markers that are not `true` and a marker on the root', () => {
    expect(
      findRepositoryPaths({
        type: 'object',
        'x-openchoreo-component-parameter-repository-url': true,
        properties: {
          a: {
            type: 'string',
            'x-openchoreo-component-parameter-repository-branch': 'yes',
          },
        },
      }),
    ).toEqual({});
  });
});

describe('placeRepositoryValues', () => {
  it('places every repository input at its marker, over the other parameters', () => {
    const parameters = { docker: { filePath: './Dockerfile' } };
    const result = placeRepositoryValues(DOCKERFILE_BUILDER, parameters, {
      url: 'https://github.com/acme/orders',
      branch: 'release',
      commit: 'a1b2c3d',
      appPath: 'services/orders',
      secretRef: 'git-credentials',
    });
    expect(result).toEqual({
      ok: true,
      parameters: {
        docker: { filePath: './Dockerfile' },
        repository: {
          url: 'https://github.com/acme/orders',
          secretRef: 'git-credentials',
          revision: { branch: 'release', commit: 'a1b2c3d' },
          appPath: 'services/orders',
        },
      },
    });
    expect(parameters).toEqual({ docker: { filePath: './Dockerfile' } });
  });

  it('skips empty inputs and keeps parameters given for the same path', () => {
    expect(
      placeRepositoryValues(
        CUSTOM,
        { source: { ref: 'develop' } },
        { url: 'https://git/x', branch: '' },
      ),
    ).toEqual({
      ok: true,
      parameters: { source: { ref: 'develop', gitUrl: 'https://git/x' } },
    });
  });

  it('refuses a repository input the schema has no marker for, naming the marker', () => {
    const result = placeRepositoryValues(
      CUSTOM,
      {},
      {
        url: 'https://git/x',
        commit: 'abc',
        secretRef: 'creds',
      },
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.stringMatching(
          /no repository commit field \(no x-openchoreo-component-parameter-repository-commit marker\)/,
        ),
        expect.stringMatching(/no repository secret-ref field/),
      ],
    });
  });

  it('changes nothing without a repository', () => {
    expect(placeRepositoryValues(CUSTOM, undefined, undefined)).toEqual({
      ok: true,
      parameters: {},
    });
  });
});

describe('paths and schemas', () => {
  it('sets and reads nested values without changing the original', () => {
    const original = { a: { b: 1 }, c: 'x' };
    const next = setAtPath(original, ['a', 'd', 'e'], 2);
    expect(next).toEqual({ a: { b: 1, d: { e: 2 } }, c: 'x' });
    expect(original).toEqual({ a: { b: 1 }, c: 'x' });
    expect(getAtPath(next, ['a', 'd', 'e'])).toBe(2);
    expect(getAtPath(next, ['c', 'x'])).toBeUndefined();
    expect(setAtPath(next, ['c'], undefined)).toEqual({
      a: { b: 1, d: { e: 2 } },
    });
    expect(setAtPath({ a: 'text' }, ['a', 'b'], 1)).toEqual({ a: { b: 1 } });
  });

  it('accepts the schema bare or wrapped in openAPIV3Schema', () => {
    expect(toParameterSchema({ openAPIV3Schema: CUSTOM })).toBe(CUSTOM);
    expect(toParameterSchema(CUSTOM)).toBe(CUSTOM);
  });
});
