import { readDisplayInfo } from './resourceMetadata';

describe('readDisplayInfo', () => {
  it('reads the display name and description annotations', () => {
    expect(
      readDisplayInfo({
        'openchoreo.dev/display-name': 'Orders API',
        'openchoreo.dev/description': 'Takes orders',
        'jenkins.io/job-full-name': 'a/b',
      }),
    ).toEqual({ displayName: 'Orders API', description: 'Takes orders' });
  });

  it('leaves out what is missing or empty', () => {
    expect(readDisplayInfo(undefined)).toEqual({});
    expect(
      readDisplayInfo({
        'openchoreo.dev/display-name': '',
        'openchoreo.io/display-name': 'not this one',
      }),
    ).toEqual({});
  });
});
