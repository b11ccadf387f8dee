import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface StoredEntry {
  payload: AdapterPayload;
  expiresAt?: number;
}

/**
 * Creates a storage adapter that keeps oidc-provider's sessions, grants and codes in memory, one
 * store per identity provider so that several can run side by side in tests.
 */
export function createMemoryAdapterFactory(): AdapterFactory {
  const entries = new Map<string, StoredEntry>();

  const read = (key: string): AdapterPayload | undefined => {
    const entry = entries.get(key);
    if (!entry) {
      return undefined;
    }
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };

  const findBy = (
    field: 'uid' | 'userCode',
    model: string,
    value: string,
  ): AdapterPayload | undefined => {
    for (const key of entries.keys()) {
      if (key.startsWith(`${model}:`)) {
        const payload = read(key);
        if (payload?.[field] === value) {
          return payload;
        }
      }
    }
    return undefined;
  };

  return (model: string): Adapter => ({
    async upsert(id, payload, expiresIn) {
      entries.set(`${model}:${id}`, {
        payload,
        expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined,
      });
    },
    async find(id) {
      return read(`${model}:${id}`);
    },
    async findByUid(uid) {
      return findBy('uid', model, uid);
    },
    async findByUserCode(userCode) {
      return findBy('userCode', model, userCode);
    },
    async consume(id) {
      const payload = read(`${model}:${id}`);
      if (payload) {
        payload.consumed = Math.floor(Date.now() / 1000);
      }
    },
    async destroy(id) {
      entries.delete(`${model}:${id}`);
    },
    async revokeByGrantId(grantId) {
      for (const [key, entry] of entries) {
        if (entry.payload.grantId === grantId) {
          entries.delete(key);
        }
      }
    },
  });
}
