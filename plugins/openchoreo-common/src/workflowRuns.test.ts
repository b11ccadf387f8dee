import {
  commitFromImage,
  commitUrl,
  describeRunDuration,
  explainRunFailure,
  isBranchName,
  isCommitSha,
  parseRunDuration,
  readRunRepository,
  repositoryPathsOf,
} from './workflowRuns';
import { validateWorkflowParameters } from './workflowParameterValidation';

const SHA = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d';

describe('commit and branch rules', () => {
  it('accepts 7 to 40 hex digits as a commit, nothing else', () => {
    expect(isCommitSha(SHA)).toBe(true);
    expect(isCommitSha('1A2B3C4')).toBe(true);
    expect(isCommitSha('1a2b3c')).toBe(false);
    expect(isCommitSha('main')).toBe(false);
    expect(isCommitSha(`${SHA}0`)).toBe(false);
  });

  it('accepts git branch names and refuses what git refuses', () => {
    for (const ok of ['main', 'release/1.2', 'feature/a_b-c']) {
      expect(isBranchName(ok)).toBe(true);
    }
    for (const bad of ['', '/main', 'main/', 'a..b', 'a//b', 'a b', 'x.lock']) {
      expect(isBranchName(bad)).toBe(false);
    }
  });
});

describe('readRunRepository', () => {
  const parameters = {
    repository: {
      url: 'https://github.com/openchoreo/sample-workloads',
      revision: { branch: 'main', commit: SHA },
      appPath: '/service-go-greeter',
    },
    src: { ref: 'dev' },
  };

  it('reads the default paths when the schema is gone', () => {
    expect(readRunRepository(parameters)).toEqual({
      url: 'https://github.com/openchoreo/sample-workloads',
      branch: 'main',
      commit: SHA,
      appPath: '/service-go-greeter',
    });
  });

  it('follows the schema markers where they differ', () => {
    const paths = repositoryPathsOf({
      type: 'object',
      properties: {
        src: {
          type: 'object',
          properties: {
            ref: {
              type: 'string',
              'x-openchoreo-component-parameter-repository-branch': true,
            },
          },
        },
      },
    });
    expect(readRunRepository(parameters, paths).branch).toBe('dev');
    expect(readRunRepository(parameters, paths).commit).toBe(SHA);
  });

  it('leaves out empty values', () => {
    expect(
      readRunRepository({ repository: { revision: { commit: '' } } }),
    ).toEqual({});
  });
});

describe('commitFromImage and commitUrl', () => {
  it('reads a SHA tag, not a version tag or a registry port', () => {
    expect(commitFromImage('registry.local:10082/cart:1a2b3c4')).toBe(
      '1a2b3c4',
    );
    expect(commitFromImage('reg/app:v1-1a2b3c4d')).toBe('1a2b3c4d');
    expect(commitFromImage('reg/app:v1')).toBeUndefined();
    expect(commitFromImage('registry.local:10082/cart')).toBeUndefined();
    expect(commitFromImage(undefined)).toBeUndefined();
  });

  it('links commits on GitHub, GitLab and Bitbucket, and nothing else', () => {
    expect(commitUrl('https://github.com/o/r.git', SHA)).toBe(
      `https://github.com/o/r/commit/${SHA}`,
    );
    expect(commitUrl('git@gitlab.example.com:group/sub/r.git', SHA)).toBe(
      `https://gitlab.example.com/group/sub/r/-/commit/${SHA}`,
    );
    expect(commitUrl('https://bitbucket.org/o/r', SHA)).toBe(
      `https://bitbucket.org/o/r/commits/${SHA}`,
    );
    expect(commitUrl('https://git.example.com/o/r', SHA)).toBeUndefined();
    expect(commitUrl('https://github.com/o/r', 'main')).toBeUndefined();
    expect(commitUrl('ftp://github.com/o/r', SHA)).toBe(undefined);
  });
});

describe('run durations', () => {
  it('parses and describes OpenChoreo durations', () => {
    expect(parseRunDuration('7d')).toBe(7 * 86_400_000);
    expect(parseRunDuration('10d1h30m')).toBe(
      10 * 86_400_000 + 3_600_000 + 30 * 60_000,
    );
    expect(parseRunDuration('1 week')).toBeUndefined();
    expect(describeRunDuration('1d')).toBe('1 day');
    expect(describeRunDuration('1h30m')).toBe('1 hour 30 minutes');
    expect(describeRunDuration('soon')).toBeUndefined();
  });
});

describe('explainRunFailure', () => {
  it('explains a workflow the component type does not allow', () => {
    expect(
      explainRunFailure(
        'ComponentValidationFailed',
        'workflow ClusterWorkflow/x is not allowed for component type "service"; allowed: []',
        false,
      ),
    ).toMatchObject({
      beforeStart: true,
      title: expect.stringContaining('does not allow this workflow'),
      action: expect.stringContaining('allowed workflows'),
    });
  });

  it('explains a missing workflow and a generic rejection', () => {
    expect(
      explainRunFailure(
        'WorkflowFailed',
        'workflow ClusterWorkflow/gone not found; create it',
        false,
      )?.title,
    ).toContain('does not exist');
    expect(
      explainRunFailure(
        'ComponentValidationFailed',
        'component "x" not found',
        false,
      )?.title,
    ).toContain('did not pass validation');
  });

  it('says nothing extra about a build that failed in a step', () => {
    expect(
      explainRunFailure('WorkflowFailed', 'Step build-image failed', true),
    ).toBeUndefined();
  });
});

describe('validateWorkflowParameters', () => {
  const schema = {
    type: 'object',
    required: ['repository'],
    properties: {
      repository: {
        type: 'object',
        required: ['url'],
        properties: {
          url: { type: 'string' },
          appPath: { type: 'string', default: '.' },
        },
      },
      mode: { type: 'string', enum: ['fast', 'full'] },
    },
  };

  it('fills defaults on a copy', () => {
    const input = { repository: { url: 'https://github.com/o/r' } };
    const result = validateWorkflowParameters(schema, input);
    expect(result).toEqual({
      ok: true,
      parameters: {
        repository: { url: 'https://github.com/o/r', appPath: '.' },
      },
    });
    expect(input.repository).not.toHaveProperty('appPath');
  });

  it('names each field that breaks the schema', () => {
    const result = validateWorkflowParameters(schema, {
      repository: { url: 42 },
      mode: 'slow',
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        'repository.url must be string',
        'mode must be equal to one of the allowed values: "fast", "full"',
      ],
    });
  });
});
