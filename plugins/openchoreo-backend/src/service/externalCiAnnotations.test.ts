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

  it('leaves an unchanged old value alone', () => {
    expect(() =>
      checkExternalCiAnnotations(
        { [JENKINS]: '/job/a/job/b', team: 'payments' },
        { [JENKINS]: '/job/a/job/b' },
      ),
    ).not.toThrow();
  });
});
