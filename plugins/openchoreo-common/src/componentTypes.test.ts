import {
  COMPONENT_TYPE_NAME_PATTERN,
  formatComponentTypeName,
  parseComponentTypeName,
} from './componentTypes';

describe('component type names', () => {
  it('formats <workloadType>/<name>', () => {
    expect(formatComponentTypeName('deployment', 'service')).toBe(
      'deployment/service',
    );
    expect(formatComponentTypeName(undefined, 'service')).toBe('service');
  });

  it('parses <workloadType>/<name>', () => {
    expect(parseComponentTypeName('deployment/web-application')).toEqual({
      workloadType: 'deployment',
      name: 'web-application',
    });
    expect(parseComponentTypeName('service')).toBeUndefined();
    expect(parseComponentTypeName('/service')).toBeUndefined();
    expect(parseComponentTypeName('deployment/')).toBeUndefined();
    expect(parseComponentTypeName(undefined)).toBeUndefined();
  });

  it.each([
    ['deployment/service', true],
    ['cronjob/nightly-report', true],
    ['proxy/gw', true],
    ['service', false],
    ['lambda/service', false],
    ['deployment/Service', false],
    ['deployment/-service', false],
  ])('checks "%s" against the API pattern', (value, valid) => {
    expect(COMPONENT_TYPE_NAME_PATTERN.test(value)).toBe(valid);
  });
});
