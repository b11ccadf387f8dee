import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { resolve as resolvePath } from 'node:path';
import request from 'supertest';
import permissionPolicyModule from './modules/permissionPolicy';

const orgFile = resolvePath(__dirname, '../../../catalog/org.yaml');

/** Starts the real catalog and permission backends the way packages/backend wires them. */
async function startPortalBackend() {
  return startTestBackend({
    features: [
      catalogPlugin,
      permissionPlugin,
      permissionPolicyModule,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true, writerGroups: ['platform-engineers'] },
          catalog: {
            rules: [{ allow: ['User', 'Group'] }],
            processingInterval: { seconds: 1 },
            locations: [{ type: 'file', target: orgFile }],
          },
        },
      }),
      mockServices.userInfo.mock({
        async getUserInfo(credentials) {
          const { userEntityRef } = credentials.principal as {
            userEntityRef: string;
          };
          const groups =
            userEntityRef === 'user:default/admin'
              ? ['group:default/platform-engineers']
              : ['group:default/developers'];
          return {
            userEntityRef,
            ownershipEntityRefs: [userEntityRef, ...groups],
          };
        },
      }).factory,
    ],
  });
}

/** Waits until the catalog serves every one of `expected` (`Kind:name`); the catalog processes
 * the entities of one file in batches, so the first non-empty answer can still miss some. */
async function waitForEntities(
  server: Parameters<typeof request>[0],
  expected: string[],
) {
  let served: string[] = [];
  for (let attempt = 0; attempt < 100; attempt++) {
    const res = await request(server)
      .get('/api/catalog/entities')
      // A plugin's call: test-backend mocks cannot forward a user's token between plugins.
      .set('Authorization', mockCredentials.service.header());
    if (res.status === 200) {
      const entities = res.body as Array<{
        kind: string;
        metadata: { name: string };
      }>;
      const refs = entities.map(e => `${e.kind}:${e.metadata.name}`);
      served = refs;
      if (expected.every(ref => refs.includes(ref))) return refs;
    }
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(
    `the catalog never served ${expected
      .filter(ref => !served.includes(ref))
      .join(', ')} of catalog/org.yaml (it served ${served.join(', ')})`,
  );
}

function authorize(server: Parameters<typeof request>[0], user: string) {
  return request(server)
    .post('/api/permission/authorize')
    .set('Authorization', mockCredentials.user.header(user))
    .send({
      items: [
        {
          id: 'one',
          permission: {
            type: 'basic',
            name: 'catalog.entity.create',
            attributes: { action: 'create' },
          },
        },
      ],
    });
}

describe('portal backend', () => {
  // Catalog processing of the file location takes a few seconds on a small machine.
  jest.setTimeout(30_000);

  let backend: Awaited<ReturnType<typeof startPortalBackend>> | undefined;
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  it('ingests the local users and groups of catalog/org.yaml', async () => {
    backend = await startPortalBackend();
    const { server } = backend;
    const expected = [
      'User:guest',
      'Group:developers',
      'Group:platform-engineers',
    ];
    const served = await waitForEntities(server, expected);
    expect(served).toEqual(expect.arrayContaining(expected));
  });

  it('decides permissions with the portal policy', async () => {
    backend = await startPortalBackend();
    const { server } = backend;
    const developer = await authorize(server, 'user:default/guest');
    expect(developer.status).toBe(200);
    expect(developer.body.items[0].result).toBe('DENY');
    const admin = await authorize(server, 'user:default/admin');
    expect(admin.body.items[0].result).toBe('ALLOW');
  });
});
