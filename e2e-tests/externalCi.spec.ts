import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  addAnnotation,
  createExternalCiComponent,
  emulatorControl,
  PUBLISHER_CREDENTIALS,
  openchoreoApi,
  finishWizard,
  openComponent,
  overviewCard,
  signIn,
  snap,
  startWizard,
  uniqueName,
} from './helpers';

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('Jenkins: job not found -> created, "No builds yet" -> its first build shows by itself', async ({
  page,
}) => {
  const name = uniqueName('jenkins-new');
  const job = `demo-project/${name}`;
  await startWizard(page, name);
  await page.getByRole('radio', { name: 'External CI' }).check();
  await page.getByRole('radio', { name: 'Jenkins' }).check();
  await page.getByLabel(/Jenkins job full name/).fill(job);
  await finishWizard(page, name);

  // The wizard does not create the Jenkins job: until the team does, the card says so.
  const card = overviewCard(page, 'Latest Jenkins build');
  await expect(card.getByText('Jenkins job not found')).toBeVisible();
  await expect(
    card.getByText(`Jenkins at http://127.0.0.1:8082 has no job "${job}"`),
  ).toBeVisible();
  await snap(page, 'ext-1-jenkins-job-not-found');
  // The team creates the job in Jenkins; it has never been built.
  await emulatorControl('jenkins', '/jobs', { full_name: job });
  await card.getByRole('button', { name: 'Retry' }).click();

  await expect(card.getByText('No builds yet')).toBeVisible();
  await expect(
    card.getByText(`Jenkins job "${job}" has no builds yet`),
  ).toBeVisible();
  await expect(
    card.getByRole('link', { name: 'Open the job in Jenkins' }),
  ).toHaveAttribute(
    'href',
    `http://127.0.0.1:8082/job/demo-project/job/${name}/`,
  );
  // Never an endless load: no progress bar anywhere on the card after 10 s.
  await page.waitForTimeout(10_000);
  await expect(card.getByRole('progressbar')).toHaveCount(0);
  await expect(card.getByText('No builds yet')).toBeVisible();
  await snap(page, 'ext-1-jenkins-no-builds');

  const commit = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
  const build = await emulatorControl<{ number: number; url: string }>(
    'jenkins',
    `/jobs/${job}/builds`,
    { result: 'FAILURE', commit, branch: 'feature/first', duration_ms: 95_000 },
  );
  expect(build.number).toBe(1);
  // The card looks again while the job has no builds: no reload.
  const link = card.getByRole('link', { name: `${job} #1` });
  await expect(link).toBeVisible({ timeout: 20_000 });
  await expect(link).toHaveAttribute('href', build.url);
  await expect(card.getByTestId('ci-run-status')).toContainText('Failed');
  await expect(card.getByText('feature/first')).toBeVisible();
  await expect(card.getByText(commit.slice(0, 7))).toBeVisible();
  await expect(card.getByText('No builds yet')).toHaveCount(0);
  await snap(page, 'ext-1-jenkins-first-build');
});

test("Edit Annotations turns seed 000's /job/.../job/... path into the job full name, and says so", async ({
  page,
}) => {
  const name = uniqueName('annotate-ci');
  await createExternalCiComponent(page, name);

  await addAnnotation(
    page,
    'jenkins.io/job-full-name',
    '/job/demo-project/job/greeting-service',
  );
  await snap(page, 'ext-2-annotation-saved');
  await expect(
    page.getByText(
      'Changed the Jenkins URL path "/job/demo-project/job/greeting-service" to the job full name "demo-project/greeting-service".',
    ),
  ).toBeVisible();

  // What is saved: the full name, in OpenChoreo and in the catalog (the card reads it).
  const component = await (await openchoreoApi(`/components/${name}`)).json();
  expect(component.metadata.annotations['jenkins.io/job-full-name']).toBe(
    'demo-project/greeting-service',
  );
  const card = overviewCard(page, 'Latest Jenkins build');
  await expect(
    card.getByText('demo-project/greeting-service').first(),
  ).toBeVisible();
  await expect(
    card.getByRole('link', { name: /^demo-project\/greeting-service #\d+/ }),
  ).toBeVisible();
  await snap(page, 'ext-2-jenkins-card');
});

const RUN_PLATFORMS = [
  {
    tab: 'GitHub Actions',
    card: 'Latest GitHub Actions run',
    component: 'storefront-web',
    start: async (branch: string, sha: string) => {
      const run = await emulatorControl<{ id: number; run_number: number }>(
        'github',
        '/repos/openchoreo/sample-workloads/runs',
        { name: 'CI', head_branch: branch, head_sha: sha },
      );
      return {
        title: `CI #${run.run_number}`,
        complete: () =>
          emulatorControl(
            'github',
            `/repos/openchoreo/sample-workloads/runs/${run.id}/complete`,
            { conclusion: 'failure' },
          ),
      };
    },
  },
  {
    tab: 'GitLab CI',
    card: 'Latest GitLab CI pipeline',
    component: 'checkout-api',
    start: async (branch: string, sha: string) => {
      const project = encodeURIComponent('openchoreo-demo/checkout-api');
      const pipeline = await emulatorControl<{ id: number; iid: number }>(
        'gitlab',
        `/projects/${project}/pipelines`,
        { ref: branch, sha, status: 'running' },
      );
      return {
        title: `#${pipeline.iid}`,
        complete: () =>
          emulatorControl(
            'gitlab',
            `/projects/${project}/pipelines/${pipeline.id}/complete`,
            { status: 'failed' },
          ),
      };
    },
  },
];

for (const platform of RUN_PLATFORMS) {
  test(`${platform.tab}: the Overview card follows a new run to its end, the tab has the history`, async ({
    page,
  }) => {
    const branch = uniqueName('feature');
    const sha = `${Date.now().toString(16)}`.padEnd(40, 'c');
    const run = await platform.start(branch, sha);

    await openComponent(page, platform.component);
    const card = overviewCard(page, platform.card);
    const latest = card.getByTestId('latest-build-summary');
    await expect(latest.getByText(branch)).toBeVisible();
    await expect(latest.getByTestId('ci-run-status')).toHaveAttribute(
      'data-status',
      'running',
    );
    await expect(latest.getByText(sha.slice(0, 7))).toBeVisible();
    await expect(latest.getByRole('link', { name: run.title })).toBeVisible();
    await expect(card.getByText(/^Earlier (run|pipeline)s$/)).toBeVisible();
    await snap(page, `ext-3-${platform.component}-running`);

    // The card polls while a run is running: its end shows without a reload.
    await run.complete();
    await expect(latest.getByTestId('ci-run-status')).toHaveAttribute(
      'data-status',
      'failed',
      { timeout: 30_000 },
    );

    await page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: platform.tab })
      .click();
    await expect(page).toHaveURL(/\/(github-actions|gitlab-ci)$/);
    const table = page.getByRole('table').first();
    const ours = table.getByRole('row').filter({ hasText: branch });
    await expect(ours).toHaveCount(1);
    await expect(ours.getByTestId('ci-run-status')).toHaveAttribute(
      'data-status',
      'failed',
    );
    // The seeded history is there too: successes and failures, newest first.
    const statuses = await table
      .getByTestId('ci-run-status')
      .evaluateAll(labels => labels.map(l => l.getAttribute('data-status')));
    expect(statuses[0]).toBe('failed');
    expect(statuses).toContain('succeeded');
    expect(statuses.length).toBeGreaterThanOrEqual(4);
    await snap(page, `ext-3-${platform.component}-tab`);
  });
}

