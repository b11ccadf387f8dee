import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/**
 * The portal's permission policy.
 *
 * Reading is open to every signed-in user. Changing things (permissions whose action is
 * `create`, `update` or `delete`) is open to everyone while `permission.writerGroups` is unset,
 * which is what the embedded local default wants, and restricted to members of those groups
 * once a deployment lists them.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  /** Builds the policy from the `permission` config section. */
  static fromConfig(config: Config): PortalPermissionPolicy {
    const groups = config.getOptionalStringArray('permission.writerGroups');
    return new PortalPermissionPolicy(groups);
  }

  private readonly writerGroups?: ReadonlySet<string>;

  constructor(writerGroups?: string[]) {
    this.writerGroups = writerGroups
      ? new Set(writerGroups.map(normalizeGroupRef))
      : undefined;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const action = request.permission.attributes.action;
    if (!this.writerGroups || action === undefined || action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    const ownership = user?.info.ownershipEntityRefs ?? [];
    const isWriter = ownership.some(ref => this.writerGroups!.has(ref));
    return { result: isWriter ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
}

/** Accepts `team-a`, `group:team-a` or `group:default/team-a` and returns the full ref. */
function normalizeGroupRef(ref: string): string {
  const withKind = ref.includes(':') ? ref : `group:${ref}`;
  const [kind, rest] = withKind.split(':', 2);
  const full = rest.includes('/') ? rest : `default/${rest}`;
  return `${kind.toLocaleLowerCase('en-US')}:${full.toLocaleLowerCase(
    'en-US',
  )}`;
}
