import type { Devstack } from './devstack';
import { describeAccess } from './api/authz/decide';

/** The start-up banner: every URL and seeded credential a newcomer needs. */
export function describeDevstack(devstack: Devstack): string {
  const { idp, api, jenkins, github, gitlab, observer } = devstack;
  const { portal, workloadPublisher } = idp.clients;
  const users = idp.users
    .map(
      u =>
        `    ${u.email} / ${u.password}  (groups: ${u.groups.join(
          ', ',
        )})\n      access: ${describeAccess(u.groups)}`,
    )
    .join('\n');
  return [
    'OpenChoreo devstack is running',
    `  OpenChoreo API      ${api.url}/api/v1`,
    `  Identity provider   ${idp.issuer}  (token: ${idp.tokenUrl})`,
    `  Jenkins emulator    ${jenkins.url}  (user ${jenkins.username}, API token ${jenkins.apiToken})`,
    `  GitHub emulator     ${github.url}  (GHE: ${github.enterpriseApiUrl}; tokens ${github.tokens.write}, read-only ${github.tokens.readOnly}, revoked ${github.tokens.revoked}, rate-limited ${github.tokens.rateLimited})`,
    `  GitLab emulator     ${gitlab.url}  (API ${gitlab.apiUrl}; tokens ${gitlab.tokens.write}, read-only ${gitlab.tokens.readOnly}, revoked ${gitlab.tokens.revoked})`,
    `  Observer            ${observer.url}  (archived build logs; collect a build's pods: POST ${observer.url}/_devstack/workflowruns/<ns>/<run>/collect)`,
    '  Clients (client credentials):',
    `    portal backend     ${portal.clientId} / ${portal.clientSecret}`,
    `    workload publisher ${workloadPublisher.clientId} / ${workloadPublisher.clientSecret}`,
    "  Users (sign in through the portal, at the identity provider's login page):",
    users,
    '  Service-account tokens (client credentials, no groups claim) have full access.',
    `  Portal sign-in redirect URIs (more with DEVSTACK_PORTAL_REDIRECT_URIS): ${idp.portalRedirectUris.join(
      ', ',
    )}`,
  ].join('\n');
}
