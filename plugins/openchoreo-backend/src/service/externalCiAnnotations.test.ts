import { checkExternalCiAnnotations } from './externalCiAnnotations';

const JENKINS = 'jenkins.io/job-full-name';

describe('checkExternalCiAnnotations', () => {
  it('accepts valid identifiers and other annotations', () => {
    expect(() =>
      checkExternalCiAnnotations(
        {
          [JENKINS]: 'demo-project/inventory-api',
          'github.com/project-slug': 'acme/inventory',
          team: 'any: value\nat all',
        },
        {},
      ),
    ).not.toThrow();
  });

  it('refuses a changed Jenkins job name with a newline, naming the annotation', () => {
    expect(() =>
      checkExternalCiAnnotations(
        { [JENKINS]: 'demo-project\ninventory-api' },
        { [JENKINS]: 'demo-project/inventory-api' },
      ),
    ).toThrow(/jenkins\.io\/job-full-name: .*line break/);
  });

  it('refuses a /job/ path with the full name to use', () => {
    expect(() =>
      checkExternalCiAnnotations({ [JENKINS]: '/job/a/job/b' }, {}),
    ).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(/use "a\/b"/),
      }),
    );
  });

  it('refuses a GitLab project id that is not a number and the legacy jenkins.io/github-folder', () => {
    expect(() =>
      checkExternalCiAnnotations({ 'gitlab.com/project-id': '42/../7' }, {}),
    ).toThrow(/gitlab\.com\/project-id: .*not a GitLab project id/);
    expect(() =>
      checkExternalCiAnnotations({ 'gitlab.com/project-id': '4242' }, {}),
    ).not.toThrow();
    expect(() =>
      checkExternalCiAnnotations(
        { 'jenkins.io/github-folder': 'demo-project/inventory-api' },
        {},
      ),
    ).toThrow(/legacy annotation.*jenkins\.io\/job-full-name/);
  });

  it('refuses "." and ".." repository segments', () => {
    expect(() =>
      checkExternalCiAnnotations({ 'github.com/project-slug': 'acme/..' }, {}),
    ).toThrow(/not a GitHub repository slug/);
    expect(() =>
      checkExternalCiAnnotations(
        { 'gitlab.com/project-slug': 'group/./project' },
        {},
      ),
    ).toThrow(/not a GitLab project path/);
  });

  it('leaves an unchanged old value alone', () => {
    expect(() =>
      checkExternalCiAnnotations(
        { [JENKINS]: '/job/a/job/b', team: 'payments' },
        { [JENKINS]: '/job/a/job/b' },
      ),
    ).not.toThrow();
  });
});
