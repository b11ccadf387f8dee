import { classifyPushFailure, gitMessage, withoutUrlCredentials } from './git';
import { repositoryFromRemoteUrl } from './pullRequest';

describe('git output', () => {
  it.each([
    [' ! [rejected]        HEAD -> main (fetch first)', 'race'],
    [' ! [rejected]        HEAD -> main (non-fast-forward)', 'race'],
    [' ! [remote rejected] HEAD -> main (failed to update ref)', 'race'],
    [
      "remote: Permission to o/r.git denied to bot.\nfatal: unable to access 'https://github.com/o/r.git/': The requested URL returned error: 403",
      'denied',
    ],
    [
      ' ! [remote rejected] main -> main (protected branch hook declined)',
      'denied',
    ],
    ['remote: You are not allowed to push code to this project.', 'denied'],
    [
      "fatal: unable to access 'https://git.example.com/o/r.git/': Could not resolve host: git.example.com",
      'unreachable',
    ],
    ['error: something else', 'other'],
  ])('classifies %j as %s', (output, failure) => {
    expect(classifyPushFailure(output)).toBe(failure);
  });

  it('never shows the credentials of a remote URL', () => {
    expect(
      withoutUrlCredentials(
        'https://gitlab-ci-token:glcbt-secret@gitlab.example.com/g/p.git',
      ),
    ).toBe('https://***@gitlab.example.com/g/p.git');
    expect(
      gitMessage({
        code: 128,
        stdout: '',
        stderr:
          "fatal: unable to access 'https://oauth2:glpat-secret@gitlab.example.com/g/p.git/': error",
      }),
    ).not.toContain('glpat-secret');
  });

  it.each([
    ['https://github.com/acme/gitops.git', 'acme/gitops'],
    ['https://x-access-token:t@github.com/acme/gitops', 'acme/gitops'],
    ['git@gitlab.example.com:group/sub/gitops.git', 'group/sub/gitops'],
    ['ssh://git@github.com/acme/gitops.git', 'acme/gitops'],
    ['/srv/git/gitops.git', undefined],
    ['file:///srv/git/gitops.git', undefined],
  ])('reads the repository of %s as %s', (url, repository) => {
    expect(repositoryFromRemoteUrl(url)).toBe(repository);
  });
});
