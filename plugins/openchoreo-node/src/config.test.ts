import { ConfigReader } from '@backstage/config';
import {
  OpenChoreoConfigError,
  readOpenChoreoConfig,
  readOpenChoreoFeatures,
} from './config';

const valid = {
  baseUrl: 'https://api.openchoreo.example.com/api/v1',
  auth: {
    tokenUrl: 'https://idp.example.com/oauth2/token',
    clientId: 'portal',
    clientSecret: 'super-secret',
  },
};

type ConfigData = ConstructorParameters<typeof ConfigReader>[0];

function read(openchoreo: unknown) {
  return readOpenChoreoConfig(
    new ConfigReader({ openchoreo } as unknown as ConfigData),
  );
}

describe('readOpenChoreoConfig', () => {
  it('reads a complete config with defaults', () => {
    expect(read(valid)).toEqual({
      baseUrl: 'https://api.openchoreo.example.com/api/v1',
      auth: valid.auth,
      requestTimeoutMs: 30000,
    });
    expect(
      read({
        ...valid,
        requestTimeoutMs: 5000,
        auth: { ...valid.auth, scope: 'api' },
      }),
    ).toMatchObject({ requestTimeoutMs: 5000, auth: { scope: 'api' } });
  });

  it('fails when the whole section is absent', () => {
    expect(() => readOpenChoreoConfig(new ConfigReader({}))).toThrow(
      'openchoreo.baseUrl is missing: set OPENCHOREO_API_URL',
    );
  });

  it.each([
    ['tokenUrl', 'OPENCHOREO_AUTH_TOKEN_URL'],
    ['clientId', 'OPENCHOREO_SERVICE_CLIENT_ID (or OPENCHOREO_AUTH_CLIENT_ID)'],
    [
      'clientSecret',
      'OPENCHOREO_SERVICE_CLIENT_SECRET (or OPENCHOREO_AUTH_CLIENT_SECRET)',
    ],
  ])('names a missing auth.%s and its env var', (key, env) => {
    const auth: Record<string, string> = { ...valid.auth };
    delete auth[key];
    expect(() => read({ ...valid, auth })).toThrow(
      `openchoreo.auth.${key} is missing: set ${env}`,
    );
    expect(() => read({ ...valid, auth: { ...auth, [key]: '  ' } })).toThrow(
      `openchoreo.auth.${key} is missing`,
    );
  });

  it('rejects invalid URLs and timeouts', () => {
    expect(() => read({ ...valid, baseUrl: 'not a url' })).toThrow(
      'openchoreo.baseUrl is not a valid URL ("not a url")',
    );
    expect(() =>
      read({ ...valid, auth: { ...valid.auth, tokenUrl: 'ftp://idp/token' } }),
    ).toThrow('openchoreo.auth.tokenUrl must be an http(s) URL');
    expect(() => read({ ...valid, requestTimeoutMs: 0 })).toThrow(
      'openchoreo.requestTimeoutMs must be positive',
    );
  });

  it('never echoes a wrongly typed secret', () => {
    let error: unknown;
    try {
      read({ ...valid, auth: { ...valid.auth, clientSecret: { x: 'leak' } } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OpenChoreoConfigError);
    expect((error as Error).message).toContain(
      'openchoreo.auth.clientSecret must be a string',
    );
    expect((error as Error).message).not.toContain('leak');
  });
});

describe('readOpenChoreoFeatures', () => {
  const features = (openchoreo: unknown) =>
    readOpenChoreoFeatures(
      new ConfigReader({ openchoreo } as unknown as ConfigData),
    );

  it('defaults to built-in CI on and pushed events off, like the chart', () => {
    expect(features({})).toEqual({ workflows: true, events: false });
  });

  it('reads the flags, also as the strings environment substitution gives', () => {
    expect(
      features({
        features: { workflows: { enabled: 'false' } },
        events: { enabled: 'true' },
      }),
    ).toEqual({ workflows: false, events: true });
  });

  it('names the key and the environment variable of a value that is not a boolean', () => {
    expect(() =>
      features({ features: { workflows: { enabled: 'maybe' } } }),
    ).toThrow(
      /openchoreo\.features\.workflows\.enabled is not a boolean: set OPENCHOREO_FEATURES_WORKFLOWS_ENABLED/,
    );
    expect(() => features({ events: { enabled: 'sometimes' } })).toThrow(
      /openchoreo\.events\.enabled is not a boolean: set OPENCHOREO_EVENTS_ENABLED/,
    );
  });
});
