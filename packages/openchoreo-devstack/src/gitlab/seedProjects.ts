import { GitLabTokenRoles, SeedGitLabToken, SeedProject } from './types';

/**
 * The GitLab project of the demo's GitLab CI component (`gitlab.com/project-slug`), with a
 * successful, a failed and a running pipeline.
 */
export const CHECKOUT_PROJECT = 'openchoreo-demo/checkout-api';
/** Its numeric id, for `gitlab.com/project-id`. */
export const CHECKOUT_PROJECT_ID = 4242;
/** A private project without pipelines: the GitOps repository merge requests go to. */
export const GITOPS_PROJECT = 'openchoreo-demo/gitops';

/** The seeded tokens, one per case a client must handle. */
export const DEFAULT_GITLAB_TOKEN_VALUES: GitLabTokenRoles = {
  write: 'glpat-devstack-write',
  readOnly: 'glpat-devstack-readonly',
  revoked: 'glpat-devstack-revoked',
};

/** The seeded tokens with their users and access levels. */
export const DEFAULT_GITLAB_TOKENS: SeedGitLabToken[] = [
  {
    token: DEFAULT_GITLAB_TOKEN_VALUES.write,
    username: 'devstack-bot',
    accessLevel: 40,
  },
  {
    token: DEFAULT_GITLAB_TOKEN_VALUES.readOnly,
    username: 'devstack-reader',
    accessLevel: 20,
  },
  {
    token: DEFAULT_GITLAB_TOKEN_VALUES.revoked,
    username: 'devstack-bot',
    accessLevel: 40,
    revoked: true,
  },
];

/** The projects the devstack's GitLab emulator starts with. */
export function defaultSeedProjects(): SeedProject[] {
  return [
    {
      id: CHECKOUT_PROJECT_ID,
      pathWithNamespace: CHECKOUT_PROJECT,
      description: 'Checkout API built by GitLab CI (External CI)',
      pipelines: [
        {
          status: 'success',
          sha: '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b',
          startedMinutesAgo: 2880,
          durationSeconds: 256,
          user: 'carol-dev',
        },
        {
          status: 'failed',
          ref: 'feature/split-payments',
          sha: '0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a',
          source: 'merge_request_event',
          startedMinutesAgo: 720,
          durationSeconds: 133,
          user: 'dave-dev',
        },
        {
          status: 'success',
          sha: '5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e',
          startedMinutesAgo: 240,
          durationSeconds: 241,
          user: 'carol-dev',
        },
        {
          status: 'running',
          sha: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d',
          startedMinutesAgo: 2,
          durationSeconds: 0,
          user: 'carol-dev',
        },
      ],
    },
    {
      pathWithNamespace: GITOPS_PROJECT,
      visibility: 'private',
      description: "OpenChoreo GitOps repository (Flux applies 'main')",
    },
  ];
}
