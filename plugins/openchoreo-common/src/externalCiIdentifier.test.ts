import {
  normalizeExternalCiIdentifier,
  validateExternalCiIdentifier,
} from './externalCiIdentifier';

describe('validateExternalCiIdentifier', () => {
  it.each([
    ['jenkins', 'my-service'],
    ['jenkins', 'my-folder/my-service'],
    ['jenkins', 'Team A/nested/my service'],
    ['jenkins', 'v1.2/my-service'],
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
    [
      'jenkins',
      'http://jenkins.local:8080/jenkins/job/library/',
      /Jenkins URL, not a job full name.*use "library"/,
    ],
    [
      'jenkins',
      'https://ci.example.com/view/all/',
      /Jenkins URL, not a job full name.*e\.g\. "my-folder\/my-service"/,
    ],
    ['jenkins', 'a//b', /empty folder or job name/],
    ['jenkins', 'a/b/', /empty folder or job name/],
    ['jenkins', 'a/b?', /contains "\?", a character Jenkins does not allow/],
    ['jenkins', 'a;b', /contains ";"/],
    ['jenkins', 'team:a/b', /contains ":"/],
    ['jenkins', 'a\\b', /contains "\\"/],
    ['jenkins', 'a/../b', /named "\." or "\.\."/],
    ['jenkins', './b', /named "\." or "\.\."/],
    ['jenkins', ' a/b', /spaces/],
  ] as const)('rejects jenkins "%s"', (platform, identifier, message) => {
    expect(validateExternalCiIdentifier(platform, identifier)).toMatch(message);
  });

  it.each([
    'my-folder/my-service\n',
    'my-folder\nmy-service',
    'my-folder/my-\rservice',
    'my-folder/my\tservice',
    'a/b\u0000',
    'a/b\u007f',
  ])('rejects a Jenkins job name with a control character: %j', identifier => {
    expect(validateExternalCiIdentifier('jenkins', identifier)).toMatch(
      /line break, tab or another control character/,
    );
  });

  it('rejects control characters for every platform', () => {
    expect(validateExternalCiIdentifier('github-actions', 'acme/x\n')).toMatch(
      /control character/,
    );
    expect(validateExternalCiIdentifier('gitlab-ci', 'g/\tp')).toMatch(
      /control character/,
    );
  });

  it.each([
    ['github-actions', 'acme', /owner\/repo/],
    ['github-actions', 'git@github.com:acme/x.git', /is a URL/],
    ['github-actions', 'https://github.com/acme/x', /is a URL/],
    ['github-actions', 'acme/x.git', /not a GitHub repository slug/],
    ['github-actions', 'acme/sub/x', /not a GitHub repository slug/],
    ['gitlab-ci', 'https://gitlab.com/g/p', /is a URL/],
    ['gitlab-ci', 'g/-p', /not a GitLab project path/],
    ['gitlab-ci', 'project', /not a GitLab project path/],
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

describe('normalizeExternalCiIdentifier', () => {
  it.each([
    ['jenkins', '/job/my-org/job/my-service', 'my-org/my-service', 'URL path'],
    ['jenkins', 'job/a/job/b/', 'a/b', 'URL path'],
    [
      'jenkins',
      'https://jenkins.example.com/job/demo-project/job/x/',
      'demo-project/x',
      'URL',
    ],
    [
      'github-actions',
      'https://github.com/acme/checkout.git',
      'acme/checkout',
      'repository URL',
    ],
    [
      'github-actions',
      'git@github.com:acme/checkout.git',
      'acme/checkout',
      'repository URL',
    ],
    [
      'gitlab-ci',
      'https://gitlab.example.com/group/sub/project/-/pipelines',
      'group/sub/project',
      'repository URL',
    ],
  ] as const)(
    'turns %s "%s" into "%s" with a note',
    (platform, given, value, kind) => {
      const normalized = normalizeExternalCiIdentifier(platform, given);
      expect(normalized).toEqual({
        value,
        note: expect.stringContaining(kind),
      });
      expect(normalized!.note).toContain(`"${value}"`);
      expect(validateExternalCiIdentifier(platform, value)).toBeUndefined();
    },
  );

  it.each([
    ['jenkins', 'my-org/my-service'],
    ['jenkins', 'https://jenkins.example.com/'],
    ['github-actions', 'acme/checkout'],
    ['github-actions', 'https://github.com/acme'],
    ['gitlab-ci', 'group/project'],
  ] as const)('leaves %s "%s" alone', (platform, given) => {
    expect(normalizeExternalCiIdentifier(platform, given)).toBeUndefined();
  });
});
