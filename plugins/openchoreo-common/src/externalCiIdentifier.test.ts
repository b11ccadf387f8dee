import { validateExternalCiIdentifier } from './externalCiIdentifier';

describe('validateExternalCiIdentifier', () => {
  it.each([
    ['jenkins', 'my-service'],
    ['jenkins', 'my-folder/my-service'],
    ['jenkins', 'Team A/nested/my service'],
    ['github-actions', 'acme/storefront'],
    ['github-actions', 'acme-inc/store.front_2'],
    ['gitlab-ci', 'group/project'],
    ['gitlab-ci', 'group/subgroup/project'],
  ] as const)('accepts %s "%s"', (platform, identifier) => {
    expect(validateExternalCiIdentifier(platform, identifier)).toBeUndefined();
  });

  it.each([
    ['jenkins', '/job/my-org/job/my-service', /use "my-org\/my-service"/],
    ['jenkins', 'job/a/job/b', /URL path, not a job full name.*use "a\/b"/],
    [
      'jenkins',
      'https://ci.example.com/job/a/job/b%20c/',
      /Jenkins URL, not a job full name.*use "a\/b c"/,
    ],
    ['jenkins', 'a//b', /empty folder or job name/],
    ['jenkins', 'a/b?', /character Jenkins does not allow/],
    ['jenkins', ' a/b', /spaces/],
    ['github-actions', 'acme', /owner\/repo/],
    ['github-actions', 'git@github.com:acme/x.git', /is a URL/],
    ['github-actions', 'acme/x.git', /not a GitHub repository slug/],
    ['gitlab-ci', 'https://gitlab.com/g/p', /is a URL/],
    ['gitlab-ci', 'g/-p', /not a GitLab project path/],
    ['gitlab-ci', '', /Enter the GitLab project path/],
  ] as const)('rejects %s "%s"', (platform, identifier, message) => {
    expect(validateExternalCiIdentifier(platform, identifier)).toMatch(message);
  });

  it('needs no identifier for "none" and refuses one', () => {
    expect(validateExternalCiIdentifier('none', undefined)).toBeUndefined();
    expect(validateExternalCiIdentifier('none', 'a/b')).toMatch(
      /No identifier is needed/,
    );
  });
});
