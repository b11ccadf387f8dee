import { defineConfig } from '@playwright/test';

/*
 * End-to-end journeys in real Chromium (Debian's /usr/bin/chromium; Playwright never downloads
 * a browser here) against the portal on its embedded default: the devstack and the portal's dev
 * server are started by this run and stopped after it. Locally, already running servers are
 * reused (`bash scripts/start.sh` in another terminal).
 */
const reuse = !process.env.CI;

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
    baseURL: 'http://localhost:3000',
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
    {
      command: 'yarn start',
      url: 'http://localhost:3000',
      cwd: '..',
      reuseExistingServer: reuse,
      timeout: 300_000,
    },
  ],
});
