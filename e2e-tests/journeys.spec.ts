import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  createBuiltInComponent,
  finishWizard,
  openComponent,
  openchoreoApi,
  PUBLISHER_CREDENTIALS,
  signIn,
  snap,
  startWizard,
  uniqueName,
} from './helpers';

const JENKINS_JOB = 'demo-project/greeting-service';

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('External CI with Jenkins: wizard -> Jenkins card and tab', async ({
  page,
}) => {
  const name = uniqueName('jenkins');
  await startWizard(page, name);
  await page.getByRole('radio', { name: 'External CI' }).check();
  await page.getByRole('radio', { name: 'Jenkins' }).check();
  await page.getByLabel(/Jenkins job full name/).fill(JENKINS_JOB);
  await snap(page, '1-wizard-external-ci');
  await finishWizard(page, name);

  await expect(page.getByText('Latest Jenkins build')).toBeVisible();
  await expect(
    page.getByRole('link', { name: /^demo-project\/greeting-service #\d+/ }),
  ).toBeVisible();
  await snap(page, '1-jenkins-card');
  await page.getByText('Jenkins', { exact: true }).first().click();
  await expect(page.getByText('Projects')).toBeVisible();
  await expect(page.getByText('refs/remotes/origin/main')).toBeVisible();
  await snap(page, '1-jenkins-tab');
});

test('Built-in workflow: wizard -> Build now -> Succeeded -> logs -> workload', async ({
  page,
}) => {
  const name = uniqueName('builtin');
  await createBuiltInComponent(page, name);
  await expect(page.getByText('No builds yet')).toBeVisible();
  await page
    .getByRole('button', { name: /Build now/i })
    .first()
    .click();
  await expect(page.getByText(/Build .* started/)).toBeVisible();
  await snap(page, '2-build-started');
  // The page polls while the build runs: no reload.
  await expect(page.getByText('Succeeded').first()).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText(new RegExp(`${name}:`)).first()).toBeVisible({
    timeout: 30_000,
  });
  await snap(page, '2-succeeded-with-workload');

  await page.getByText('Builds', { exact: true }).first().click();
  await page
    .getByText(new RegExp(`${name}-run-`))
    .first()
    .click();
  await page.getByText('build-image', { exact: true }).first().click();
  await expect(page.getByText(/docker build/).first()).toBeVisible();
  await snap(page, '2-run-logs');
});

test('External CI publishes: the publisher CLI -> Workload card updates', async ({
  page,
}) => {
  const name = uniqueName('publish');
  await startWizard(page, name);
  await page.getByRole('radio', { name: 'External CI' }).check();
  await page.getByLabel('Not yet decided').check();
  await finishWizard(page, name);
  await expect(page.getByText(/has not published a workload/)).toBeVisible();
  await snap(page, '3-waiting-for-pipeline');

  const image = `registry.example.com/${name}:build-7`;
  await promisify(execFile)(
    'yarn',
    [
      'workspace',
      '@openchoreo-ci/workload-publisher',
      'publish-workload',
      'publish',
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
      cwd: path.resolve(__dirname, '..'),
      env: {
        ...process.env,
        ...PUBLISHER_CREDENTIALS,
      },
    },
  );
  // The Workload card's image line (the Deployments card shows the full reference with its tag).
  await expect(
    page.getByText(`registry.example.com/${name}`, { exact: true }),
  ).toBeVisible();
  await expect(page.getByText('tag: build-7')).toBeVisible();
  await snap(page, '3-published-workload');
});

test('Edit Annotations switches the CI card to Jenkins and back', async ({
  page,
}) => {
  const name = uniqueName('annotate');
  await createBuiltInComponent(page, name);
  await expect(page.getByText('No builds yet')).toBeVisible();

  const openDialog = async () => {
    await page.getByRole('button', { name: /more/i }).last().click();
    await page.getByText('Edit Annotations').click();
    await expect(page.getByRole('dialog')).toBeVisible();
  };
  await openDialog();
  await page.getByRole('button', { name: /add annotation/i }).click();
  await page
    .getByRole('dialog')
    .getByLabel(/key/i)
    .first()
    .fill('jenkins.io/job-full-name');
  await page.getByRole('dialog').getByLabel(/value/i).first().fill(JENKINS_JOB);
  await snap(page, '4-edit-annotations');
  await page.getByRole('button', { name: /save/i }).click();
  await expect(page.getByText('Latest Jenkins build')).toBeVisible();
  await snap(page, '4-jenkins-card');

  await openDialog();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /remove|delete/i })
    .first()
    .click();
  await page.getByRole('button', { name: /save/i }).click();
  await expect(page.getByText('No builds yet')).toBeVisible();
  await expect(page.getByText('Latest Jenkins build')).toHaveCount(0);
  await snap(page, '4-back-to-builds');
});

test('Bad input: the wizard refuses a bad name and a /job/ path; nothing is created', async ({
  page,
}) => {
  const name = uniqueName('bad');
  await page.goto('/create/templates/default/create-openchoreo-component');
  await page.getByLabel('Project').click();
  await page.getByRole('option', { name: 'Demo Project' }).click();
  await page.locator('#root_name').fill('Not_A_Valid_Name');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page.getByText(/does not match pattern|must match|Lowercase/i).first(),
  ).toBeVisible();
  await snap(page, '5-bad-name');

  await page.locator('#root_name').fill(name);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Component type').click();
  await page.getByRole('option', { name: /^service / }).click();
  await page.getByRole('radio', { name: 'External CI' }).check();
  await page.getByRole('radio', { name: 'Jenkins' }).check();
  await page.getByLabel(/Jenkins job full name/).fill(`/job/demo/job/${name}`);
  await expect(
    page.getByText(/is a Jenkins URL path, not a job full name/),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByRole('button', { name: 'Create' })).toHaveCount(0);
  await snap(page, '5-bad-jenkins-path');

  const res = await openchoreoApi(`/components/${name}`);
  expect(res.status).toBe(404);
});

test('Failure visible: a run failing at build-image shows the step and its logs', async ({
  page,
}) => {
  const component = await (
    await openchoreoApi('/components/greeting-service')
  ).json();
  const run = uniqueName('greeting-service-run');
  const created = await openchoreoApi('/workflowruns', {
    method: 'POST',
    body: JSON.stringify({
      metadata: {
        name: run,
        labels: {
          'openchoreo.dev/project': 'demo-project',
          'openchoreo.dev/component': 'greeting-service',
        },
        annotations: { 'devstack.openchoreo.dev/fail-at-task': 'build-image' },
      },
      spec: { workflow: component.spec.workflow },
    }),
  });
  expect(created.status).toBe(201);

  await openComponent(page, 'greeting-service');
  await page.getByText('Builds', { exact: true }).first().click();
  // By its link: a run started outside the portal joins the history list only with the backend's
  // next scan of the runs (openchoreo.builds.indexIntervalSeconds, a minute by default).
  const url = new URL(page.url());
  url.search = new URLSearchParams({ run }).toString();
  await page.goto(url.toString());
  await expect(page.getByText('Failed').first()).toBeVisible({
    timeout: 60_000,
  });
  await page.getByText('build-image', { exact: true }).first().click();
  await expect(page.getByText(/error/i).first()).toBeVisible();
  await snap(page, '6-failed-run');
});
