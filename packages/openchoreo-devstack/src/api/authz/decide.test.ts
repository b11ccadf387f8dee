import type { AuthzAction } from './actions';
import { decide, describeAccess, subjectFromClaims } from './decide';
import type { AuthzRoleTable } from './roleTable';

const user = (...groups: string[]) => ({ type: 'user' as const, groups });
const inDefault = {
  namespace: 'default',
  project: 'demo-project',
  component: 'greeting-service',
};

describe('decide with the devstack role table', () => {
  const matrix: [AuthzAction, Record<string, boolean>][] = [
    //                        developers  platform-engineers  viewers  outsiders
    [
      'component:view',
      {
        developers: true,
        'platform-engineers': true,
        viewers: true,
        outsiders: false,
      },
    ],
    [
      'component:create',
      {
        developers: true,
        'platform-engineers': true,
        viewers: false,
        outsiders: false,
      },
    ],
    [
      'component:update',
      {
        developers: true,
        'platform-engineers': true,
        viewers: false,
        outsiders: false,
      },
    ],
    [
      'component:delete',
      {
        developers: false,
        'platform-engineers': true,
        viewers: false,
        outsiders: false,
      },
    ],
    [
      'workload:create',
      {
        developers: true,
        'platform-engineers': true,
        viewers: false,
        outsiders: false,
      },
    ],
    [
      'workload:update',
      {
        developers: true,
        'platform-engineers': true,
        viewers: false,
        outsiders: false,
      },
    ],
    [
      'workflowrun:view',
      {
        developers: true,
        'platform-engineers': true,
        viewers: true,
        outsiders: false,
      },
    ],
    [
      'workflowrun:create',
      {
        developers: true,
        'platform-engineers': true,
        viewers: false,
        outsiders: false,
      },
    ],
    [
      'workflowrun:delete',
      {
        developers: true,
        'platform-engineers': true,
        viewers: false,
        outsiders: false,
      },
    ],
    [
      'project:create',
      {
        developers: false,
        'platform-engineers': true,
        viewers: false,
        outsiders: false,
      },
    ],
  ];

  it.each(matrix)('%s in namespace default', (action, expected) => {
    for (const [group, allowed] of Object.entries(expected)) {
      expect({
        group,
        allowed: decide(user(group), action, inDefault).allowed,
      }).toEqual({
        group,
        allowed,
      });
    }
  });

  it('limits namespace-scoped roles to their namespace and lets cluster reads through cluster-reader', () => {
    const teamB = { namespace: 'team-b' };
    expect(decide(user('developers'), 'component:view', teamB).allowed).toBe(
      false,
    );
    expect(
      decide(user('platform-engineers'), 'component:delete', teamB).allowed,
    ).toBe(true);
    for (const group of ['developers', 'viewers', 'platform-engineers']) {
      expect(decide(user(group), 'clustercomponenttype:view', {}).allowed).toBe(
        true,
      );
      expect(decide(user(group), 'clusterworkflow:view', {}).allowed).toBe(
        true,
      );
    }
    expect(decide(user('outsiders'), 'clusterworkflow:view', {}).allowed).toBe(
      false,
    );
    // A namespace-scoped binding never covers the cluster level.
    expect(decide(user('viewers'), 'namespace:view', {}).allowed).toBe(false);
  });

  it('gives service accounts full access and says why', () => {
    const decision = decide(
      { type: 'service_account', sub: 'openchoreo-portal-backend' },
      'component:delete',
      { namespace: 'anywhere' },
    );
    expect(decision).toEqual({
      allowed: true,
      reason: 'service account openchoreo-portal-backend has full access',
    });
  });

  it('names the granting role, or the groups that lack one', () => {
    expect(decide(user('viewers'), 'component:view', inDefault).reason).toBe(
      'role viewer of viewer-binding (group viewers) in namespace default',
    );
    expect(
      decide(user('viewers', 'qa'), 'component:update', inDefault).reason,
    ).toBe('no role bound to groups viewers, qa grants component:update');
  });
});

describe('decide with other tables', () => {
  const table: AuthzRoleTable = {
    roles: [
      {
        name: 'component-admin',
        description: 'manage components',
        actions: ['component:*'],
      },
    ],
    bindings: [
      {
        name: 'crm-binding',
        group: 'crm-team',
        roleMappings: [
          {
            role: 'component-admin',
            scope: { namespace: 'acme', project: 'crm' },
          },
        ],
      },
    ],
  };

  it('matches resource wildcards and project scopes', () => {
    const crm = { namespace: 'acme', project: 'crm', component: 'api' };
    expect(
      decide(user('crm-team'), 'component:delete', crm, table).allowed,
    ).toBe(true);
    expect(
      decide(user('crm-team'), 'workload:update', crm, table).allowed,
    ).toBe(false);
    expect(
      decide(
        user('crm-team'),
        'component:view',
        { ...crm, project: 'billing' },
        table,
      ).allowed,
    ).toBe(false);
    expect(describeAccess(['crm-team'], table)).toBe(
      'manage components in project crm of namespace acme',
    );
  });
});

describe('subjectFromClaims', () => {
  it('treats a token with a non-empty groups claim as a user, any other as a service account', () => {
    expect(subjectFromClaims({ sub: 'dev', groups: ['developers'] })).toEqual({
      type: 'user',
      sub: 'dev',
      groups: ['developers'],
    });
    expect(subjectFromClaims({ sub: 'dev', groups: 'developers' })).toEqual({
      type: 'user',
      sub: 'dev',
      groups: ['developers'],
    });
    expect(subjectFromClaims({ sub: 'ci', groups: [] })).toEqual({
      type: 'service_account',
      sub: 'ci',
    });
    expect(subjectFromClaims({ sub: 'ci', groups: [''] })).toEqual({
      type: 'service_account',
      sub: 'ci',
    });
    expect(subjectFromClaims({ sub: 'ci' })).toEqual({
      type: 'service_account',
      sub: 'ci',
    });
  });
});

describe('describeAccess', () => {
  it('says in words what each seeded group may do', () => {
    expect(describeAccess(['platform-engineers'])).toBe(
      'do everything everywhere',
    );
    expect(describeAccess(['viewers'])).toBe(
      'only read in namespace default; read cluster component types and cluster workflows everywhere',
    );
    expect(describeAccess(['outsiders'])).toMatch(/^nothing: no role binding/);
  });
});
