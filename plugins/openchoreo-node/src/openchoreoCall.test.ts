import { mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { OpenChoreoApiError } from '@openchoreo-ci/openchoreo-client';
import { createOpenChoreoCall } from './openchoreoCall';

const failing = (status: number) => async () => {
  throw new OpenChoreoApiError({
    status,
    code: 'X',
    message: 'upstream says no',
    method: 'GET',
    url: 'http://api.internal/api/v1/namespaces',
  });
};

describe('createOpenChoreoCall', () => {
  it('returns the result of a successful call', async () => {
    const call = createOpenChoreoCall({ logger: mockServices.logger.mock() });
    await expect(call('list namespaces', async () => 42)).resolves.toBe(42);
  });

  it('maps a failure and logs the request when an administrator must act', async () => {
    const logger = mockServices.logger.mock();
    const call = createOpenChoreoCall({ logger });
    await expect(call('list namespaces', failing(403))).rejects.toThrow(
      NotAllowedError,
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^The portal's service account is not allowed to list namespaces: .*\[GET http:\/\/api\.internal\/api\/v1\/namespaces answered 403 X\]$/,
      ),
    );
  });

  it('does not log what the user can act on', async () => {
    const logger = mockServices.logger.mock();
    const call = createOpenChoreoCall({ logger });
    await expect(call('list namespaces', failing(404))).rejects.toThrow(
      NotFoundError,
    );
    const asUser = createOpenChoreoCall({ logger, caller: 'user' });
    await expect(call('list namespaces', failing(404))).rejects.toThrow(
      'Could not list namespaces: upstream says no',
    );
    await expect(asUser('list namespaces', failing(403))).rejects.toThrow(
      'OpenChoreo does not allow you to list namespaces',
    );
    expect(logger.warn).not.toHaveBeenCalled();
  });
});
