import { mockServices } from '@backstage/backend-test-utils';
import { isOpenChoreoApiError } from '@openchoreo-ci/openchoreo-client';
import type { Devstack } from '@openchoreo-ci/openchoreo-devstack';
import { devstackConfig, startTestDevstack } from './__testUtils__/devstack';
import type { OpenChoreoConfig } from './config';
import { createOpenChoreoServiceClient } from './serviceClient';
import {
  createClientCredentialsTokenProvider,
  type TokenProvider,
} from './tokenProvider';

describe('createOpenChoreoServiceClient', () => {
  let devstack: Devstack;
  const apiLines: string[] = [];
  let config: OpenChoreoConfig;

  beforeAll(async () => {
    devstack = await startTestDevstack(line => {
      if (line.startsWith('[api]')) apiLines.push(line);
    });
    config = devstackConfig(devstack);
  });
  afterAll(() => devstack.close());
  beforeEach(() => {
    apiLines.length = 0;
  });

  /** Hands out `firstToken` until it is invalidated, then real tokens. */
  function staleThenReal(firstToken: string) {
    const real = createClientCredentialsTokenProvider(config.auth);
    let stale: string | undefined = firstToken;
    const calls = { getToken: 0, invalidate: [] as string[] };
    const provider: TokenProvider = {
      async getToken() {
        calls.getToken += 1;
        return stale ?? real.getToken();
      },
      invalidate(token) {
        calls.invalidate.push(token);
        if (token === stale) stale = undefined;
        real.invalidate(token);
      },
    };
    return { provider, calls };
  }

  it('calls the API with the service-account token (base URL ending in /api/v1)', async () => {
    const { client } = createOpenChoreoServiceClient(config, {
      logger: mockServices.logger.mock(),
    });
    const component = await client.components.get(
      'default',
      'greeting-service',
    );
    expect(component.spec?.workflow?.name).toBe('dockerfile-builder');
  });

  it('retries exactly once with a new token after a 401', async () => {
    const { provider, calls } = staleThenReal('revoked-token');
    const logger = mockServices.logger.mock();
    const { client } = createOpenChoreoServiceClient(config, {
      logger,
      tokenProvider: provider,
    });
    const namespaces = await client.namespaces.listAll();
    expect(namespaces.map(n => n.metadata.name)).toContain('default');
    expect(calls.invalidate).toEqual(['revoked-token']);
    expect(
      apiLines.filter(l => /GET (\/api)?\/v1\/namespaces /.test(l)),
    ).toEqual([
      expect.stringContaining(' 401 '),
      expect.stringContaining(' 200 '),
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('retrying once'),
    );
  });

  it('replays the request body on the retry', async () => {
    const { provider } = staleThenReal('revoked-token');
    const { client } = createOpenChoreoServiceClient(config, {
      logger: mockServices.logger.mock(),
      tokenProvider: provider,
    });
    const created = await client.projects.create('default', {
      metadata: { name: 'retried-project' },
      spec: {},
    } as Parameters<typeof client.projects.create>[1]);
    expect(created.metadata.name).toBe('retried-project');
    expect(apiLines.filter(l => l.includes('POST'))).toEqual([
      expect.stringContaining(' 401 '),
      expect.stringContaining(' 201 '),
    ]);
  });

  it('gives up after one retry when the new token is refused too', async () => {
    const provider: TokenProvider = {
      getToken: async () => 'always-bad',
      invalidate: jest.fn(),
    };
    const { client } = createOpenChoreoServiceClient(config, {
      logger: mockServices.logger.mock(),
      tokenProvider: provider,
    });
    const error = await client.namespaces.list().catch((e: unknown) => e);
    expect(isOpenChoreoApiError(error, 401)).toBe(true);
    expect(apiLines).toHaveLength(2);
    expect(provider.invalidate).toHaveBeenCalledTimes(1);
  });
});
