import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  createBuiltInComponent,
  openComponent,
  openchoreoApi,
  signIn,
  snap,
  uniqueName,
} from './helpers';

/*
 * Issue 15's journeys on the Builds tab: re-run a failed build, cancel a running one, build a
 * chosen commit with an overridden parameter. Each journey has its own component (made with the
 * wizard) and its own runs; failing and long-running runs are made through the devstack's API
 * with its simulation annotations (packages/openchoreo-devstack/README.md).
 */

const SHA = 'c0ffee4242c0ffee4242c0ffee4242c0ffee4242';
const FAIL_AT_TASK = 'devstack.openchoreo.dev/fail-at-task';
const HOLD_AT_TASK = 'devstack.openchoreo.dev/hold-at-task';

/** What the devstack's API answers for a WorkflowRun, as far as these journeys read it. */
interface ApiRun {
  metadata: { name: string; annotations?: Record<string, string> };
  spec: {
    workflow: {
      kind: string;
      name: string;
      parameters: {
        repository: {
          appPath?: string;
          revision: { branch?: string; commit?: string };
        };
        docker: { context: string; filePath: string };
      };
    };
  };
}

/** Creates a built-in CI component with the wizard (dockerfile-builder) and opens its Builds tab. */
async function createBuiltInComponentBuilds(page: Page, prefix: string) {
  const name = uniqueName(prefix);
  await createBuiltInComponent(page, name);
  await page.getByRole('link', { name: 'Builds', exact: true }).click();
  await expect(page.getByText('No builds yet')).toBeVisible();
  return name;
}

/** Starts a run of `component` through the devstack's API, as its workflow builds it, pinned to SHA. */
async function startRunThroughApi(
  component: string,
  annotations: Record<string, string>,
  suffix = 'api',
): Promise<string> {
  const res = await openchoreoApi(`/components/${component}`);
  expect(res.status).toBe(200);
  const { spec } = (await res.json()) as { spec: ApiRun['spec'] };
  const workflow = structuredClone(spec.workflow);
  workflow.parameters.repository.revision = {
    ...workflow.parameters.repository.revision,
    commit: SHA,
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
        annotations,
      },
      spec: { workflow },
    }),
  });
  expect(created.status).toBe(201);
  return run;
}

