import { mockServices } from '@backstage/backend-test-utils';
import { AuthenticationError } from '@backstage/errors';
import { isOpenChoreoApiError } from '@openchoreo-ci/openchoreo-client';
import type { Devstack } from '@openchoreo-ci/openchoreo-devstack';
import { devstackConfig, startTestDevstack } from './__testUtils__/devstack';
import { createOpenChoreoClientService } from './clientService';
import type { OpenChoreoConfig } from './config';
import { toBackstageError } from './errors';

/** A fetch that records the URL and Authorization header of every request it passes on. */
function recordingFetch() {
  const requests: Array<{ url: string; authorization: string | null }> = [];
  const recording = async (
    input: Parameters<typeof fetch>[0],
    init?: RequestInit,
  ) => {
    const request = new Request(input, init);
    requests.push({
      url: request.url,
      authorization: request.headers.get('Authorization'),
    });
    return fetch(request);
  };
  return { fetch: recording as typeof fetch, requests };
}

describe('createOpenChoreoClientService', () => {
  let devstack: Devstack;
  let config: OpenChoreoConfig;

  beforeAll(async () => {
    devstack = await startTestDevstack();
    config = devstackConfig(devstack);
  });
  afterAll(() => devstack.close());

  function create() {
    const recorder = recordingFetch();
    const service = createOpenChoreoClientService(config, {
      logger: mockServices.logger.mock(),
      fetch: recorder.fetch,
    });
    const tokenRequests = () =>
      recorder.requests.filter(r => r.url === devstack.idp.tokenUrl);
    const apiRequests = () =>
      recorder.requests.filter(r => r.url.startsWith(devstack.api.url));
    return { service, tokenRequests, apiRequests };
  }

  /** A token the devstack API accepts, fetched outside the service under test. */
  async function externallyIssuedToken(): Promise<string> {
    const response = await fetch(devstack.idp.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: devstack.idp.clients.workloadPublisher.clientId,
        client_secret: devstack.idp.clients.workloadPublisher.clientSecret,
      }),
    });
    const body = (await response.json()) as { access_token: string };
    return body.access_token;
  }

  it('exposes the configured API and token URLs', () => {
    const { service } = create();
    expect(service.baseUrl).toBe(`${devstack.api.url}/api/v1`);
    expect(service.tokenUrl).toBe(devstack.idp.tokenUrl);
  });

  it('hands out one service-account client whose token is fetched once and reused', async () => {
    const { service, tokenRequests, apiRequests } = create();
    expect(service.serviceAccount()).toBe(service.serviceAccount());
    await Promise.all([
      service.serviceAccount().namespaces.list(),
      service.serviceAccount().components.get('default', 'greeting-service'),
    ]);
    await service.serviceAccount().projects.list('default');
    expect(tokenRequests()).toHaveLength(1);
    const authorizations = new Set(apiRequests().map(r => r.authorization));
    expect(authorizations.size).toBe(1);
    expect([...authorizations][0]).toMatch(/^Bearer eyJ/);
  });

  it('forUser sends exactly the given token and never asks for a service-account token', async () => {
    const { service, tokenRequests, apiRequests } = create();
    const userToken = await externallyIssuedToken();
    const component = await service
      .forUser(userToken)
      .components.get('default', 'greeting-service');
    expect(component.metadata.name).toBe('greeting-service');
    expect(apiRequests()).toEqual([
      {
        url: `${devstack.api.url}/api/v1/namespaces/default/components/greeting-service`,
        authorization: `Bearer ${userToken}`,
      },
    ]);
    expect(tokenRequests()).toEqual([]);
  });

  it('forUser does not retry a refused token and does not fall back to the service account', async () => {
    const { service, tokenRequests, apiRequests } = create();
    const error = await service
      .forUser('expired-user-token')
      .namespaces.list()
      .catch((e: unknown) => e);
    expect(isOpenChoreoApiError(error, 401)).toBe(true);
    expect(apiRequests()).toEqual([
      {
        url: `${devstack.api.url}/api/v1/namespaces`,
        authorization: 'Bearer expired-user-token',
      },
    ]);
    expect(tokenRequests()).toEqual([]);
    const mapped = toBackstageError(error, {
      action: 'list namespaces',
      caller: 'user',
    });
    expect(mapped).toBeInstanceOf(AuthenticationError);
    expect(mapped.message).toMatch(/Sign in again\.$/);
  });

  it('forUser refuses an empty token before any request', () => {
    const { service, apiRequests } = create();
    expect(() => service.forUser('  ')).toThrow(AuthenticationError);
    expect(() => service.forUser('')).toThrow(/sign in again/);
    expect(apiRequests()).toEqual([]);
  });
});
