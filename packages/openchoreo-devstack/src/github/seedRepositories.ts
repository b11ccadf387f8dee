import { GitHubTokenRoles, SeedGitHubToken, SeedRepository } from './types';

/**
 * The repository of the devstack's `storefront-web` component (`github.com/project-slug` in
 * `src/api/seed/demo.ts`), with a successful, a failed and a running workflow run.
 */
export const STOREFRONT_REPOSITORY = 'openchoreo/sample-workloads';

/** A private repository without runs: the GitOps repository release pull requests go to. */
export const GITOPS_REPOSITORY = 'openchoreo/sample-gitops';

/** The seeded tokens, one per case a client must handle. */
export const DEFAULT_GITHUB_TOKEN_VALUES: GitHubTokenRoles = {
  write: 'ghp_devstack_write',
  readOnly: 'ghp_devstack_readonly',
  revoked: 'ghp_devstack_revoked',
  rateLimited: 'ghp_devstack_ratelimited',
};

/** The seeded tokens with their users and rights. */
export const DEFAULT_GITHUB_TOKENS: SeedGitHubToken[] = [
  {
    token: DEFAULT_GITHUB_TOKEN_VALUES.write,
    login: 'devstack-bot',
    access: 'write',
  },
  {
    token: DEFAULT_GITHUB_TOKEN_VALUES.readOnly,
    login: 'devstack-reader',
    access: 'read',
  },
  {
    token: DEFAULT_GITHUB_TOKEN_VALUES.revoked,
    login: 'devstack-bot',
    access: 'write',
    revoked: true,
  },
  {
    token: DEFAULT_GITHUB_TOKEN_VALUES.rateLimited,
    login: 'devstack-busy-bot',
    access: 'write',
    rateLimited: true,
  },
];

const BUILD = 'Build and publish';
const LINT = 'Lint';

/** The repositories the devstack's GitHub emulator starts with. */
export function defaultSeedRepositories(): SeedRepository[] {
  return [
    {
      fullName: STOREFRONT_REPOSITORY,
      description: 'Sample workloads built outside OpenChoreo',
      runs: [
        {
          workflow: BUILD,
          displayTitle: 'Add the product grid',
          commit: '3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a',
          startedMinutesAgo: 2900,
          durationSeconds: 214,
          conclusion: 'success',
          actor: 'alice-dev',
        },
        {
          workflow: LINT,
          displayTitle: 'Redesign the checkout page',
          branch: 'feature/checkout-redesign',
          commit: 'c0ffee00d15ea5e0badc0de0f00dfacefeed1234',
          event: 'pull_request',
          startedMinutesAgo: 1440,
          durationSeconds: 41,
          conclusion: 'success',
          actor: 'bob-dev',
        },
        {
          workflow: BUILD,
          displayTitle: 'Redesign the checkout page',
          branch: 'feature/checkout-redesign',
          commit: 'c0ffee00d15ea5e0badc0de0f00dfacefeed1234',
          event: 'pull_request',
          startedMinutesAgo: 1439,
          durationSeconds: 97,
          conclusion: 'failure',
          actor: 'bob-dev',
        },
        {
          workflow: BUILD,
          displayTitle: 'Cache product images',
          commit: '8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b',
          startedMinutesAgo: 300,
          durationSeconds: 188,
          conclusion: 'success',
          actor: 'alice-dev',
        },
        {
          workflow: BUILD,
          displayTitle: 'Show delivery estimates',
          commit: 'e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6',
          startedMinutesAgo: 3,
          durationSeconds: 0,
          conclusion: null,
          actor: 'alice-dev',
        },
      ],
    },
    {
      fullName: GITOPS_REPOSITORY,
      private: true,
      description: "OpenChoreo GitOps repository (Flux applies 'main')",
    },
  ];
}
