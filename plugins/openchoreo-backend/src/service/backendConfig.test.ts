import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_REQUEST_DEADLINE_MS,
  DEFAULT_STATUS_TTL_MS,
  readBackendConfig,
} from './backendConfig';

type ConfigData = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

describe('readBackendConfig', () => {
  const read = (openchoreo: ConfigData) =>
    readBackendConfig(new ConfigReader({ openchoreo }));

  it('defaults to a 2 s status cache and a 20 s deadline', () => {
    expect(read({})).toEqual({
      statusTtlMs: DEFAULT_STATUS_TTL_MS,
      requestDeadlineMs: DEFAULT_REQUEST_DEADLINE_MS,
    });
    expect(DEFAULT_REQUEST_DEADLINE_MS).toBe(20_000);
  });

  it('reads both settings', () => {
    expect(
      read({ cache: { statusTtlMs: 0 }, requestDeadlineMs: 5000 }),
    ).toEqual({ statusTtlMs: 0, requestDeadlineMs: 5000 });
  });

  it('stops start-up naming the key of a wrong value', () => {
    expect(() => read({ requestDeadlineMs: 'soon' })).toThrow(
      'openchoreo.requestDeadlineMs must be a number of milliseconds',
    );
    expect(() => read({ requestDeadlineMs: 0 })).toThrow(
      'openchoreo.requestDeadlineMs must be 100 or more, got 0',
    );
    expect(() => read({ cache: { statusTtlMs: -1 } })).toThrow(
      'openchoreo.cache.statusTtlMs must be 0 or more, got -1',
    );
  });
});
