import { ApiClient } from './apiClient';
import { DEFAULT_RETRY_POLICY } from './retry';
import { ExitCode, PublishError } from './errors';

const options = {
  tokenUrl: 'https://idp.example.com/oauth2/token',
  clientId: 'ci',
  clientSecret: 'secret',
  retry: DEFAULT_RETRY_POLICY,
  log: () => undefined,
};

describe('ApiClient', () => {
  it.each([
    ['https://api.example.com', 'https://api.example.com/api/v1'],
    ['https://api.example.com/api/v1/', 'https://api.example.com/api/v1'],
    [
      'https://example.com/openchoreo/api/v1',
      'https://example.com/openchoreo/api/v1',
    ],
  ])(
    'takes %s as the API root %s (the client package rule)',
    (apiUrl, root) => {
      expect(new ApiClient({ ...options, apiUrl }).apiRoot).toBe(root);
    },
  );

  it('turns a URL the client package refuses into an input error (exit 2)', () => {
    const create = () =>
      new ApiClient({ ...options, apiUrl: 'ftp://api.example.com' });
    let error: unknown;
    try {
      create();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PublishError);
    expect(error).toMatchObject({ exitCode: ExitCode.BadInput });
    expect((error as Error).message).toBe(
      'Invalid OpenChoreo API base URL "ftp://api.example.com": only http and https are supported (--api-url or OPENCHOREO_API_URL).',
    );
  });
});
