import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  addAnnotation,
  createExternalCiComponent,
  emulatorControl,
  PUBLISHER_CREDENTIALS,
  signIn,
  snap,
  uniqueName,
} from './helpers';

const PUBLISHER = path.resolve(
  __dirname,
  '../packages/workload-publisher/bin/openchoreo-publish-workload',
);

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('CI owned, CD participates: publish --wait from a Jenkins build -> the Deployments card shows the release ready in development', async ({
  page,
}) => {
  const name = uniqueName('wait');
  await createExternalCiComponent(page, name);

  const latest = page.getByTestId('latest-build-deployment');
  const development = page.getByTestId('environment-development');
  await expect(latest.getByTestId('deployment-state')).toHaveAttribute(
    'data-state',
    'no-workload',
  );
  await expect(development.getByTestId('deployment-state')).toHaveAttribute(
    'data-state',
    'not-deployed',
  );

  const image = `registry.example.com/${name}:42`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      PUBLISHER,
      'publish',
      '--mode',
      'api',
      '--wait',
      '--wait-timeout',
      '60s',
      '--api-url',
      'http://127.0.0.1:8080',
      '--token-url',
      'http://127.0.0.1:8081/oauth2/token',
      '--project',
      'demo-project',
      '--component',
      name,
      '--image',
      image,
    ],
    {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...PUBLISHER_CREDENTIALS,
        // A Jenkins build's environment.
        JENKINS_URL: 'http://127.0.0.1:8082/',
        JOB_NAME: `demo-project/${name}`,
        BUILD_NUMBER: '42',
        BUILD_URL: `http://127.0.0.1:8082/job/demo-project/job/${name}/42/`,
        GIT_COMMIT: '0123456789abcdef0123456789abcdef01234567',
        GIT_BRANCH: 'origin/main',
      },
    },
  );
  const deployed =
    /Deployed: release (\S+) of image (\S+) is ready in development/.exec(
      stdout,
    );
  expect(deployed, stdout).not.toBeNull();
  const release = deployed![1];
  expect(deployed![2]).toBe(image);

  // The card shows it by itself: it looks again while the component has no workload and
  // while the rollout is in progress.
  await expect(latest.getByTestId('deployment-state')).toHaveAttribute(
    'data-state',
    'deployed',
    { timeout: 30_000 },
  );
  await expect(latest).toContainText(image);
  await expect(latest).toContainText(
    `The latest build is ready in Development (release ${release})`,
  );
  await expect(development.getByTestId('deployment-state')).toHaveAttribute(
    'data-state',
    'ready',
  );
  await expect(development).toContainText(release);
  await expect(development).toContainText('42 (latest build)');
  for (const environment of ['staging', 'production']) {
    await expect(
      page
        .getByTestId(`environment-${environment}`)
        .getByTestId('deployment-state'),
    ).toHaveAttribute('data-state', 'not-deployed');
  }
  // Not a GitOps component: no release pull request to show.
  await expect(page.getByTestId('gitops-release')).toHaveCount(0);
  // And the Workload card says which build published it.
  await expect(page.getByTestId('workload-provenance')).toContainText(
    /Published by Jenkins build #42/,
  );
  await page.getByTestId('latest-build-deployment').scrollIntoViewIfNeeded();
  await snap(page, 'gitops-5-deployed');
});

const run = promisify(execFile);

/** A GitOps repository with one commit on main (a bare "remote") and the runner's checkout of it. */
async function gitopsCheckout(): Promise<{
  checkout: string;
  cleanup: () => void;
}> {
  const dir = mkdtempSync(path.join(tmpdir(), 'e2e-gitops-'));
  const remote = path.join(dir, 'remote.git');
  const checkout = path.join(dir, 'checkout');
  const git = (cwd: string, ...args: string[]) =>
    run(
      'git',
      ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', ...args],
      { cwd },
    );
  await git(dir, 'init', '--bare', '--initial-branch=main', remote);
  await git(dir, 'clone', remote, checkout);
  await git(checkout, 'commit', '--allow-empty', '-m', 'GitOps repository');
  await git(checkout, 'push', 'origin', 'HEAD:main');
  return {
    checkout,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

test('CI triggered, CD owned: publish --mode gitops with a pull request -> the Deployments card shows the pending release until it is merged', async ({
  page,
}) => {
  const name = uniqueName('gitops');
  await createExternalCiComponent(page, name);

  // The GitOps repository of the component, set as its docs say (Edit Annotations).
  await addAnnotation(
    page,
    'openchoreo-ci.dev/gitops-repository',
    'http://127.0.0.1:8083/openchoreo/sample-gitops',
  );
  const release = page.getByTestId('gitops-release');
  await expect(release).toContainText(
    'No release pull request is open in the GitOps repository openchoreo/sample-gitops',
  );

  const repo = await gitopsCheckout();
  try {
    const image = `ghcr.io/openchoreo/${name}:sha-c0ffee1`;
    const { stdout } = await run(
      process.execPath,
      [
        PUBLISHER,
        'publish',
        '--mode',
        'gitops',
        '--gitops-repo',
        repo.checkout,
        '--pull-request',
        'github',
        '--git-api-url',
        'http://127.0.0.1:8083',
        '--git-repository',
        'openchoreo/sample-gitops',
        '--project',
        'demo-project',
        '--component',
        name,
        '--image',
        image,
      ],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          GIT_AUTHOR_NAME: 'ci',
          GIT_AUTHOR_EMAIL: 'ci@example.com',
          GIT_COMMITTER_NAME: 'ci',
          GIT_COMMITTER_EMAIL: 'ci@example.com',
          OPENCHOREO_GIT_TOKEN: 'ghp_devstack_write',
          GITHUB_ACTIONS: 'true',
          GITHUB_SERVER_URL: 'http://127.0.0.1:8083',
          GITHUB_REPOSITORY: 'openchoreo/sample-workloads',
          GITHUB_WORKFLOW: 'Build and publish',
          GITHUB_RUN_ID: '4242',
          GITHUB_RUN_NUMBER: '17',
          GITHUB_SHA: 'c0ffee1'.padEnd(40, '0'),
          GITHUB_REF_NAME: 'main',
        },
      },
    );
    const opened = /pull request #(\d+)/i.exec(stdout);
    expect(opened, stdout).not.toBeNull();
    const number = opened![1];

    // The card polls while the component has no workload: the release shows by itself.
    await expect(release).toContainText(
      `Release pull request #${number} waiting to be merged`,
      { timeout: 30_000 },
    );
    await expect(release).toContainText(
      new RegExp(`from release/${name}-\\d{8}-\\d{6} into main`),
    );
    await expect(release).toContainText(image);
    await expect(
      release.getByRole('link', {
        name: new RegExp(image.replace(/[.:/]/g, '\\$&')),
      }),
    ).toHaveAttribute(
      'href',
      `http://127.0.0.1:8083/openchoreo/sample-gitops/pull/${number}`,
    );
    // Nothing is deployed yet: CD owns that, after the merge.
    await expect(
      page
        .getByTestId('latest-build-deployment')
        .getByTestId('deployment-state'),
    ).toHaveAttribute('data-state', 'no-workload');
    await release.scrollIntoViewIfNeeded();
    await snap(page, 'gitops-6-release-pending');

    await emulatorControl(
      'github',
      `/repos/openchoreo/sample-gitops/pulls/${number}/merge`,
    );
    await expect(release).toContainText('No release pull request is open', {
      timeout: 30_000,
    });
  } finally {
    repo.cleanup();
  }
});
