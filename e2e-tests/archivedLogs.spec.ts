import { expect, test, type Page } from '@playwright/test';
import {
  createBuiltInComponent,
  openchoreoApi,
  signIn,
  snap,
  uniqueName,
} from './helpers';

/*
 * Issue 24's journeys on logs that outlive the build's pods: (b) a completed build whose pods
 * were collected still shows its step logs, marked archived; (c) searching a phrase that appears
 * in 2 of 5 builds lists exactly those 2, and a result opens the run at the line. Builds are
 * started through the devstack's API (each pinned to a commit, which its checkout step prints);
 * the pods are collected through the devstack Observer's control route.
 */

const OBSERVER_CONTROL = 'http://127.0.0.1:8085/_devstack';
const MARKED = 'deadbee00000000000000000000000000000beef';

/** Starts a build of `component` through the API, pinned to `commit`; returns the run's name. */
async function startBuild(component: string, commit: string, suffix: string) {
  const res = await openchoreoApi(`/components/${component}`);
  expect(res.status).toBe(200);
  const { spec } = (await res.json()) as {
    spec: { workflow: { parameters: { repository: { revision: object } } } };
  };
  const workflow = structuredClone(spec.workflow);
  workflow.parameters.repository.revision = {
    ...workflow.parameters.repository.revision,
    commit,
  };
  const run = `${component}-run-${suffix}`;
  const created = await openchoreoApi('/workflowruns', {
    method: 'POST',
    body: JSON.stringify({
      metadata: {
        name: run,
        labels: {
          'openchoreo.dev/project': 'demo-project',
          'openchoreo.dev/component': component,
        },
      },
      spec: { workflow },
    }),
  });
  expect(created.status).toBe(201);
  return run;
}

/** Waits until the build completed (the devstack runs builds 4x faster than real time). */
async function waitCompleted(run: string) {
  await expect
    .poll(
      async () => {
        const res = await openchoreoApi(`/workflowruns/${run}`);
        const body = (await res.json()) as {
          status?: { completedAt?: string };
        };
        return !!body.status?.completedAt;
      },
      { timeout: 60_000, intervals: [1000] },
    )
    .toBe(true);
}

/** Collects the build's pods now: its live logs are gone, the observability plane keeps them. */
async function collectPods(run: string) {
  const res = await fetch(
    `${OBSERVER_CONTROL}/workflowruns/default/${run}/collect`,
    { method: 'POST' },
  );
  expect(res.status).toBe(200);
}

async function openBuildsTab(page: Page, prefix: string) {
  const name = uniqueName(prefix);
  await createBuiltInComponent(page, name);
  await page.getByRole('link', { name: 'Builds', exact: true }).click();
  await expect(page.getByText('No builds yet')).toBeVisible();
  return name;
}

test.describe('as a developer', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('A completed build whose pods were collected still shows its step logs, marked archived', async ({
    page,
  }) => {
    const name = await openBuildsTab(page, 'archived');
    const run = await startBuild(name, MARKED, 'collected');
    await waitCompleted(run);
    await collectPods(run);

    const url = new URL(page.url());
    url.search = new URLSearchParams({
      run,
      step: 'checkout-source',
    }).toString();
    await page.goto(url.toString());
    await expect(
      page.getByRole('note', { name: 'Archived logs' }),
    ).toBeVisible();
    await expect(page.getByText('HEAD is now at deadbee')).toBeVisible();
    await snap(page, 'archived-1-step-logs');
  });

  test('Searching a phrase in 2 of 5 builds lists exactly those 2; a result opens the run at the line', async ({
    page,
  }) => {
    const name = await openBuildsTab(page, 'search');
    const commits = [
      '1111111111111111111111111111111111111111',
      MARKED,
      '2222222222222222222222222222222222222222',
      MARKED,
      '3333333333333333333333333333333333333333',
    ];
    const runs: string[] = [];
    for (const [i, commit] of commits.entries()) {
      runs.push(await startBuild(name, commit, `s${i + 1}`));
    }
    for (const run of runs) await waitCompleted(run);

    // Builds started outside the portal join the component's list with the backend's next
    // rescan (up to 30 s): search again until they are all searched.
    await page.reload();
    const results = page.getByRole('list', {
      name: 'Builds whose logs contain the phrase',
    });
    await expect(async () => {
      await page.getByLabel('Phrase').fill('HEAD is now at deadbee');
      await page.getByRole('button', { name: 'Search' }).click();
      await expect(
        page.getByText(/contain "HEAD is now at deadbee"/),
      ).toHaveText(/^2 builds of 5 contain/, { timeout: 5_000 });
    }).toPass({ timeout: 90_000, intervals: [3_000] });
    await expect(results.getByRole('listitem')).toHaveCount(2);
    const expected = [runs[3], runs[1]].sort().reverse();
    const labels = await results
      .getByRole('listitem')
      .evaluateAll(items => items.map(i => i.getAttribute('aria-label')));
    expect(labels.map(l => l?.replace(/^Build /, '')).sort()).toEqual(
      expected.sort(),
    );
    await snap(page, 'archived-2-search-results');

    const first = results.getByRole('listitem').first();
    const opened = (await first.getAttribute('aria-label'))!.replace(
      /^Build /,
      '',
    );
    await first
      .getByRole('link', { name: /^line \d+$/ })
      .first()
      .click();
    await expect(page).toHaveURL(
      new RegExp(`[?&]run=${opened}&step=checkout-source&line=\\d+`),
    );
    const line = page.locator('[aria-current="true"]');
    await expect(line).toContainText('HEAD is now at deadbee');
    await snap(page, 'archived-2-opened-at-line');
  });
});
