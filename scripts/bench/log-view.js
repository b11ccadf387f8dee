#!/usr/bin/env node
/*
 * Benchmark of the run view's log lines in Chromium against a production build (not part of the
 * test command). It starts the devstack and the built portal (e2e-tests/start-portal.sh), signs
 * in as the developer, opens a finished seeded build of greeting-service and serves the logs of
 * its build-image step from the test (page.route), so any number of lines needs no devstack
 * change. It prints, for 500 and 50,000 lines:
 *   - display: from the logs response (its body received in the page) to the lines drawn and
 *     painted; also from the test's route.fulfill, which adds the hand-over of the body;
 *   - DOM size: the elements of the page and of the log box;
 *   - search: each of 5 typed characters, from the key press to the matches shown (the
 *     count updated and the marks in view reading the query), and the 5 characters pasted.
 *
 *   bash scripts/build-production.sh /tmp/prod     # a few minutes
 *   node scripts/bench/log-view.js /tmp/prod [LINES ...]
 *
 * Ports: its own, from BENCH_PORT_BASE (7400): the portal on BASE, the devstack on BASE+1 to
 * BASE+5, so it needs none of the journeys' fixed ports. Chromium: /usr/bin/chromium
 * (CHROMIUM_PATH overrides).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('@playwright/test');

const repoRoot = path.resolve(__dirname, '../..');
const [build, ...sizeArgs] = process.argv.slice(2);
if (!build) {
  console.error('usage: node scripts/bench/log-view.js BUILD_DIR [LINES ...]');
  process.exit(2);
}
const sizes = sizeArgs.length ? sizeArgs.map(Number) : [500, 50_000];
const BASE = Number(process.env.BENCH_PORT_BASE ?? 7400);
const PORTAL = `http://localhost:${BASE}`;
const DEVSTACK_PORTS = {
  DEVSTACK_API_PORT: BASE + 1,
  DEVSTACK_IDP_PORT: BASE + 2,
  DEVSTACK_JENKINS_PORT: BASE + 3,
  DEVSTACK_GITHUB_PORT: BASE + 4,
  DEVSTACK_GITLAB_PORT: BASE + 5,
};
const local = port => `http://127.0.0.1:${port}`;

/** The portal's config on the bench's ports, over app-config.yaml and the journeys' one. */
function benchConfig() {
  const p = DEVSTACK_PORTS;
  return JSON.stringify({
    app: { baseUrl: PORTAL },
    backend: {
      baseUrl: PORTAL,
      listen: { port: BASE },
      cors: { origin: PORTAL },
    },
    auth: {
      providers: {
        openchoreo: {
          development: {
            metadataUrl: `${local(
              p.DEVSTACK_IDP_PORT,
            )}/.well-known/openid-configuration`,
          },
        },
      },
    },
    openchoreo: {
      baseUrl: local(p.DEVSTACK_API_PORT),
      auth: { tokenUrl: `${local(p.DEVSTACK_IDP_PORT)}/oauth2/token` },
    },
    jenkins: { baseUrl: local(p.DEVSTACK_JENKINS_PORT) },
    integrations: {
      github: [
        {
          host: `127.0.0.1:${p.DEVSTACK_GITHUB_PORT}`,
          apiBaseUrl: local(p.DEVSTACK_GITHUB_PORT),
          token: 'ghp_devstack_write',
        },
      ],
      gitlab: [
        {
          host: `127.0.0.1:${p.DEVSTACK_GITLAB_PORT}`,
          apiBaseUrl: `${local(p.DEVSTACK_GITLAB_PORT)}/api/v4`,
          baseUrl: local(p.DEVSTACK_GITLAB_PORT),
          token: 'glpat-devstack-write',
        },
      ],
    },
  });
}
const RUN = 'greeting-service-run-5e6f7a8b';
const STEP = 'build-image';
const QUERY = 'error';

