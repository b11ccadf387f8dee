import {
  DEFAULT_GITHUB_TOKEN_VALUES,
  DEFAULT_GITLAB_TOKEN_VALUES,
  GITOPS_PROJECT,
  GITOPS_REPOSITORY,
  startGitHubEmulator,
  startGitLabEmulator,
  type GitHubEmulator,
  type GitLabEmulator,
} from '@openchoreo-ci/openchoreo-devstack';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  createGitopsRemote,
  type GitopsRemote,
} from '../__testUtils__/gitRepos';
import { GITHUB_ENV } from '../__testUtils__/provenanceCases';
import { ExitCode } from '../errors';
import { main } from '../main';

const PROJECT = 'demo-project';
const COMPONENT = 'orders-service';
const PATH = `namespaces/default/projects/${PROJECT}/components/${COMPONENT}/workload.yaml`;
const NOW = new Date('2026-05-04T10:20:30.456Z');
const FAST_RETRY = {
  maxAttempts: 2,
  initialDelayMs: 5,
  maxDelayMs: 10,
  maxTotalMs: 2000,
};

/** The repository as OpenChoreo's sample-gitops lays it out, before any Workload is published. */
const SEED_FILES = {
  'README.md': '# GitOps repository applied by Flux\n',
  [`namespaces/default/projects/${PROJECT}/project.yaml`]:
    'apiVersion: openchoreo.dev/v1alpha1\nkind: Project\nmetadata:\n  name: demo-project\n',
  [`namespaces/default/projects/${PROJECT}/components/${COMPONENT}/component.yaml`]:
    'apiVersion: openchoreo.dev/v1alpha1\nkind: Component\nmetadata:\n  name: orders-service\n',
  'namespaces/default/platform/environments/development.yaml':
    'apiVersion: openchoreo.dev/v1alpha1\nkind: Environment\nmetadata:\n  name: development\n',
};

async function publish(
  checkout: string,
  args: string[],
  options: {
    env?: Record<string, string>;
    now?: Date;
    component?: string;
  } = {},
) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(
    [
      'publish',
      '--mode',
      'gitops',
      '--gitops-repo',
      checkout,
      '--project',
      PROJECT,
      '--component',
      options.component ?? COMPONENT,
      ...args,
    ],
    {
      env: { ...GITHUB_ENV, ...options.env },
      cwd: checkout,
      stdout: line => stdout.push(line),
      stderr: line => stderr.push(line),
      now: () => options.now ?? NOW,
      retry: FAST_RETRY,
    },
  );
  return { code, stdout, stderr, output: [...stdout, ...stderr].join('\n') };
}

/** What a test checks to prove a failed publish left everything as it was. */
function snapshot(remote: GitopsRemote, checkout: string) {
  const git = (args: string[]) => remote.git(args, checkout);
  return {
    remote: remote.refs(),
    head: git(['rev-parse', 'HEAD']),
    branch: git(['symbolic-ref', '--short', 'HEAD']),
    status: git(['status', '--porcelain']),
    branches: git(['for-each-ref', '--format=%(refname)', 'refs/heads']),
  };
}

