import { ConfigReader } from '@backstage/config';
import { isPlaceholderSecret, readCiIntegrations } from './ciIntegrations';

describe('readCiIntegrations', () => {
  const jenkins = (config: unknown) =>
    readCiIntegrations(
      new ConfigReader({ jenkins: config } as ConstructorParameters<
        typeof ConfigReader
      >[0]),
    ).integrations[0];

  it('reports a configured Jenkins without its credentials', () => {
    const result = jenkins({
      baseUrl: 'https://jenkins.example.com',
      username: 'ci',
      apiKey: 'real-key-123',
    });
    expect(result).toEqual({
      platform: 'jenkins',
      configured: true,
      baseUrl: 'https://jenkins.example.com',
    });
    expect(JSON.stringify(result)).not.toContain('real-key-123');
    expect(
      jenkins({
        instances: [{ name: 'default', baseUrl: 'http://j', apiKey: 'k-1' }],
      }).configured,
    ).toBe(true);
  });

  it.each([
    [undefined, 'jenkins is not configured in app-config'],
    [{ apiKey: 'k' }, 'jenkins.baseUrl is not set'],
    [{ baseUrl: 'jenkins.local', apiKey: 'k' }, 'not an http(s) URL'],
    [{ baseUrl: 'http://j', apiKey: '' }, 'placeholder'],
    [{ baseUrl: 'http://j', apiKey: 'changeme' }, 'placeholder'],
    [{ baseUrl: 'http://j' }, 'placeholder'],
  ])('reports %j as not configured', (config, reason) => {
    const result = jenkins(config);
    expect(result.configured).toBe(false);
    expect(result.reason).toContain(reason);
  });

  it('recognises placeholders', () => {
    for (const value of [
      'placeholder',
      ' CHANGEME ',
      '${JENKINS_API_KEY}',
      '<api-key>',
      'xxxx',
    ]) {
      expect(isPlaceholderSecret(value)).toBe(true);
    }
    expect(isPlaceholderSecret('11a2b3c4d5e6f7')).toBe(false);
  });
});
