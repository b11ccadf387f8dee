import type { Devstack } from './devstack';

/** The start-up banner: every URL and seeded credential a newcomer needs. */
export function describeDevstack(devstack: Devstack): string {
  const { idp, api, jenkins } = devstack;
  const { portal, workloadPublisher } = idp.clients;
  const users = idp.users
    .map(
      u => `    ${u.email} / ${u.password}  (groups: ${u.groups.join(', ')})`,
    )
    .join('\n');
  return [
    'OpenChoreo devstack is running',
    `  OpenChoreo API      ${api.url}/api/v1`,
    `  Identity provider   ${idp.issuer}  (token: ${idp.tokenUrl})`,
    `  Jenkins emulator    ${jenkins.url}  (user ${jenkins.username}, API token ${jenkins.apiToken})`,
    '  Clients (client credentials):',
    `    portal backend     ${portal.clientId} / ${portal.clientSecret}`,
    `    workload publisher ${workloadPublisher.clientId} / ${workloadPublisher.clientSecret}`,
    '  Users (authorization code):',
    users,
  ].join('\n');
}