/** A build log of `count` lines; every 20th line reports an error. */
function buildLog(count) {
  const items = [];
  for (let i = 1; i <= count; i++) {
    const second = String(i % 60).padStart(2, '0');
    items.push({
      timestamp: `2026-01-01T10:${String(Math.floor(i / 60) % 60).padStart(
        2,
        '0',
      )}:${second}Z`,
      log:
        i % 20 === 0
          ? `ERROR: compile example.com/service/pkg${i}: undefined: handler${i}`
          : `#${i} [builder ${
              i % 7
            }/7] RUN go build -o /out/service ./cmd/service (package pkg${i} compiled)`,
    });
  }
  return { items, nextLine: count, availability: 'live' };
}

let stopping = false;

function start(command, args, name, env = {}, cwd = repoRoot) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', chunk => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.on('exit', code => {
    if (code && !stopping)
      console.error(`${name} exited with ${code}:\n${stderr}`);
  });
  return child;
}

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

async function signIn(page) {
  await page.goto(`${PORTAL}/`);
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign In' }).click();
  const popup = await popupOpened;
  await popup.getByLabel('Email').fill('developer@openchoreo.dev');
  await popup.getByLabel('Password').fill('developer');
  await Promise.all([
    popup.waitForEvent('close'),
    popup.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  await page.getByRole('link', { name: 'Catalog' }).first().waitFor();
}

/** The address of the build's step on the Builds tab. */
async function runUrl(page) {
  await page.goto(`${PORTAL}/catalog/default/component/greeting-service`);
  await page.getByText('Builds', { exact: true }).first().click();
  await page.waitForURL(/\/catalog\/default\/component\/greeting-service\/./);
  const url = new URL(page.url());
  url.search = new URLSearchParams({ run: RUN, step: STEP }).toString();
  return url.toString();
}

/** Opens the step with `count` lines served; the figures of its display. */
async function measureDisplay(page, url, count) {
  const body = JSON.stringify(buildLog(count));
  let servedAt;
  await page.unroute('**/workflow-runs/**/logs?**');
  await page.route('**/workflow-runs/**/logs?**', async route => {
    const asked = new URL(route.request().url());
    if (asked.searchParams.get('task') !== STEP) return route.continue();
    if ((asked.searchParams.get('fromLine') ?? '0') === '0') {
      // Watch for the lines before answering, so the answer's time is the start.
      await page.evaluate(() => {
        window.__logsShown = new Promise(resolve => {
          const check = () => {
            if (document.querySelector('[role="log"] [data-line]')) {
              // The frame after the one that drew the lines: they are painted.
              requestAnimationFrame(() =>
                setTimeout(() => resolve(performance.now())),
              );
              return;
            }
            requestAnimationFrame(check);
          };
          check();
        });
      });
      servedAt = await page.evaluate(() => performance.now());
      return route.fulfill({ contentType: 'application/json', body });
    }
    return route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        items: [],
        nextLine: count,
        availability: 'live',
      }),
    });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__logsShown !== undefined, null, {
    timeout: 60_000,
  });
  const shownAt = await page.evaluate(() => window.__logsShown);
  const receivedAt = await page.evaluate(() => window.__logsReceivedAt);
  const dom = await page.evaluate(() => ({
    page: document.querySelectorAll('*').length,
    log: document.querySelectorAll('[role="log"] *').length,
  }));
  return {
    displayMs: shownAt - receivedAt,
    fromFulfilMs: shownAt - servedAt,
    dom,
  };
}

/** Whether the view shows the matches of `query`: the count and the marks in view. */
function showsMatches(query) {
  const status = [...document.querySelectorAll('[role="status"]')].some(s =>
    /of \d+ matches|No matches/.test(s.textContent ?? ''),
  );
  const marks = [...document.querySelectorAll('[role="log"] mark')];
  return (
    status &&
    marks.length > 0 &&
    marks.every(m => (m.textContent ?? '').toLowerCase() === query)
  );
}

/** Types QUERY a character at a time; the time each took until its matches showed. */
async function measureTyping(page) {
  const input = page.getByLabel('Search logs');
  await input.click();
  const times = [];
  for (let i = 1; i <= QUERY.length; i++) {
    const query = QUERY.slice(0, i);
    await page.evaluate(() => {
      window.__pressedAt = undefined;
      document.addEventListener(
        'keydown',
        () => {
          window.__pressedAt = performance.now();
        },
        { capture: true, once: true },
      );
    });
    await page.keyboard.press(QUERY[i - 1]);
    await page.waitForFunction(showsMatches, query, {
      polling: 'raf',
      timeout: 120_000,
    });
    times.push(
      await page.evaluate(() => performance.now() - window.__pressedAt),
    );
  }
  return times;
}

