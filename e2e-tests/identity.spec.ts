import { expect, test } from '@playwright/test';
import { openComponent, signIn, snap } from './helpers';

test('The sign-in page offers OpenChoreo first, guest second, and says how the portal acts', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('sign-in-mode')).toContainText(
    'The portal then acts in OpenChoreo as you',
  );
  await expect(page.getByText('Guest', { exact: true })).toBeVisible();
  await snap(page, '7-sign-in-page');
});

test('A read-only user sees the build history, and Build now and Edit Annotations refused with the reason', async ({
  page,
}) => {
  await signIn(page, 'viewer');
  await openComponent(page, 'greeting-service');

  // Read: the latest builds are there (the viewer role may read in namespace default).
  const reason =
    /OpenChoreo does not allow you to start builds in namespace "default"/;
  await expect(page.getByText(reason).first()).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Build now' }).first(),
  ).toBeDisabled();
  await snap(page, '7-viewer-overview');

  await page.getByRole('link', { name: 'Builds', exact: true }).click();
  await expect(
    page.getByText('greeting-service-run-5e6f7a8b').first(),
  ).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Build now' }).first(),
  ).toBeDisabled();
  await snap(page, '7-viewer-builds');

  await page.getByRole('button', { name: /more/i }).last().click();
  await page.getByText(/Edit Annotations/).click();
  const dialog = page.getByRole('dialog');
  await expect(
    dialog.getByText(
      /You can view these annotations but not change them: OpenChoreo does not allow you to edit components in namespace "default"/,
    ),
  ).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
  await snap(page, '7-viewer-annotations');
});

test('A developer builds as themselves', async ({ page }) => {
  await signIn(page, 'developer');
  await openComponent(page, 'greeting-service');
  const buildNow = page.getByRole('button', { name: 'Build now' }).first();
  await expect(buildNow).toBeEnabled();
  await buildNow.click();
  await expect(
    page.getByText(/Build greeting-service-run-\w+ started/),
  ).toBeVisible();
});