describe('publish --mode gitops, against a real bare git repository', () => {
  let remote: GitopsRemote;

  beforeEach(() => {
    remote = createGitopsRemote(SEED_FILES);
  });
  afterEach(() => remote.cleanup());

  it('adds workload.yaml, then changes nothing for the same image, then only the image', async () => {
    const checkout = remote.clone('ci');
    const first = await publish(checkout, [
      '--image',
      'registry.example.com/orders:1',
    ]);
    expect(first.stderr).toEqual([]);
    expect(first.code).toBe(ExitCode.Ok);
    expect(first.stdout.at(-1)).toMatch(
      new RegExp(
        `^Published: created ${PATH} with image registry.example.com/orders:1 in commit [0-9a-f]{12} on main; the GitOps tool deploys it$`,
      ),
    );
    const created = parse(remote.show(PATH)!);
    expect(created).toEqual({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'Workload',
      metadata: {
        name: `${COMPONENT}-workload`,
        namespace: 'default',
        annotations: expect.objectContaining({
          'ci.openchoreo-ci.dev/platform': 'github-actions',
          'ci.openchoreo-ci.dev/run-number': '17',
          'ci.openchoreo-ci.dev/published-at': '2026-05-04T10:20:30Z',
        }),
      },
      spec: {
        owner: { projectName: PROJECT, componentName: COMPONENT },
        container: { image: 'registry.example.com/orders:1' },
      },
    });
    // The commit names the image and the CI run; everything else in the repository is intact.
    expect(remote.git(['log', '-1', '--format=%B', 'main'])).toBe(
      [
        `Publish ${COMPONENT} image registry.example.com/orders:1 from github-actions Build and publish #17`,
        '',
        `Workload: ${PATH}`,
        'Image: registry.example.com/orders:1',
        'CI run: github-actions Build and publish #17 https://github.example.com/acme/orders/actions/runs/9876543210/attempts/2',
        'Source: acme/orders 0123456789abcdef0123456789abcdef01234567 (release/1.2)',
        'Published by: openchoreo-publish-workload/0.1.0 at 2026-05-04T10:20:30Z',
        '',
        '',
      ].join('\n'),
    );
    expect(remote.git(['diff', '--name-status', 'main~1', 'main']).trim()).toBe(
      `A\t${PATH}`,
    );
    for (const [path, content] of Object.entries(SEED_FILES)) {
      expect(remote.show(path)).toBe(content);
    }

    // A second publish of the same image (another run, later): nothing to commit.
    const before = remote.refs();
    const second = await publish(
      checkout,
      ['--image', 'registry.example.com/orders:1'],
      {
        env: { GITHUB_RUN_NUMBER: '18' },
        now: new Date('2026-05-04T11:00:00Z'),
      },
    );
    expect(second.code).toBe(ExitCode.Ok);
    expect(second.stdout.at(-1)).toBe(
      `Published: nothing changed (${PATH} already has image registry.example.com/orders:1); no commit`,
    );
    expect(remote.refs()).toBe(before);

    // Someone configured the Workload in the repository, with comments: a new image changes
    // only the image and the provenance.
    const edited = `# Orders service: owned by the orders team
${remote
  .show(PATH)!
  .replace(
    '  container:\n',
    '  container: # the one container\n    env:\n      - key: LOG_LEVEL # keep quiet in prod\n        value: info\n',
  )}  endpoints:
    http: { type: HTTP, port: 8080 } # public API
`;
    const editor = remote.clone('editor');
    execFileSync('sh', ['-c', `cat > '${join(editor, PATH)}'`], {
      input: edited,
    });
    remote.git(
      ['commit', '--quiet', '-am', 'Configure orders-service'],
      editor,
    );
    remote.git(['push', '--quiet', 'origin', 'main'], editor);

    const third = await publish(
      checkout,
      ['--image', 'registry.example.com/orders:2'],
      { now: new Date('2026-05-04T12:00:00Z') },
    );
    expect(third.stderr).toEqual([]);
    expect(third.code).toBe(ExitCode.Ok);
    const diff = remote
      .git(['diff', '--unified=0', 'main~1', 'main'])
      .split('\n')
      .filter(line => /^[-+] /.test(line));
    expect(diff).toEqual([
      '-    ci.openchoreo-ci.dev/published-at: 2026-05-04T10:20:30Z',
      '+    ci.openchoreo-ci.dev/published-at: 2026-05-04T12:00:00Z',
      '-    image: registry.example.com/orders:1',
      '+    image: registry.example.com/orders:2',
    ]);
    expect(remote.show(PATH)).toBe(
      edited
        .replace('orders:1', 'orders:2')
        .replace('2026-05-04T10:20:30Z', '2026-05-04T12:00:00Z'),
    );
  });

  it('retries a push race on a fresh fetch, re-applying the change on the new tip', async () => {
    const checkout = remote.clone('ci');
    // Another pipeline's commit, pushed to main while this run pushes (the hook moves main first).
    const other = remote.clone('other');
    execFileSync('sh', ['-c', 'echo other > other.txt'], { cwd: other });
    remote.git(['add', 'other.txt'], other);
    remote.git(['commit', '--quiet', '-m', 'Another change'], other);
    remote.git(
      ['push', '--quiet', 'origin', 'HEAD:refs/heads/concurrent'],
      other,
    );
    remote.hook(
      `if [ ! -e "$GIT_DIR/raced" ]; then
  touch "$GIT_DIR/raced"
  env -u GIT_QUARANTINE_PATH git update-ref refs/heads/main refs/heads/concurrent
fi`,
    );
    const result = await publish(checkout, [
      '--image',
      'registry.example.com/orders:7',
    ]);
    expect(result.stderr).toEqual([]);
    expect(result.code).toBe(ExitCode.Ok);
    expect(result.output).toContain(
      'Push to origin/main rejected: another push landed first; fetching again and re-applying (attempt 2 of 5)',
    );
    expect(remote.show('other.txt')).toBe('other\n');
    expect(parse(remote.show(PATH)!).spec.container.image).toBe(
      'registry.example.com/orders:7',
    );
    expect(remote.git(['rev-parse', 'main~1'])).toBe(
      remote.git(['rev-parse', 'concurrent']),
    );
  });

  it('lands concurrent publishes of two components to the same repository', async () => {
    const [a, b] = [remote.clone('a'), remote.clone('b')];
    // Both receive-packs run their hook at the same time, so their ref updates collide.
    remote.hook('sleep 0.3');
    const results = await Promise.all([
      publish(a, ['--image', 'registry.example.com/orders:3']),
      publish(b, ['--image', 'registry.example.com/payments:9'], {
        component: 'payments',
      }),
    ]);
    expect(results.map(r => [r.code, r.stderr])).toEqual([
      [ExitCode.Ok, []],
      [ExitCode.Ok, []],
    ]);
    expect(parse(remote.show(PATH)!).spec.container.image).toBe(
      'registry.example.com/orders:3',
    );
    expect(
      parse(
        remote.show(
          `namespaces/default/projects/${PROJECT}/components/payments/workload.yaml`,
        )!,
      ).spec.container.image,
    ).toBe('registry.example.com/payments:9');
    expect(remote.git(['rev-list', '--count', 'main']).trim()).toBe('3');
  });

  describe('bad input: a clear error, the repository untouched', () => {
    it('refuses a path that is not a git repository', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'not-a-repo-'));
      try {
        const result = await publish(dir, [
          '--image',
          'registry.example.com/orders:1',
        ]);
        expect(result.code).toBe(ExitCode.BadInput);
        expect(result.stderr.join('\n')).toMatch(
          /^Error: .*not-a-repo-\w+ is not a git repository \(fatal: not a git repository.*\): clone the GitOps repository/,
        );
        const missing = await publish(join(dir, 'nope'), [
          '--image',
          'registry.example.com/orders:1',
        ]);
        expect(missing.code).toBe(ExitCode.BadInput);
        expect(missing.stderr[0]).toContain('is not a directory');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('reports a push without rights (exit 3) and puts the checkout back', async () => {
      const checkout = remote.clone('ci');
      remote.hook(
        'echo "Permission to openchoreo/sample-gitops.git denied to devstack-reader." >&2\nexit 1',
      );
      const before = snapshot(remote, checkout);
      const result = await publish(checkout, [
        '--image',
        'registry.example.com/orders:1',
      ]);
      expect(result.code).toBe(ExitCode.Auth);
      expect(result.stderr.join('\n')).toContain(
        'The GitOps repository refused the push to origin/main',
      );
      expect(result.stderr.join('\n')).toContain(
        'Permission to openchoreo/sample-gitops.git denied to devstack-reader.',
      );
      expect(result.stderr.join('\n')).toContain('use --pull-request');
      expect(snapshot(remote, checkout)).toEqual(before);
    });

    it('refuses a workload.yaml that is not a Workload', async () => {
      remote.hook('exit 0');
      const editor = remote.clone('editor');
      execFileSync(
        'sh',
        [
          '-c',
          `mkdir -p "$(dirname '${PATH}')" && printf 'apiVersion: openchoreo.dev/v1alpha1\\nkind: Component\\nmetadata:\\n  name: x\\n' > '${PATH}'`,
        ],
        { cwd: editor },
      );
      remote.git(['add', '-A'], editor);
      remote.git(['commit', '--quiet', '-m', 'Wrong kind'], editor);
      remote.git(['push', '--quiet', 'origin', 'main'], editor);
      const checkout = remote.clone('ci');
      const before = snapshot(remote, checkout);
      const result = await publish(checkout, [
        '--image',
        'registry.example.com/orders:1',
      ]);
      expect(result.code).toBe(ExitCode.BadInput);
      expect(result.stderr).toEqual([
        `Error: ${PATH} in the GitOps repository is not a Workload this publish can update: its kind is "Component". ` +
          'Fix or remove the file in the repository (it must hold one openchoreo.dev Workload of this component); nothing was changed.',
      ]);
      expect(snapshot(remote, checkout)).toEqual(before);
    });

    it('refuses uncommitted changes and an unknown branch', async () => {
      const checkout = remote.clone('ci');
      execFileSync('sh', ['-c', 'echo changed >> README.md'], {
        cwd: checkout,
      });
      const dirty = await publish(checkout, [
        '--image',
        'registry.example.com/orders:1',
      ]);
      expect(dirty.code).toBe(ExitCode.BadInput);
      expect(dirty.stderr[0]).toContain(
        'has uncommitted changes (M README.md)',
      );
      remote.git(['checkout', '--quiet', '--', 'README.md'], checkout);

      const before = snapshot(remote, checkout);
      const branch = await publish(checkout, [
        '--image',
        'registry.example.com/orders:1',
        '--gitops-branch',
        'production',
      ]);
      expect(branch.code).toBe(ExitCode.BadInput);
      expect(branch.stderr[0]).toBe(
        'Error: The GitOps repository (origin) has no branch "production": set --gitops-branch to the branch Flux applies.',
      );
      expect(snapshot(remote, checkout)).toEqual(before);
    });
  });

  describe('release pull requests', () => {
    let github: GitHubEmulator;
    let gitlab: GitLabEmulator;
    beforeAll(async () => {
      github = await startGitHubEmulator();
      gitlab = await startGitLabEmulator();
    });
    afterAll(async () => {
      await github?.close();
      await gitlab?.close();
    });
    const pullRequestArgs = (
      image: string,
      provider: 'github' | 'gitlab',
      apiUrl: string,
      repository: string,
    ) => [
      '--image',
      image,
      '--pull-request',
      provider,
      '--git-api-url',
      apiUrl,
      '--git-repository',
      repository,
    ];

    it('pushes release/<component>-<timestamp> and opens a GitHub pull request', async () => {
      const checkout = remote.clone('ci');
      const mainBefore = remote.git(['rev-parse', 'main']);
      const result = await publish(
        checkout,
        pullRequestArgs(
          'registry.example.com/orders:5',
          'github',
          github.url,
          GITOPS_REPOSITORY,
        ),
        { env: { GITHUB_TOKEN: DEFAULT_GITHUB_TOKEN_VALUES.write } },
      );
      expect(result.stderr).toEqual([]);
      expect(result.code).toBe(ExitCode.Ok);
      const branch = `release/${COMPONENT}-20260504-102030`;
      expect(github.pullRequests(GITOPS_REPOSITORY)).toEqual([
        expect.objectContaining({
          head: branch,
          base: 'main',
          title: `Publish ${COMPONENT} image registry.example.com/orders:5 from github-actions Build and publish #17`,
        }),
      ]);
      const [pull] = github.pullRequests(GITOPS_REPOSITORY);
      expect(result.stdout.at(-1)).toBe(
        `Published: created ${PATH} on branch ${branch}; pull request #${pull.number} ${github.url}/${GITOPS_REPOSITORY}/pull/${pull.number}: merging it deploys image registry.example.com/orders:5`,
      );
      // main is untouched until the pull request is merged; the checkout is back on main.
      expect(remote.git(['rev-parse', 'main'])).toBe(mainBefore);
      expect(parse(remote.show(PATH, branch)!).spec.container.image).toBe(
        'registry.example.com/orders:5',
      );
      expect(
        remote.git(['symbolic-ref', '--short', 'HEAD'], checkout).trim(),
      ).toBe('main');
      expect(result.output).not.toContain(DEFAULT_GITHUB_TOKEN_VALUES.write);
    });

    it('opens a GitLab merge request', async () => {
      const checkout = remote.clone('ci');
      const result = await publish(
        checkout,
        pullRequestArgs(
          'registry.example.com/orders:6',
          'gitlab',
          gitlab.apiUrl,
          GITOPS_PROJECT,
        ),
        { env: { GITLAB_TOKEN: DEFAULT_GITLAB_TOKEN_VALUES.write } },
      );
      expect(result.stderr).toEqual([]);
      expect(result.code).toBe(ExitCode.Ok);
      const branch = `release/${COMPONENT}-20260504-102030`;
      expect(gitlab.mergeRequests(GITOPS_PROJECT)).toEqual([
        expect.objectContaining({ sourceBranch: branch, targetBranch: 'main' }),
      ]);
      expect(result.stdout.at(-1)).toMatch(
        new RegExp(
          `; merge request !\\d+ ${gitlab.url}/${GITOPS_PROJECT}/-/merge_requests/\\d+: merging it deploys`,
        ),
      );
    });

    it('says which branch was pushed when the token may not open pull requests', async () => {
      const checkout = remote.clone('ci');
      const result = await publish(
        checkout,
        pullRequestArgs(
          'registry.example.com/orders:8',
          'github',
          github.url,
          GITOPS_REPOSITORY,
        ),
        { env: { GITHUB_TOKEN: DEFAULT_GITHUB_TOKEN_VALUES.readOnly } },
      );
      expect(result.code).toBe(ExitCode.Auth);
      expect(result.stderr[0]).toMatch(
        /^Error: The token may not open pull requests in openchoreo\/sample-gitops \(403 .*\): give it write access .* The branch release\/orders-service-20260504-102030 was pushed; open the pull request to main by hand, or run the publish again\.$/,
      );
      expect(result.output).not.toContain(DEFAULT_GITHUB_TOKEN_VALUES.readOnly);

      const noToken = await publish(checkout, [
        '--image',
        'registry.example.com/orders:8',
        '--pull-request',
        'github',
        '--git-repository',
        GITOPS_REPOSITORY,
      ]);
      expect(noToken.code).toBe(ExitCode.BadInput);
      expect(noToken.stderr[0]).toContain(
        'Set OPENCHOREO_GIT_TOKEN (or GITHUB_TOKEN)',
      );
    });
  });
});
