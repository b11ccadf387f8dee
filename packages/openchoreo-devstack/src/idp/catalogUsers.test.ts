import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { seedUsers } from './seed';

interface CatalogEntity {
  kind: string;
  metadata: { name: string };
  spec?: { profile?: { email?: string }; memberOf?: string[] };
}

describe('the portal catalog of the embedded default', () => {
  const entities = parseAllDocuments(
    readFileSync(
      path.resolve(__dirname, '../../../../catalog/org.yaml'),
      'utf8',
    ),
  ).map(doc => doc.toJS() as CatalogEntity);

  it('has a User with the same email and groups for every seeded IdP user, so sign-in resolves to it', () => {
    for (const user of seedUsers) {
      const entity = entities.find(
        e => e.kind === 'User' && e.spec?.profile?.email === user.email,
      );
      expect({ email: user.email, name: entity?.metadata.name }).toEqual({
        email: user.email,
        name: user.id,
      });
      expect(entity?.spec?.memberOf).toEqual(user.groups);
      for (const group of user.groups) {
        expect(
          entities.some(e => e.kind === 'Group' && e.metadata.name === group),
        ).toBe(true);
      }
    }
  });

  it('keeps the guest user for guest sign-in', () => {
    expect(
      entities.some(e => e.kind === 'User' && e.metadata.name === 'guest'),
    ).toBe(true);
  });
});
