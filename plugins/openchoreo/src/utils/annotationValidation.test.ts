import {
  validateAnnotationKey,
  validateAnnotationValue,
} from './annotationValidation';

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
  });
});
