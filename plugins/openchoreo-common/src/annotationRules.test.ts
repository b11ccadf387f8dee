import {
  validateAnnotationKey,
  validateAnnotationValue,
} from './annotationRules';

describe('validateAnnotationValue', () => {
  it('applies the wizard rules to the Jenkins job full name', () => {
    expect(
      validateAnnotationValue(
        'jenkins.io/job-full-name',
        'library/reading-list',
      ),
    ).toBeUndefined();
    expect(
      validateAnnotationValue(
        'jenkins.io/job-full-name',
        '/job/library/job/reading-list',
      ),
    ).toMatch(
      /Jenkins URL path, not a job full name.*use "library\/reading-list"/,
    );
    expect(
      validateAnnotationValue(
        'jenkins.io/job-full-name',
        'https://jenkins.local/job/library/job/reading-list/',
      ),
    ).toMatch(/Jenkins URL, not a job full name.*use "library\/reading-list"/);
    expect(
      validateAnnotationValue(
        'jenkins.io/job-full-name',
        'library\nreading-list',
      ),
    ).toMatch(/line break/);
    expect(
      validateAnnotationValue(
        'jenkins.io/job-full-name',
        'library;reading-list',
      ),
    ).toMatch(/character Jenkins does not allow/);
    expect(validateAnnotationValue('jenkins.io/job-full-name', ' ')).toMatch(
      /Enter the Jenkins job full name/,
    );
  });

  it('checks the value as it is saved, without surrounding spaces', () => {
    expect(
      validateAnnotationValue('jenkins.io/job-full-name', ' library/app '),
    ).toBeUndefined();
  });

  it('applies the GitHub and GitLab rules to their annotations', () => {
    expect(
      validateAnnotationValue('github.com/project-slug', 'acme/site'),
    ).toBeUndefined();
    expect(
      validateAnnotationValue(
        'github.com/project-slug',
        'https://github.com/acme/site',
      ),
    ).toMatch(/is a URL/);
    expect(validateAnnotationValue('gitlab.com/project-slug', 'site')).toMatch(
      /not a GitLab project path/,
    );
  });

  it('applies the platforms\' segment rules: no ".", "..", empty or spaced segments', () => {
    for (const slug of [
      'acme/..',
      'acme/.',
      '../site',
      'acme/',
      'acme/si te',
    ]) {
      expect(validateAnnotationValue('github.com/project-slug', slug)).toMatch(
        /not a GitHub repository slug/,
      );
    }
    for (const path of [
      'group/..',
      'group/./project',
      'group//project',
      'group/pro ject',
      'group/project.',
      'group/-project',
      'group/project.atom',
      'group/pro..ject',
    ]) {
      expect(validateAnnotationValue('gitlab.com/project-slug', path)).toMatch(
        /not a GitLab project path/,
      );
    }
    expect(
      validateAnnotationValue(
        'gitlab.com/project-slug',
        'group/sub_group/my.project-1',
      ),
    ).toBeUndefined();
  });

  it('checks gitlab.com/project-id and refuses the legacy jenkins.io/github-folder', () => {
    expect(
      validateAnnotationValue('gitlab.com/project-id', '4242'),
    ).toBeUndefined();
    for (const id of ['0', '-1', '42a', '4 2', 'group/project', '']) {
      expect(validateAnnotationValue('gitlab.com/project-id', id)).toMatch(
        /not a GitLab project id/,
      );
    }
    expect(
      validateAnnotationValue('jenkins.io/github-folder', 'team/service'),
    ).toMatch(/legacy annotation.*jenkins\.io\/job-full-name/);
  });

  it('leaves other annotations free', () => {
    expect(
      validateAnnotationValue('team', 'any thing: at all'),
    ).toBeUndefined();
  });
});

describe('validateAnnotationKey', () => {
  it('refuses reserved and malformed keys', () => {
    expect(validateAnnotationKey('openchoreo.dev/owner')).toMatch(/reserved/);
    expect(validateAnnotationKey('Bad Key!')).toMatch(/1-63 letters/);
    expect(validateAnnotationKey('jenkins.io/job-full-name')).toBeUndefined();
    expect(validateAnnotationKey(`${'a'.repeat(253)}/name`)).toBeUndefined();
    expect(validateAnnotationKey(`${'a'.repeat(254)}/name`)).toMatch(
      /not a valid prefix/,
    );
    expect(validateAnnotationKey(`example.com/${'n'.repeat(64)}`)).toMatch(
      /1-63 letters/,
    );
  });
});
