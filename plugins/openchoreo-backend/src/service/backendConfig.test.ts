import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_BUILDS_HISTORY_FULL_SCAN_MINUTES,
  DEFAULT_BUILDS_HISTORY_RETENTION_DAYS,
  DEFAULT_BUILDS_INDEX_INTERVAL_SECONDS,
  DEFAULT_PERMISSION_TTL_MS,
  DEFAULT_REQUEST_DEADLINE_MS,
  DEFAULT_STATUS_TTL_MS,
  readBackendConfig,
} from './backendConfig';

type ConfigData = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

describe('readBackendConfig', () => {
  const read = (openchoreo: ConfigData) =>
    readBackendConfig(new ConfigReader({ openchoreo }));

  it('defaults to a 2 s status cache, a 20 s deadline and a build scan every 60 s', () => {
    expect(read({})).toEqual({
      statusTtlMs: DEFAULT_STATUS_TTL_MS,
      requestDeadlineMs: DEFAULT_REQUEST_DEADLINE_MS,
      buildsIndexIntervalSeconds: DEFAULT_BUILDS_INDEX_INTERVAL_SECONDS,
      buildsHistoryRetentionDays: DEFAULT_BUILDS_HISTORY_RETENTION_DAYS,
      buildsHistoryFullScanMinutes: DEFAULT_BUILDS_HISTORY_FULL_SCAN_MINUTES,
      permissionTtlMs: DEFAULT_PERMISSION_TTL_MS,
      serverTiming: false,
    });
    expect(DEFAULT_PERMISSION_TTL_MS).toBe(5000);
    expect(DEFAULT_REQUEST_DEADLINE_MS).toBe(20_000);
    expect(DEFAULT_BUILDS_INDEX_INTERVAL_SECONDS).toBe(60);
  });

  it('reads every setting; 0 turns the build indexer off', () => {
    expect(
      read({
        cache: { statusTtlMs: 0, permissionTtlMs: 0 },
        requestDeadlineMs: 5000,
        builds: {
          indexIntervalSeconds: 0,
          history: { retentionDays: 7, fullScanMinutes: 0 },
        },
        diagnostics: { serverTiming: true },
      }),
    ).toEqual({
      statusTtlMs: 0,
      requestDeadlineMs: 5000,
      buildsIndexIntervalSeconds: 0,
      buildsHistoryRetentionDays: 7,
      buildsHistoryFullScanMinutes: 0,
      permissionTtlMs: 0,
      serverTiming: true,
    });
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
    expect(() =>
      read({ builds: { history: { retentionDays: 'forever' } } }),
    ).toThrow(
      'openchoreo.builds.history.retentionDays must be a number of days',
    );
    expect(() =>
      read({ builds: { history: { fullScanMinutes: -5 } } }),
    ).toThrow(
      'openchoreo.builds.history.fullScanMinutes must be 0 or more, got -5',
    );
    expect(() => read({ builds: { indexIntervalSeconds: 'hourly' } })).toThrow(
      'openchoreo.builds.indexIntervalSeconds must be a number of seconds',
    );
    expect(() => read({ builds: { indexIntervalSeconds: -5 } })).toThrow(
      'openchoreo.builds.indexIntervalSeconds must be 0 or more, got -5',
    );
  });
});
