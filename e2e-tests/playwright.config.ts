import { defineConfig } from '@playwright/test';

/*
 * End-to-end journeys in real Chromium (Debian's /usr/bin/chromium; Playwright never downloads
 * a browser here) against the portal on its embedded default: the devstack and the portal are
 * started by this run and stopped after it. With E2E_PRODUCTION_BUILD=<dir> (scripts/test.sh: the
 * folder scripts/build-production.sh made) the portal is that production build, whose backend
 * serves frontend and API on :7007 (e2e-tests/start-portal.sh); without it, the dev server
 * (`yarn start`, frontend on :3000). Locally, already running servers are reused
 * (`bash scripts/start.sh` in another terminal).
 */
const reuse = !process.env.CI;
const productionBuild = process.env.E2E_PRODUCTION_BUILD;
/** Where the journeys open the portal (their relative URLs resolve against it). */
const portalUrl = productionBuild
  ? 'http://localhost:7007'
  : 'http://localhost:3000';

export default defineConfig({
  testDir: '.',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  outputDir: '../.local-data/e2e/results',
  reporter: [
    ['list'],
    ['json', { outputFile: '../.local-data/test-results/e2e.playwright.json' }],
  ],
  use: {
    baseURL: portalUrl,
    viewport: { width: 1400, height: 1000 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      // Builds run 4x faster than real time so the journeys stay short.
      command: 'DEVSTACK_TIME_SCALE=0.25 DEVSTACK_QUIET=1 yarn devstack',
      url: 'http://127.0.0.1:8081/.well-known/openid-configuration',
      cwd: '..',
      reuseExistingServer: reuse,
      timeout: 60_000,
    },
    productionBuild
      ? {
          command: `bash e2e-tests/start-portal.sh '${productionBuild}'`,
          // Ready once every plugin has started (503 until then).
          url: `${portalUrl}/.backstage/health/v1/readiness`,
          cwd: '..',
          reuseExistingServer: reuse,
          timeout: 120_000,
        }
      : {
          command: 'yarn start',
          url: portalUrl,
          cwd: '..',
          reuseExistingServer: reuse,
          timeout: 300_000,
        },
  ],
});