/** Pastes QUERY into the empty search at once; the time until its matches showed. */
async function measurePaste(page) {
  const input = page.getByLabel('Search logs');
  await input.fill('');
  await page.waitForFunction(
    () => !document.querySelector('[role="log"] mark'),
    null,
    { timeout: 120_000 },
  );
  const startedAt = await page.evaluate(() => performance.now());
  await input.fill(QUERY);
  await page.waitForFunction(showsMatches, QUERY, {
    polling: 'raf',
    timeout: 120_000,
  });
  return (await page.evaluate(() => performance.now())) - startedAt;
}

async function main() {
  const devstack = start('yarn', ['devstack'], 'devstack', {
    DEVSTACK_QUIET: '1',
    ...Object.fromEntries(
      Object.entries(DEVSTACK_PORTS).map(([k, v]) => [k, String(v)]),
    ),
    DEVSTACK_PORTAL_REDIRECT_URIS: `${PORTAL}/api/auth/openchoreo/handler/frame`,
  });
  // As e2e-tests/start-portal.sh starts the build, with the bench's ports on top.
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-view-bench-'));
  const configFile = path.join(configDir, 'app-config.bench.json');
  fs.writeFileSync(configFile, benchConfig());
  const portal = start(
    'node',
    [
      path.resolve(build, 'packages/backend'),
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      path.join(repoRoot, 'e2e-tests/app-config.e2e.yaml'),
      '--config',
      configFile,
    ],
    'portal',
    { NODE_OPTIONS: '--no-node-snapshot' },
    path.join(repoRoot, 'packages/backend'),
  );
  const stop = () => {
    stopping = true;
    fs.rmSync(configDir, { recursive: true, force: true });
    for (const child of [portal, devstack]) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    await waitFor(
      `${local(
        DEVSTACK_PORTS.DEVSTACK_IDP_PORT,
      )}/.well-known/openid-configuration`,
      90_000,
    );
    await waitFor(`${PORTAL}/.backstage/health/v1/readiness`, 180_000);
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    // When the step's logs have arrived whole in the page: the start of "display" (handing a
    // body of megabytes from the test to the browser takes a while of its own).
    await page.addInitScript(step => {
      const original = window.fetch;
      window.fetch = async function fetchAndTime(...args) {
        const response = await original.apply(this, args);
        const url = String(args[0]?.url ?? args[0]);
        if (url.includes('/logs?') && url.includes(`task=${step}`)) {
          response
            .clone()
            .arrayBuffer()
            .then(() => {
              window.__logsReceivedAt ??= performance.now();
            });
        }
        return response;
      };
    }, STEP);
    await signIn(page);
    const url = await runUrl(page);
    // One unmeasured pass: the first visit loads and compiles the code of the view.
    await measureDisplay(page, url, 500);
    const rows = [];
    for (const count of sizes) {
      const display = await measureDisplay(page, url, count);
      if (process.env.BENCH_SCREENSHOT) {
        // To look at: BENCH_SCREENSHOT=/tmp/x names /tmp/x-<lines>.png.
        await page.screenshot({
          path: `${process.env.BENCH_SCREENSHOT}-${count}.png`,
          fullPage: true,
        });
      }
      const typing = await measureTyping(page);
      const paste = await measurePaste(page);
      rows.push({ count, ...display, typing, paste });
    }
    const ms = n => `${Math.round(n)} ms`;
    for (const r of rows) {
      console.log(
        `${String(r.count).padStart(6)} lines: display ${ms(r.displayMs)} ` +
          `(${ms(r.fromFulfilMs)} from route.fulfill); ` +
          `DOM ${r.dom.page} elements (log box ${r.dom.log}); ` +
          `typing "${QUERY}" ${r.typing.map(ms).join(', ')} ` +
          `(max ${ms(Math.max(...r.typing))}, total ${ms(
            r.typing.reduce((a, b) => a + b, 0),
          )}); ` +
          `pasted ${ms(r.paste)}`,
      );
    }
  } finally {
    await browser.close();
    stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
