import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { PortalPermissionPolicy } from './PortalPermissionPolicy';

const readEntity = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
});
const deleteEntity = createPermission({
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
});
const useSearch = createPermission({ name: 'search.query', attributes: {} });

function userIn(...groups: string[]): PolicyQueryUser {
  return {
    credentials: {} as PolicyQueryUser['credentials'],
    info: {
      userEntityRef: 'user:default/alice',
      ownershipEntityRefs: ['user:default/alice', ...groups],
    },
  };
}

describe('PortalPermissionPolicy', () => {
  it('allows everything when no writer groups are configured', async () => {
    const policy = PortalPermissionPolicy.fromConfig(new ConfigReader({}));
    await expect(
      policy.handle({ permission: deleteEntity }, userIn()),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  describe('with writer groups', () => {
    const policy = PortalPermissionPolicy.fromConfig(
      new ConfigReader({
        permission: { writerGroups: ['platform-engineers', 'group:ops/sre'] },
      }),
    );

    it('lets any user read and use non-action permissions', async () => {
      for (const permission of [readEntity, useSearch]) {
        await expect(policy.handle({ permission }, userIn())).resolves.toEqual({
          result: AuthorizeResult.ALLOW,
        });
      }
    });

    it('denies changes to users outside the writer groups', async () => {
      await expect(
        policy.handle(
          { permission: deleteEntity },
          userIn('group:default/developers'),
        ),
      ).resolves.toEqual({ result: AuthorizeResult.DENY });
      await expect(
        policy.handle({ permission: deleteEntity }),
      ).resolves.toEqual({ result: AuthorizeResult.DENY });
    });

    it('allows changes to members of a writer group, in any ref form', async () => {
      await expect(
        policy.handle(
          { permission: deleteEntity },
          userIn('group:default/platform-engineers'),
        ),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
      await expect(
        policy.handle({ permission: deleteEntity }, userIn('group:ops/sre')),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    });
  });
});
