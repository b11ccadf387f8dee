import { expect, test, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { openComponent, openchoreoApi, signIn, snap } from './helpers';

/*
 * Issue 24's journeys on logs that outlive the build's pods: (b) a completed build whose pods
 * were collected still shows its step logs, marked archived; (c) searching a phrase that appears
 * in 2 of 5 builds lists exactly those 2, and a result opens the run at the line. Builds of the
 * seeded greeting-service are started through the devstack's API, each pinned to a commit of
 * this run (its checkout step prints it); the pods are collected through the devstack
 * Observer's control route.
 */

const OBSERVER_CONTROL = 'http://127.0.0.1:8085/_devstack';
/** The seeded component these journeys build (its catalog entity exists from the first sync). */
const COMPONENT = 'greeting-service';
/** A commit of this run of the journeys only: its checkout step prints `HEAD is now at <7>`. */
const commit = () => randomBytes(20).toString('hex');

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

async function openBuildsTab(page: Page) {
  await openComponent(page, COMPONENT);
  await page.getByRole('link', { name: 'Builds', exact: true }).click();
  await expect(page.getByText('Newest first')).toBeVisible();
}

test.describe('as a developer', () => {
  test.beforeEach(async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page);
  });

  test('A completed build whose pods were collected still shows its step logs, marked archived', async ({
    page,
  }) => {
    const marked = commit();
    const run = await startBuild(COMPONENT, marked, marked.slice(0, 8));
    await openBuildsTab(page);
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
    await expect(
      page.getByText(`HEAD is now at ${marked.slice(0, 7)}`),
    ).toBeVisible();
    await snap(page, 'archived-1-step-logs');
  });

  test('Searching a phrase in 2 of 5 builds lists exactly those 2; a result opens the run at the line', async ({
    page,
  }) => {
    const marked = commit();
    const phrase = `HEAD is now at ${marked.slice(0, 7)}`;
    const commits = [commit(), marked, commit(), marked, commit()];
    const runs: string[] = [];
    for (const [i, sha] of commits.entries()) {
      runs.push(
        await startBuild(COMPONENT, sha, `${marked.slice(0, 6)}s${i + 1}`),
      );
    }
    await openBuildsTab(page);
    for (const run of runs) await waitCompleted(run);

    // Builds started outside the portal join the component's list with the backend's next
    // rescan (up to 30 s): search again until they are all searched.
    await page.reload();
    const results = page.getByRole('list', {
      name: 'Builds whose logs contain the phrase',
    });
    await expect(async () => {
      const form = page.getByRole('search', { name: 'Search build logs' });
      await form.getByLabel('Phrase').fill(phrase);
      await form.getByRole('button', { name: 'Search' }).click();
      await expect(results.getByRole('listitem')).toHaveCount(2, {
        timeout: 5_000,
      });
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
    await expect(line).toContainText(phrase);
    await snap(page, 'archived-2-opened-at-line');
  });
});
