/**
 * The security matrix: who may do what with each CI through the portal, as one table that
 * `securityMatrix.test.ts` iterates and that README.md ("Sign-in and OpenChoreo access") shows.
 */

/** The callers of the matrix: no sign-in, a forged OpenChoreo token, and the devstack's users. */
export const MATRIX_USERS = [
  'anonymous',
  'forged',
  'outsider',
  'viewer',
  'developer',
  'platform-engineer',
] as const;
export type MatrixUser = (typeof MATRIX_USERS)[number];

/** The signed-in users of the devstack (sign-in: `<user>@openchoreo.dev`, password `<user>`). */
export const SIGNED_IN_USERS = [
  'outsider',
  'viewer',
  'developer',
  'platform-engineer',
] as const;
export type SignedInUser = (typeof SIGNED_IN_USERS)[number];

/** The CIs a component can use. */
export const CIS = {
  workflowRuns: 'Built-in CI (WorkflowRuns)',
  jenkins: 'Jenkins',
  githubActions: 'GitHub Actions',
  gitlabCi: 'GitLab CI',
} as const;
export type Ci = keyof typeof CIS;

/** What a person may do with a CI through the portal. */
export const CAPABILITIES = [
  'read',
  'build/re-run',
  'cancel',
  'edit annotations',
  'create component',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** What each CI offers (Jenkins, GitHub Actions and GitLab CI runs are not cancelled here). */
export const CI_CAPABILITIES: Record<Ci, readonly Capability[]> = {
  workflowRuns: [
    'read',
    'build/re-run',
    'cancel',
    'edit annotations',
    'create component',
  ],
  jenkins: ['read', 'build/re-run', 'edit annotations', 'create component'],
  githubActions: [
    'read',
    'build/re-run',
    'edit annotations',
    'create component',
  ],
  gitlabCi: ['read', 'build/re-run', 'edit annotations', 'create component'],
};

const everything = (ci: Ci) => CI_CAPABILITIES[ci];
const readOnly = (): readonly Capability[] => ['read'];
const nothing = (): readonly Capability[] => [];

/**
 * THE table: per signed-in user and CI, what they may do. OpenChoreo's roles (the devstack's role
 * table) decide it; the portal applies the same rule where it acts with its own credentials
 * (Jenkins, GitHub Actions, GitLab CI). Anonymous and forged callers may do nothing.
 */
export const ALLOWED: Record<MatrixUser, Record<Ci, readonly Capability[]>> = {
  anonymous: {
    workflowRuns: nothing(),
    jenkins: nothing(),
    githubActions: nothing(),
    gitlabCi: nothing(),
  },
  forged: {
    workflowRuns: nothing(),
    jenkins: nothing(),
    githubActions: nothing(),
    gitlabCi: nothing(),
  },
  outsider: {
    workflowRuns: nothing(),
    jenkins: nothing(),
    githubActions: nothing(),
    gitlabCi: nothing(),
  },
  viewer: {
    workflowRuns: readOnly(),
    jenkins: readOnly(),
    githubActions: readOnly(),
    gitlabCi: readOnly(),
  },
  developer: {
    workflowRuns: everything('workflowRuns'),
    jenkins: everything('jenkins'),
    githubActions: everything('githubActions'),
    gitlabCi: everything('gitlabCi'),
  },
  'platform-engineer': {
    workflowRuns: everything('workflowRuns'),
    jenkins: everything('jenkins'),
    githubActions: everything('githubActions'),
    gitlabCi: everything('gitlabCi'),
  },
};

/** How a user appears in the README table. */
const README_USER: Record<MatrixUser, string> = {
  anonymous: 'not signed in',
  forged: 'forged OpenChoreo token',
  outsider: '`outsider@openchoreo.dev`',
  viewer: '`viewer@openchoreo.dev`',
  developer: '`developer@openchoreo.dev`',
  'platform-engineer': '`platform-engineer@openchoreo.dev`',
};

/** The README's per-user CI table, generated from {@link ALLOWED} (prettier's table layout). */
export function readmeCiTable(): string {
  const header = ['user', ...Object.values(CIS)];
  const rows = MATRIX_USERS.map(user => [
    README_USER[user],
    ...(Object.keys(CIS) as Ci[]).map(ci =>
      ALLOWED[user][ci].length === 0 ? 'nothing' : ALLOWED[user][ci].join(', '),
    ),
  ]);
  const widths = header.map((_, i) =>
    Math.max(...[header, ...rows].map(row => row[i].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n');
}
