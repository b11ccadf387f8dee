import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  createExternalCiComponent,
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