/** Reads a run from the devstack's API. */
async function readRun(name: string): Promise<ApiRun> {
  const res = await openchoreoApi(`/workflowruns/${name}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ApiRun;
}

/**
 * Opens a run of the component whose Builds tab is shown by its link (`?run=`), as from a link
 * in OpenChoreo or a chat: a run started outside the portal enters the history list only with
 * the backend's next rescan of the component's runs (up to a minute).
 */
async function openRun(page: Page, run: string) {
  const url = new URL(page.url());
  url.search = new URLSearchParams({ run }).toString();
  await page.goto(url.toString());
}

/** The card of the open run: its title is the run's name and status. */
function runCard(page: Page, run: string) {
  return page.locator('.MuiCard-root').filter({ hasText: run }).first();
}

/** The run card's Commit: the short SHA, linked to the commit in the repository. */
async function expectCommit(card: Locator) {
  const link = card.getByRole('link', {
    name: new RegExp(`^${SHA.slice(0, 7)}`),
  });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute('href', new RegExp(`/commit/${SHA}$`));
}

/** The run the Builds tab has open (`?run=`), once it is not `previous`. */
async function openRunName(page: Page, previous: string): Promise<string> {
  await expect(page).toHaveURL(/[?&]run=/);
  await expect
    .poll(() => new URL(page.url()).searchParams.get('run'))
    .not.toBe(previous);
  return new URL(page.url()).searchParams.get('run')!;
}

test.describe('as a developer', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('Re-run a failed build: a new run of the same commit succeeds', async ({
    page,
  }) => {
    const name = await createBuiltInComponentBuilds(page, 'rerun');
    const failed = await startRunThroughApi(name, {
      [FAIL_AT_TASK]: 'build-image',
    });

    await openRun(page, failed);
    const failedCard = runCard(page, failed);
    await expect(failedCard.getByText('Failed', { exact: true })).toBeVisible();
    await expectCommit(failedCard);
    await snap(page, 'builds-1-failed-run');

    await failedCard.getByRole('button', { name: 'Re-run' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText(`Re-run build ${failed}?`)).toBeVisible();
    await expect(
      dialog.getByText(new RegExp(`building commit ${SHA.slice(0, 7)}`)),
    ).toBeVisible();
    await snap(page, 'builds-1-rerun-dialog');
    await dialog.getByRole('button', { name: 'Re-run' }).click();

    const rerun = await openRunName(page, failed);
    const rerunCard = runCard(page, rerun);
    await expect(rerunCard.getByText('Succeeded', { exact: true })).toBeVisible(
      {
        timeout: 45_000,
      },
    );
    await expectCommit(rerunCard);
    await expect(rerunCard.getByText(/Re-run of/)).toBeVisible();
    await snap(page, 'builds-1-rerun-succeeded');

    const original = await readRun(failed);
    const copy = await readRun(rerun);
    expect(copy.spec.workflow.parameters).toEqual(
      original.spec.workflow.parameters,
    );
    expect(copy.spec.workflow.parameters.repository.revision.commit).toBe(SHA);
    // The failure switch belongs to the failed run only: the re-run does not inherit it.
    expect(copy.metadata.annotations?.[FAIL_AT_TASK]).toBeUndefined();
  });

  test('Cancel a running build: the dialog says the run is deleted, the UI shows it cancelled', async ({
    page,
  }) => {
    const name = await createBuiltInComponentBuilds(page, 'cancel');
    const running = await startRunThroughApi(name, {
      [HOLD_AT_TASK]: 'build-image',
    });
    const vanishing = await startRunThroughApi(
      name,
      { [HOLD_AT_TASK]: 'build-image' },
      'gone',
    );

    await openRun(page, running);
    const card = runCard(page, running);
    await expect(card.getByText('Running', { exact: true })).toBeVisible();
    await snap(page, 'builds-2-running');

    // Keep running: nothing happens.
    const dialog = page.getByRole('dialog');
    await card.getByRole('button', { name: 'Cancel build' }).click();
    await dialog.getByRole('button', { name: 'Keep running' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(card.getByText('Running', { exact: true })).toBeVisible();

    await card.getByRole('button', { name: 'Cancel build' }).click();
    await expect(dialog.getByText(`Cancel build ${running}?`)).toBeVisible();
    await expect(
      dialog.getByText(
        /OpenChoreo has no cancel operation: the portal deletes this build's run/,
      ),
    ).toBeVisible();
    await snap(page, 'builds-2-cancel-dialog');
    await dialog.getByRole('button', { name: 'Cancel build' }).click();

    await expect(dialog).toHaveCount(0);
    await expect(card.getByText('Cancelled', { exact: true })).toBeVisible();
    await expect(
      card.getByText(
        `Build ${running} was cancelled: OpenChoreo stopped it by deleting its run, so it no longer appears in the build history.`,
      ),
    ).toBeVisible();
    await snap(page, 'builds-2-cancelled');
    expect((await openchoreoApi(`/workflowruns/${running}`)).status).toBe(404);
    expect((await readRun(vanishing)).metadata.name).toBe(vanishing);

    // The history no longer lists it.
    await page.getByText('← All builds').click();
    await expect(
      page.getByText('No builds yet').or(page.getByText('Builds per page')),
    ).toBeVisible();
    await expect(page.getByText(running, { exact: true })).toHaveCount(0);
    await snap(page, 'builds-2-history');

    // A build deleted meanwhile: the dialog says so, and there is nothing left to cancel.
    await openRun(page, vanishing);
    const other = runCard(page, vanishing);
    await other.getByRole('button', { name: 'Cancel build' }).click();
    const deleted = await openchoreoApi(`/workflowruns/${vanishing}`, {
      method: 'DELETE',
    });
    expect(deleted.ok).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel build' }).click();
    await expect(
      dialog.getByText(
        `Build ${vanishing} no longer exists: it was cancelled already, or it finished and OpenChoreo deleted it. Nothing was deleted.`,
      ),
    ).toBeVisible();
    await expect(
      dialog.getByRole('button', { name: 'Cancel build' }),
    ).toBeDisabled();
    await snap(page, 'builds-2-cancel-gone');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);
  });

  test('Build with options: a chosen commit and a parameter set in the form, then in YAML', async ({
    page,
  }) => {
    const name = await createBuiltInComponentBuilds(page, 'options');
    await page.getByRole('button', { name: 'Build with options' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText(/Workflow dockerfile-builder/)).toBeVisible();

    // The form: the commit, and the Docker build context from the workflow's schema.
    await dialog.getByLabel('Commit', { exact: true }).fill(SHA);
    await dialog.getByLabel(/^context/).fill('./e2e-context');
    await snap(page, 'builds-3-form');

    // The YAML view shows the same values; the app path is changed there.
    await dialog.getByRole('tab', { name: 'YAML' }).click();
    const yaml = dialog.getByLabel('Parameters (YAML)');
    const text = await yaml.inputValue();
    expect(text).toContain(`commit: ${SHA}`);
    expect(text).toContain('context: ./e2e-context');
    expect(text).toMatch(/appPath: \S+/);
    await yaml.fill(text.replace(/appPath: \S+/, 'appPath: ./e2e-app'));
    await expect(dialog.getByRole('alert', { name: 'problems' })).toHaveCount(
      0,
    );
    await snap(page, 'builds-3-yaml');
    await dialog.getByRole('button', { name: 'Start build' }).click();

    const run = await openRunName(page, '');
    const card = runCard(page, run);
    await expectCommit(card);
    await expect(
      card.getByText('Build with options by developer'),
    ).toBeVisible();
    await expect(card.getByText('Succeeded', { exact: true })).toBeVisible({
      timeout: 45_000,
    });
    // The run details: build-image's log builds the app path set in the YAML view.
    await page.getByText('build-image', { exact: true }).first().click();
    await expect(
      page.getByText(/-f \.\/e2e-app\/Dockerfile \.\/e2e-app/).first(),
    ).toBeVisible();
    await snap(page, 'builds-3-run-details');

    const { parameters } = (await readRun(run)).spec.workflow;
    expect(parameters.repository.revision.commit).toBe(SHA);
    expect(parameters.repository.appPath).toBe('./e2e-app');
    expect(parameters.docker.context).toBe('./e2e-context');
    // Build with options is for one build: the component keeps its own parameters.
    const component = (await (
      await openchoreoApi(`/components/${name}`)
    ).json()) as { spec: ApiRun['spec'] };
    expect(component.spec.workflow.parameters.repository.appPath).not.toBe(
      './e2e-app',
    );
    expect(
      component.spec.workflow.parameters.repository.revision.commit,
    ).not.toBe(SHA);
  });
});

test('A viewer finds Build with options refused up front, with the reason of Build now', async ({
  page,
}) => {
  await signIn(page, 'viewer');
  await openComponent(page, 'greeting-service');
  await page.getByRole('link', { name: 'Builds', exact: true }).click();
  const reason =
    /OpenChoreo does not allow you to start builds in namespace "default"/;
  const withOptions = page.getByRole('button', { name: 'Build with options' });
  await expect(withOptions).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Build now' })).toBeDisabled();
  // Disabled while the decision loads too: wait for the reason, then hover as a user does.
  const wrapper = withOptions.locator('..');
  await expect(wrapper).toHaveAttribute('title', reason);
  await wrapper.hover();
  await expect(page.getByRole('tooltip')).toHaveText(reason);
  await snap(page, 'builds-4-viewer');
});
