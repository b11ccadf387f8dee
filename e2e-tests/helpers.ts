import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const SCREENSHOTS = path.resolve(__dirname, '../.local-data/e2e/screenshots');
const API = 'http://127.0.0.1:8080/api/v1/namespaces/default';
const TOKEN_URL = 'http://127.0.0.1:8081/oauth2/token';

/** A component name unique to this run, so journeys never share data. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}`;
}

/** Saves a full-page screenshot of a journey's key screen under .local-data/e2e/screenshots. */
export async function snap(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({
    path: path.join(SCREENSHOTS, `${name}.png`),
    fullPage: true,
  });
}

/** A seeded user of the devstack's identity provider; the password is the name. */
export type SeededUser =
  | 'developer'
  | 'platform-engineer'
  | 'viewer'
  | 'outsider';

/**
 * Signs in as the seeded `user` the way a person does: "Sign In" with OpenChoreo on the portal's
 * sign-in page, then the devstack identity provider's login page in the popup.
 */
export async function signIn(page: Page, user: SeededUser = 'developer') {
  await page.goto('/');
  // The OpenChoreo provider's entry of the sign-in page (the page's title is the app's title,
  // OpenChoreo too).
  await expect(
    page.getByRole('listitem').getByText('OpenChoreo', { exact: true }),
  ).toBeVisible();
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign In' }).click();
  const popup = await popupOpened;
  await popup.getByLabel('Email').fill(`${user}@openchoreo.dev`);
  await popup.getByLabel('Password').fill(user);
  await Promise.all([
    popup.waitForEvent('close'),
    popup.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  await expect(
    page.getByRole('link', { name: 'Catalog' }).first(),
  ).toBeVisible();
}

/**
 * Opens a component's page through the catalog, as a user would; waits (reloading) while the
 * catalog has not ingested it yet (the seeded components arrive with the first sync).
 */
export async function openComponent(page: Page, name: string) {
  await expect(async () => {
    await page.goto(`/catalog/default/component/${name}`);
    const loaded = page.getByText('About', { exact: true });
    const missing = page.getByText('Entity not found');
    await expect(loaded.or(missing).first()).toBeVisible({ timeout: 15_000 });
    await expect(missing).toHaveCount(0);
  }).toPass({ timeout: 120_000 });
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
}

/** The devstack's External CI service account, as a pipeline's secret store holds it. */
export const PUBLISHER_CREDENTIALS = {
  OPENCHOREO_CLIENT_ID: 'openchoreo-workload-publisher-client',
  OPENCHOREO_CLIENT_SECRET: 'openchoreo-workload-publisher-secret',
} as const;

/** A client-credentials token of the devstack's workload publisher, for API checks. */
export async function apiToken(): Promise<string> {
  const res = await fetch(TOKEN_URL, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: PUBLISHER_CREDENTIALS.OPENCHOREO_CLIENT_ID,
      client_secret: PUBLISHER_CREDENTIALS.OPENCHOREO_CLIENT_SECRET,
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Calls the devstack's OpenChoreo API (namespace `default`). */
export async function openchoreoApi(
  pathname: string,
  init: RequestInit = {},
): Promise<Response> {
  return fetch(`${API}${pathname}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${await apiToken()}`,
      'Content-Type': 'application/json',
      ...init.headers,
    },
  });
}

/** Fills the wizard's first page: project Demo Project, name, display name. */
export async function startWizard(page: Page, name: string) {
  await page.goto('/create/templates/default/create-openchoreo-component');
  // The projects arrive after the namespaces: open the list again until they are there.
  await expect(async () => {
    await page.getByLabel('Project').click();
    await page
      .getByRole('option', { name: 'Demo Project' })
      .click({ timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  await page.locator('#root_name').fill(name);
  await page.locator('#root_displayName').fill(name);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Component type').click();
  await page.getByRole('option', { name: /^service / }).click();
}

/** Submits the wizard from its last page and opens the created component. */
export async function finishWizard(page: Page, name: string) {
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await page
    .getByText(/Open the component/i)
    .first()
    .click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}`),
  );
}

/** The devstack emulators' test-control roots (`/_devstack`, no auth, loopback only). */
export const EMULATOR_CONTROL = {
  jenkins: 'http://127.0.0.1:8082/_devstack',
  github: 'http://127.0.0.1:8083/_devstack',
  gitlab: 'http://127.0.0.1:8084/_devstack',
} as const;

/** POSTs JSON to an emulator's control route; fails with the emulator's message otherwise. */
export async function emulatorControl<T = Record<string, unknown>>(
  emulator: keyof typeof EMULATOR_CONTROL,
  pathname: string,
  body: object = {},
): Promise<T> {
  const res = await fetch(`${EMULATOR_CONTROL[emulator]}${pathname}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) {
    throw new Error(
      `${emulator} control ${pathname}: ${res.status} ${json.message}`,
    );
  }
  return json as T;
}

/** The Overview card titled `title` (an InfoCard), for assertions inside it. */
export function overviewCard(page: Page, title: string) {
  return page
    .locator('article, .MuiCard-root')
    .filter({ has: page.getByText(title, { exact: true }) })
    .last();
}

/** Creates a component with the wizard, External CI with the CI "Not yet decided". */
export async function createExternalCiComponent(page: Page, name: string) {
  await startWizard(page, name);
  await page.getByRole('radio', { name: 'External CI' }).check();
  await page.getByLabel('Not yet decided').check();
  await finishWizard(page, name);
}

/** Creates a built-in CI component with the wizard (the dockerfile-builder workflow). */
export async function createBuiltInComponent(page: Page, name: string) {
  await startWizard(page, name);
  await page.getByRole('radio', { name: /Built-in CI/ }).check();
  await page
    .getByRole('button', { name: /workflow/i })
    .first()
    .click();
  await page.getByRole('option', { name: /dockerfile-builder/ }).click();
  await page
    .getByLabel(/Repository URL/i)
    .first()
    .fill('https://github.com/openchoreo/sample-workloads');
  await finishWizard(page, name);
}

/**
 * Adds the annotation `key` = `value` to the open component with Edit Annotations (the entity's
 * context menu) and presses Save straight away, as a user does.
 */
export async function addAnnotation(page: Page, key: string, value: string) {
  await page.getByRole('button', { name: 'More actions' }).click();
  // The item is disabled until the user's rights are known.
  const item = page.getByRole('menuitem', { name: 'Edit Annotations' });
  await expect(item).toBeEnabled();
  await item.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Add annotation' }).click();
  await dialog.getByLabel('Key 1').fill(key);
  await dialog.getByLabel('Value 1').fill(value);
  await dialog.getByRole('button', { name: 'Save' }).click();
}