test('Publish from a GitHub Actions run (the curl-and-jq script): the Workload card names the run and the commit', async ({
  page,
}) => {
  const name = uniqueName('gha-publish');
  await createExternalCiComponent(page, name);
  await expect(page.getByText(/has not published a workload/)).toBeVisible();

  // A run of the repository's workflow, as GitHub would have it while the job runs.
  const sha = 'f00dbabe'.repeat(5);
  const run = await emulatorControl<{
    id: number;
    run_number: number;
    html_url: string;
  }>('github', '/repos/openchoreo/sample-workloads/runs', {
    name: 'Build and publish',
    head_branch: 'main',
    head_sha: sha,
  });
  const image = `ghcr.io/openchoreo/${name}:sha-${sha.slice(0, 7)}`;
  // The step as the runner executes it: the script, the runner's GITHUB_* variables, the secrets.
  const { stdout } = await promisify(execFile)(
    'sh',
    [
      path.resolve(
        __dirname,
        '../packages/workload-publisher/scripts/publish-workload.sh',
      ),
    ],
    {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_SERVER_URL: 'http://127.0.0.1:8083',
        GITHUB_API_URL: 'http://127.0.0.1:8083',
        GITHUB_REPOSITORY: 'openchoreo/sample-workloads',
        GITHUB_WORKFLOW: 'Build and publish',
        GITHUB_RUN_ID: String(run.id),
        GITHUB_RUN_NUMBER: String(run.run_number),
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_SHA: sha,
        GITHUB_REF: 'refs/heads/main',
        GITHUB_REF_NAME: 'main',
        OPENCHOREO_API_URL: 'http://127.0.0.1:8080',
        OPENCHOREO_TOKEN_URL: 'http://127.0.0.1:8081/oauth2/token',
        ...PUBLISHER_CREDENTIALS,
        OPENCHOREO_PROJECT: 'demo-project',
        OPENCHOREO_COMPONENT: name,
        IMAGE: image,
      },
    },
  );
  expect(stdout).toContain(`Published: created workload ${name}-workload`);
  expect(stdout).not.toContain(PUBLISHER_CREDENTIALS.OPENCHOREO_CLIENT_SECRET);

  // The Workload card finds it by itself (it polls until a workload exists).
  const provenance = page.getByTestId('workload-provenance');
  await expect(provenance).toBeVisible({ timeout: 30_000 });
  // (Links to other sites carry the hidden words ", Opens in a new window".)
  const opens = '(, Opens in a new window)?';
  await expect(provenance).toContainText(
    new RegExp(
      `^Published by GitHub Actions run #${
        run.run_number
      }${opens} from ${sha.slice(
        0,
        7,
      )}${opens} \\(main\\), (just now|\\d+ seconds ago)`,
    ),
  );
  await expect(
    provenance.getByRole('link', {
      name: `GitHub Actions run #${run.run_number}`,
    }),
  ).toHaveAttribute('href', run.html_url);
  await expect(
    provenance.getByRole('link', { name: sha.slice(0, 7) }),
  ).toHaveAttribute(
    'href',
    `http://127.0.0.1:8083/openchoreo/sample-workloads/commit/${sha}`,
  );
  await expect(
    page.getByText(`ghcr.io/openchoreo/${name}`, { exact: true }),
  ).toBeVisible();
  // The run link leads to the run (the emulator's page for it).
  expect((await fetch(run.html_url)).status).toBe(200);
  await snap(page, 'ext-4-workload-provenance');
});
