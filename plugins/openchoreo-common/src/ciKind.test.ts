import { decideCiKind, externalCiPlatformOf } from './ciKind';

const JENKINS = { 'jenkins.io/job-full-name': 'library/reading-list' };
const GITHUB = { 'github.com/project-slug': 'acme/reading-list' };
const GITLAB = { 'gitlab.com/project-slug': 'acme/apps/reading-list' };
const WORKFLOW = { kind: 'ClusterWorkflow', name: 'dockerfile-builder' };

describe('decideCiKind', () => {
  it('lets an External CI annotation win over an OpenChoreo workflow', () => {
    expect(decideCiKind({ annotations: JENKINS, workflow: WORKFLOW })).toBe(
      'jenkins',
    );
    expect(decideCiKind({ annotations: GITLAB, workflow: WORKFLOW })).toBe(
      'gitlab-ci',
    );
  });

  it('prefers Jenkins, then GitHub Actions, then GitLab CI', () => {
    expect(
      decideCiKind({ annotations: { ...GITLAB, ...GITHUB, ...JENKINS } }),
    ).toBe('jenkins');
    expect(decideCiKind({ annotations: { ...GITLAB, ...GITHUB } })).toBe(
      'github-actions',
    );
    expect(decideCiKind({ annotations: GITLAB })).toBe('gitlab-ci');
  });

  it('takes a GitLab project id like a GitLab project path', () => {
    expect(
      decideCiKind({
        annotations: { 'gitlab.com/project-id': '4242' },
        workflow: WORKFLOW,
      }),
    ).toBe('gitlab-ci');
    expect(
      decideCiKind({
        annotations: { ...GITHUB, 'gitlab.com/project-id': '4242' },
      }),
    ).toBe('github-actions');
  });

  it('is built-in with a workflow and no External CI annotation', () => {
    expect(decideCiKind({ workflow: WORKFLOW })).toBe('built-in');
    expect(
      decideCiKind({ annotations: { team: 'a' }, workflow: { name: 'x' } }),
    ).toBe('built-in');
  });

  it('ignores blank annotations and unnamed workflows', () => {
    expect(
      decideCiKind({
        annotations: { 'jenkins.io/job-full-name': '  ' },
        workflow: WORKFLOW,
      }),
    ).toBe('built-in');
    expect(decideCiKind({ workflow: { name: '' } })).toBe('none');
    expect(decideCiKind({})).toBe('none');
  });
});

describe('externalCiPlatformOf', () => {
  it('names the platform of each External CI annotation', () => {
    expect(externalCiPlatformOf('jenkins.io/job-full-name')).toBe('jenkins');
    expect(externalCiPlatformOf('github.com/project-slug')).toBe(
      'github-actions',
    );
    expect(externalCiPlatformOf('gitlab.com/project-slug')).toBe('gitlab-ci');
    expect(externalCiPlatformOf('team')).toBeUndefined();
  });
});
