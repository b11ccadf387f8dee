// The GitOps pipelines in templates/pipelines/ run as printed: their release step, taken from the
// file as the CI would run it, downloads the bundled CLI, commits to a real GitOps repository
// (a local bare repository) and opens the pull request on the devstack's GitHub / GitLab emulator.
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
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import {
  createGitopsRemote,
  type GitopsRemote,
} from './__testUtils__/gitRepos';
import {
  GITHUB_ENV,
  GITLAB_ENV,
  JENKINS_ENV,
} from './__testUtils__/provenanceCases';
import { CI_SHELLS, runShell } from './__testUtils__/runShell';

const PACKAGE_DIR = resolve(__dirname, '..');
const PIPELINES = resolve(PACKAGE_DIR, '../../templates/pipelines');
const WORKLOAD =
  'namespaces/default/projects/my-project/components/my-service/workload.yaml';
const IMAGE = 'registry.example.com/my-service:42';
/** What a runner has: node, git, curl. */
const PATH = `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`;

const template = (name: string) => readFileSync(join(PIPELINES, name), 'utf8');

describe('the GitOps pipelines run as printed', () => {
  let dir: string;
  let server: Server;
  let publisherUrl: string;
  let github: GitHubEmulator;
  let gitlab: GitLabEmulator;
  let remote: GitopsRemote;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gitops-pipelines-'));
    const bundle = join(dir, 'openchoreo-publish-workload.cjs');
    await promisify(execFile)(process.execPath, ['scripts/bundle.js', bundle], {
      cwd: PACKAGE_DIR,
    });
    // Where the pipelines download the CLI from (OPENCHOREO_PUBLISHER_URL).
    server = createServer((_req, res) => res.end(readFileSync(bundle)));
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    publisherUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/openchoreo-publish-workload.cjs`;
    github = await startGitHubEmulator();
    gitlab = await startGitLabEmulator();
  }, 60_000);

  afterAll(async () => {
    await new Promise(done => server?.close(done));
    await github?.close();
    await gitlab?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    remote = createGitopsRemote({ 'README.md': '# GitOps\n' });
  });
  afterEach(() => {
    remote.cleanup();
    // The next test's GitOps repository is new, so its pull requests go with this one: a
    // release branch of the same second (release/my-service-<timestamp>) must not meet this
    // test's still-open pull request on the emulator (GitHub answers 422 "already exists").
    for (const pull of github.pullRequests(GITOPS_REPOSITORY)) {
      if (pull.state === 'open') {
        github.mergePullRequest(GITOPS_REPOSITORY, pull.number);
      }
    }
  });

  const pushedImage = (branch: string) =>
    parse(remote.show(WORKLOAD, branch)!).spec.container.image;

  it('GitHub Actions: checks out the GitOps repository, then opens a release pull request', async () => {
    const job = (
      parse(template('github-actions-gitops.yaml')) as {
        jobs: Record<string, { steps: Array<Record<string, any>> }>;
      }
    ).jobs['build-and-release'];
    const step = job.steps.find(s =>
      s.name?.startsWith('Propose the release'),
    )!;
    const settings: Record<string, string> = {
      'vars.OPENCHOREO_PUBLISHER_URL': publisherUrl,
      'vars.OPENCHOREO_GITOPS_REPOSITORY': GITOPS_REPOSITORY,
      'secrets.GITOPS_TOKEN': DEFAULT_GITHUB_TOKEN_VALUES.write,
    };
    const env = Object.fromEntries(
      Object.entries(step.env as Record<string, string>).map(([k, v]) => [
        k,
        String(v).replace(/\$\{\{ ([\w.]+) \}\}/g, (_, key) => settings[key]),
      ]),
    );
    // The workspace after the checkout steps: the GitOps repository in ./gitops.
    const workspace = mkdtempSync(join(dir, 'workspace-'));
    remote.git(
      ['clone', '--quiet', remote.bare, join(workspace, 'gitops')],
      dir,
    );
    const result = await runShell(
      CI_SHELLS['github-actions'],
      step.run,
      {
        ...GITHUB_ENV,
        ...env,
        PATH,
        IMAGE,
        RUNNER_TEMP: workspace,
        GITHUB_API_URL: github.url,
      },
      workspace,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [pull] = github.pullRequests(GITOPS_REPOSITORY);
    expect(pull).toMatchObject({ base: 'main' });
    expect(pull.head).toMatch(/^release\/my-service-\d{8}-\d{6}$/);
    expect(pushedImage(pull.head)).toBe(IMAGE);
    expect(result.output).not.toContain(DEFAULT_GITHUB_TOKEN_VALUES.write);
  });

  it('GitLab CI: clones with the token helper, then opens a release merge request', async () => {
    const job = (
      parse(template('gitlab-ci-gitops.yaml')) as Record<string, any>
    )['propose-release'];
    expect(job.before_script).toEqual(['apk add --no-cache curl git']);
    const settings: Record<string, string> = {
      GITOPS_TOKEN: DEFAULT_GITLAB_TOKEN_VALUES.write,
      OPENCHOREO_GITOPS_REPO_URL: remote.bare,
      OPENCHOREO_GITOPS_PROJECT: GITOPS_PROJECT,
      OPENCHOREO_PUBLISHER_URL: publisherUrl,
    };
    // GitLab expands $VARIABLES in `variables:` before the job starts.
    const variables = Object.fromEntries(
      Object.entries(job.variables as Record<string, string>).map(([k, v]) => [
        k,
        String(v).replace(/\$(\w+)/g, (_, key) => settings[key]),
      ]),
    );
    const workspace = mkdtempSync(join(dir, 'workspace-'));
    const result = await runShell(
      CI_SHELLS['gitlab-ci'],
      (job.script as string[]).join('\n'),
      {
        ...GITLAB_ENV,
        ...settings,
        ...variables,
        PATH,
        IMAGE,
        CI_API_V4_URL: gitlab.apiUrl,
      },
      workspace,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [mr] = gitlab.mergeRequests(GITOPS_PROJECT);
    expect(mr).toMatchObject({ targetBranch: 'main' });
    expect(pushedImage(mr.sourceBranch)).toBe(IMAGE);
    expect(result.output).not.toContain(DEFAULT_GITLAB_TOKEN_VALUES.write);
  });

  it('Jenkins: the sh body with the credentials bound, then a pull request', async () => {
    const text = template('Jenkinsfile.gitops');
    const body = /sh '''\n([\s\S]*?)\n\s*'''/.exec(text)![1];
    // A Groovy ''' string passes its text unchanged when it holds no backslash.
    expect(body).not.toContain('\\');
    const env: Record<string, string> = { ...JENKINS_ENV };
    for (const [, block] of text.matchAll(
      /environment \{\n([\s\S]*?)\n\s*\}/g,
    )) {
      for (const line of block.split('\n')) {
        const [, name, value] = /^\s*(\w+) = '([^'\\]*)'$/.exec(line)!;
        env[name] = value;
      }
    }
    expect(text).toContain(
      "usernamePassword(credentialsId: 'gitops-credentials', usernameVariable: 'GITOPS_USER', passwordVariable: 'OPENCHOREO_GIT_TOKEN')",
    );
    const workspace = mkdtempSync(join(dir, 'workspace-'));
    const result = await runShell(
      CI_SHELLS.jenkins,
      body,
      {
        ...env,
        // What the user sets for their repository and (as the comment says) GitHub Enterprise.
        GITOPS_REPO_URL: remote.bare,
        GITOPS_REPOSITORY,
        OPENCHOREO_PUBLISHER_URL: publisherUrl,
        OPENCHOREO_GIT_API_URL: github.enterpriseApiUrl,
        GITOPS_USER: 'devstack-bot',
        OPENCHOREO_GIT_TOKEN: DEFAULT_GITHUB_TOKEN_VALUES.write,
        PATH,
        IMAGE,
      },
      workspace,
    );
    expect(result.code).toBe(0);
    const pull = github
      .pullRequests(GITOPS_REPOSITORY)
      .find(p => pushedImage(p.head) === IMAGE && p.title.includes('jenkins'));
    expect(pull).toBeDefined();
    // sh -x traces the commands, never the token's value.
    expect(result.output).not.toContain(DEFAULT_GITHUB_TOKEN_VALUES.write);
  });
});
