import { expect, test } from '@playwright/test';
import { openComponent, signIn, snap } from './helpers';

/*
 * No back door: the portal's own GitHub, GitLab and Jenkins credentials serve a person only as
 * far as OpenChoreo's authorization of that person goes. storefront-web is built by GitHub
 * Actions (github.com/project-slug) in namespace "default".
 */

test("A viewer sees a component's External CI runs, with Re-run refused and the reason", async ({
  page,
}) => {
  await signIn(page, 'viewer');
  await openComponent(page, 'storefront-web');
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'GitHub Actions' })
    .click();
  const table = page.getByRole('table').first();
  // The runs are there: the viewer may read the component in OpenChoreo.
  await expect(table.getByTestId('ci-run-status').first()).toBeVisible();
  const rerun = table.getByRole('button', { name: /^Re-run / });
  await expect(rerun.first()).toBeVisible();
  const buttons = await rerun.all();
  expect(buttons.length).toBeGreaterThan(0);
  for (const button of buttons) {
    await expect(button).toBeDisabled();
  }
  // The reason shows on hover (the tooltip sits on the disabled button's wrapper).
  await rerun.first().locator('..').hover();
  await expect(page.getByRole('tooltip')).toContainText(
    /OpenChoreo does not allow you to start builds in namespace "default"/,
  );
  await snap(page, '20-viewer-github-actions');
});

test("An outsider's page for that component shows no CI data", async ({
  page,
}) => {
  await signIn(page, 'outsider');
  await openComponent(page, 'storefront-web');
  // OpenChoreo refuses the outsider: the card says so instead of showing runs.
  await expect(
    page.getByText(/OpenChoreo (does not allow you|refused)/).first(),
  ).toBeVisible();
  await expect(page.getByTestId('ci-run-status')).toHaveCount(0);
  await expect(page.getByRole('progressbar')).toHaveCount(0, {
    timeout: 15_000,
  });
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'GitHub Actions' })
    .click();
  await expect(
    page.getByText(/OpenChoreo (does not allow you|refused)/).first(),
  ).toBeVisible();
  await expect(page.getByTestId('ci-run-status')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Re-run / })).toHaveCount(0);
  await snap(page, '20-outsider-github-actions');
});
